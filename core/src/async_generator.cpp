#include "coroscope/async_generator.hpp"

#include <memory>
#include <string>

#include "coroscope/exception_group.hpp"
#include "coroscope/gather.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

namespace detail {

namespace {

// A generator handed over by the finalizer hook: destroying it destroys the frame and runs no
// finalizer again (PEP 442 runs an object's finalizer once).
struct DestroyFrame {
  void operator()(AsyncGeneratorBase* generator) const noexcept { generator->handle().destroy(); }
};
using OwnedGenerator = std::unique_ptr<AsyncGeneratorBase, DestroyFrame>;

// agen.aclose() as a coroutine that a task can run, as ensure_future wraps an awaitable.
Coroutine<void> aclose(AsyncGeneratorBase& agen) { co_await ACloseAwaiter(agen); }
// The finalizer's task owns the generator it closes.
Coroutine<void> aclose_owned(OwnedGenerator agen) { co_await aclose(*agen); }

}  // namespace

AsyncGeneratorBase::~AsyncGeneratorBase() {
  if (loop_) loop_->asyncgen_discard(*this);
}

void AsyncGeneratorBase::init_hooks() {
  if (hooks_inited_) return;
  hooks_inited_ = true;
  if (EventLoop* loop = running_loop()) {
    loop_ = Ref<EventLoop>(loop);
    loop->asyncgen_firstiter(*this);
  }
}

void AsyncGeneratorBase::finalize() noexcept {
  // loop._asyncgen_finalizer_hook: discard it from the loop's set and, unless the loop is
  // closed, call_soon(loop.create_task, agen.aclose()) — the close runs in a task of its own.
  if (loop_ && !loop_->is_closed() && !running_ && !finished()) {
    EventLoop& loop = *loop_;
    loop.asyncgen_discard(*this);
    loop.call_soon([&loop, agen = OwnedGenerator(this)]() mutable { loop.create_task(aclose_owned(std::move(agen))); },
                   runtime_callback("create_task"));
    return;
  }
  // Finished, never iterated, or its loop is gone: the frame goes now (its RAII cleanup runs).
  handle().destroy();
}

void YieldAwaiter::await_suspend(std::coroutine_handle<>) {
  suspend_task_async_gen_yield();
  generator_.set_suspended_at(line_);
}

void YieldAwaiter::await_resume() {
  if (std::exception_ptr exception = std::exchange(generator_.throw_in_, nullptr)) std::rethrow_exception(exception);
}

AsendAwaiter::AsendAwaiter(AsyncGeneratorBase& generator, std::exception_ptr exception, const char* method)
    : generator_(generator), exception_(std::move(exception)), method_(method) {
  generator.init_hooks();
}

bool AsendAwaiter::await_ready() {
  if (generator_.running_) throw RuntimeError(std::string(method_) + ": asynchronous generator is already running");
  if (generator_.finished()) {
    exception_ = nullptr;  // StopAsyncIteration, whatever was to be thrown in
    return true;
  }
  if (exception_ && !generator_.started_) {
    // Thrown into a generator that never started: it closes and raises at once; its body
    // never runs.
    generator_.closed_ = true;
    return true;
  }
  return false;
}

void AsendAwaiter::await_suspend(std::coroutine_handle<>) {
  suspend_task_awaiting(generator_);
  generator_.started_ = true;
  generator_.running_ = true;
  generator_.throw_in_ = std::exchange(exception_, nullptr);
}

bool AsendAwaiter::await_resume() {
  if (exception_) std::rethrow_exception(exception_);  // it did not run: see await_ready
  generator_.running_ = false;
  if (!generator_.finished()) return true;
  generator_.closed_ = true;
  if (std::exception_ptr raised = std::exchange(generator_.raised_, nullptr)) std::rethrow_exception(raised);
  return false;
}

ACloseAwaiter::ACloseAwaiter(AsyncGeneratorBase& generator)
    : AsendAwaiter(generator, std::make_exception_ptr(GeneratorExit()), "aclose()") {}

void ACloseAwaiter::await_resume() {
  try {
    if (!AsendAwaiter::await_resume()) return;  // StopAsyncIteration: it finished
  } catch (const GeneratorExit&) {
    return;
  }
  throw RuntimeError("async generator ignored GeneratorExit");
}

}  // namespace detail

// BaseEventLoop.shutdown_asyncgens: aclose every generator still in the set, concurrently, and
// report each one whose cleanup raised an Exception through the exception handler.
Coroutine<void> EventLoop::shutdown_asyncgens() {
  std::vector<detail::AsyncGeneratorBase*> closing_agens = std::exchange(asyncgens_, {});
  if (closing_agens.empty()) co_return;
  std::vector<Coroutine<void>> closes;
  std::vector<std::string> reprs;
  for (detail::AsyncGeneratorBase* agen : closing_agens) {
    closes.push_back(detail::aclose(*agen));
    reprs.push_back(std::string("<async_generator object ") + agen->function_name() + ">");
  }
  auto results = co_await gather(return_exceptions, std::move(closes));
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].is_exception() || !detail::is_exception(results[i].exception())) continue;
    call_exception_handler(
        {"an error occurred during closing of asynchronous generator " + reprs[i], results[i].exception(), {}});
  }
}

}  // namespace coroscope
