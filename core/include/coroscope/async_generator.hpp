#pragma once
// AsyncGenerator<T>: what calling an `async def` that contains `yield` gives — a coroutine whose
// body can both co_await and co_yield. It has no task of its own: it runs inside the task of
// whoever iterates it, exactly like a Python async generator, so its co_awaits suspend the
// consumer's task, and that task's await chain ends in the generator's frame, at the line
// inside the generator.
//
//     async def ticks(n):                      aio::AsyncGenerator<int> ticks(int n) {
//         for i in range(n):                     for (int i = 0; i < n; ++i) {
//             await asyncio.sleep(0)                 co_await aio::sleep(0);
//             yield i                                co_yield i;
//                                                  }
//                                                }
//     async for x in ticks(3):                 for (auto gen = ticks(3); auto x = co_await gen.next();) {
//         print(x)                               aio::print(*x);
//                                              }
//     async for x in gen:    (a named one)     while (auto x = co_await gen.next()) {
//     [x * x async for x in ticks(3)]          co_await aio::collect(ticks(3), [](int x) { return x * x; })
//     [x async for x in ticks(3)]              co_await aio::collect(ticks(3))
//     await gen.aclose()                       co_await gen.aclose();
//     except GeneratorExit:                    catch (const aio::GeneratorExit&)   (a BaseException)
//
// `async for`. C++20 has no `for co_await`; `co_await gen.next()` is `await anext(gen, None)`:
// a std::optional<T> with the next item, or empty once the generator is exhausted — the
// StopAsyncIteration that ends the loop. The for-statement's init keeps the generator for the
// loop's duration, as `async for` keeps its iterator, and drops it when the loop ends: a
// generator left by `break` is then closed by a task of its own, as CPython's finalizer hook
// does. next() needs a named generator: `co_await ticks(3).next()` in a loop condition would
// start a new generator every time round, so it does not compile.
//
// How it runs (CPython's async_gen_asend): next() asks the task to run the generator's frame
// inline, as `co_await coroutine` does. A co_await in the generator suspends the task with the
// generator's frame innermost. A co_yield hands the value to the frame that called next(),
// which the task resumes in the same step, while the generator stays suspended at the co_yield
// (detail::Suspension::Kind::async_gen_yield: CPython wraps such a value so that asend gives it
// to the consumer instead of yielding it to the task).
//
// Closing (PEP 525). aclose() throws GeneratorExit in at the co_yield where the generator is
// suspended, so its RAII cleanup and catch blocks run; a generator that yields again instead
// makes aclose() raise RuntimeError. C++ allows no co_await inside a catch block: to await
// during cleanup, note the exception in the catch block, await after it, then rethrow. The loop
// keeps a weak list of the generators iterated at least once (the firstiter hook that asyncio
// installs with sys.set_asyncgen_hooks); when main returns, asyncio.run closes those still open,
// concurrently (loop.shutdown_asyncgens). A generator destroyed while suspended at a co_yield is
// closed by a task of its own, one iteration later (the finalizer hook:
// loop.call_soon(loop.create_task, agen.aclose())).
//
// Ownership: the AsyncGenerator object owns the frame, like Coroutine (move-only). Keep it alive
// while a next() or aclose() on it is awaited, as a local of the consuming coroutine is.
#include <coroutine>
#include <exception>
#include <functional>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "coroscope/coroutine.hpp"
#include "coroscope/detail/ref_counted.hpp"
#include "coroscope/event_loop.hpp"

namespace coroscope {

template <class T>
class AsyncGenerator;

namespace detail {

// The part of an async generator's frame that does not depend on T: CPython's
// ag_running_async and ag_closed, the exception to throw in at the co_yield, the loop whose
// hooks it registered with (ag_hooks_inited, ag_finalizer).
class AsyncGeneratorBase : public PromiseBase {
 public:
  explicit AsyncGeneratorBase(CallSite created) noexcept : PromiseBase(created) {}
  ~AsyncGeneratorBase();

  // An exception escaping the body reaches the consumer once, then the generator is finished
  // (later next() calls give StopAsyncIteration). This hides PromiseBase's version, which
  // keeps the exception for a task's root coroutine.
  void unhandled_exception() noexcept { raised_ = std::current_exception(); }
  void return_void() noexcept {}

  // async_gen_init_hooks: the first next(), athrow() or aclose() registers the generator with
  // the running loop (loop._asyncgen_firstiter_hook).
  void init_hooks();
  // ag_closed: returned, raised, or closed before it ever ran.
  bool finished() const noexcept { return closed_ || handle().done(); }
  // The generator's owner is gone (CPython collects the object): a generator suspended at a
  // co_yield goes to the finalizer hook; any other is destroyed at once.
  void finalize() noexcept;

 private:
  friend class AsendAwaiter;
  friend class YieldAwaiter;

  Ref<EventLoop> loop_;          // the loop whose hooks saw its first iteration
  std::exception_ptr throw_in_;  // raised at the co_yield when the generator resumes
  std::exception_ptr raised_;    // what escaped the body, until the consumer takes it
  bool hooks_inited_ = false;
  bool started_ = false;
  bool running_ = false;  // between next()/aclose() resuming it and its co_yield or end
  bool closed_ = false;
};

// The awaiter of `co_yield value`: suspends the generator and gives control back to the frame
// that resumed it. When the generator resumes, an exception thrown in (aclose's GeneratorExit,
// asynccontextmanager's block exception) is raised right here, at the co_yield.
class YieldAwaiter {
 public:
  YieldAwaiter(AsyncGeneratorBase& generator, unsigned line) noexcept : generator_(generator), line_(line) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>);
  void await_resume();

 private:
  AsyncGeneratorBase& generator_;
  unsigned line_;
};

// One resumption of the generator, CPython's async_gen_asend and async_gen_athrow: run it
// inline in the awaiting task, throwing `exception` in at its co_yield if there is one, until it
// yields or finishes. `method` names the call in the "already running" error.
class AsendAwaiter {
 public:
  AsendAwaiter(AsyncGeneratorBase& generator, std::exception_ptr exception, const char* method);
  bool await_ready();
  void await_suspend(std::coroutine_handle<>);
  // true: it yielded, and the value waits in the promise; false: StopAsyncIteration. An
  // exception that escaped the generator is raised here.
  bool await_resume();

 protected:
  AsyncGeneratorBase& generator() const noexcept { return generator_; }

 private:
  AsyncGeneratorBase& generator_;
  std::exception_ptr exception_;
  const char* method_;
};

// agen.aclose(): athrow(GeneratorExit), where GeneratorExit or StopAsyncIteration means the
// generator closed, and a value yielded means it refused to.
class ACloseAwaiter : public AsendAwaiter {
 public:
  explicit ACloseAwaiter(AsyncGeneratorBase& generator);
  void await_resume();
};

// `co_await gen.next()` and `co_await gen.athrow(exc)`: the value yielded, or std::nullopt.
template <class T>
class AnextAwaiter;

template <class T>
class AsyncGeneratorPromise final : public AsyncGeneratorBase {
 public:
  // The defaulted CallSite names the generator function, as in Promise<T>.
  explicit AsyncGeneratorPromise(CallSite created = here()) noexcept : AsyncGeneratorBase(created) {
    static_assert(alignof(AsyncGeneratorPromise) == alignof(PromiseBase),
                  "PromiseBase::handle() finds the frame by this alignment");
  }
  AsyncGenerator<T> get_return_object() noexcept;

  // `co_yield value`; the defaulted line is the co_yield's.
  YieldAwaiter yield_value(T value, unsigned line = __builtin_LINE()) {
    yielded_.emplace(std::move(value));
    return YieldAwaiter(*this, line);
  }
  T take_yielded() {
    T value = std::move(*yielded_);
    yielded_.reset();
    return value;
  }

 private:
  std::optional<T> yielded_;
};

template <class T>
class AnextAwaiter : public AsendAwaiter {
 public:
  AnextAwaiter(AsyncGeneratorPromise<T>& generator, std::exception_ptr exception, const char* method)
      : AsendAwaiter(generator, std::move(exception), method) {}
  std::optional<T> await_resume() {
    if (!AsendAwaiter::await_resume()) return std::nullopt;
    return static_cast<AsyncGeneratorPromise<T>&>(generator()).take_yielded();
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] AsyncGenerator {
 public:
  using promise_type = detail::AsyncGeneratorPromise<T>;
  using value_type = T;

  AsyncGenerator() noexcept = default;
  explicit AsyncGenerator(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}
  AsyncGenerator(AsyncGenerator&& o) noexcept : frame_(std::exchange(o.frame_, {})) {}
  AsyncGenerator& operator=(AsyncGenerator&& o) noexcept {
    AsyncGenerator(std::move(o)).swap(*this);
    return *this;
  }
  ~AsyncGenerator() {
    if (frame_) frame_.promise().finalize();
  }
  void swap(AsyncGenerator& o) noexcept { std::swap(frame_, o.frame_); }

  // `await anext(gen, None)`: the next item, or std::nullopt once the generator is exhausted.
  detail::AnextAwaiter<T> next() & { return {promise(), nullptr, "anext()"}; }
  void next() && = delete;  // a temporary generator would restart at every call: name it first
  // `await gen.athrow(exc)`: raises exc at the co_yield; the next item, or std::nullopt if the
  // generator then finishes.
  detail::AnextAwaiter<T> athrow(std::exception_ptr exception) & {
    return {promise(), std::move(exception), "athrow()"};
  }
  // `await gen.aclose()`: raises GeneratorExit at the co_yield, so the generator's cleanup runs.
  detail::ACloseAwaiter aclose() { return detail::ACloseAwaiter(promise()); }

  // The generator function's name (`agen.__qualname__`).
  const char* name() const noexcept { return frame_ ? frame_.promise().function_name() : ""; }
  explicit operator bool() const noexcept { return static_cast<bool>(frame_); }

 private:
  promise_type& promise() const {
    if (!frame_) throw RuntimeError("this AsyncGenerator is empty: it was moved from, or never assigned a generator");
    return frame_.promise();
  }

  std::coroutine_handle<promise_type> frame_;
};

template <class T>
AsyncGenerator<T> detail::AsyncGeneratorPromise<T>::get_return_object() noexcept {
  return AsyncGenerator<T>(std::coroutine_handle<AsyncGeneratorPromise>::from_promise(*this));
}

// An async comprehension: `[f(x) async for x in gen]` is `co_await aio::collect(gen, f)`, and
// `[x async for x in gen]` is `co_await aio::collect(gen)`. It takes the generator; pass a named
// one with std::move.
template <class T, class Transform = std::identity>
Coroutine<std::vector<std::decay_t<std::invoke_result_t<Transform&, T>>>> collect(AsyncGenerator<T> gen,
                                                                                  Transform transform = {}) {
  std::vector<std::decay_t<std::invoke_result_t<Transform&, T>>> items;
  while (std::optional<T> item = co_await gen.next()) items.push_back(std::invoke(transform, std::move(*item)));
  co_return items;
}

}  // namespace coroscope
