#pragma once
// Future<T>: asyncio.Future — pending, then finished (a result or an exception) or cancelled,
// with done callbacks that the loop runs through call_soon, never inline.
//
// The state is shared and reference counted: copying a Future copies a reference, as
// assigning a Python variable does. A type-erased base (FutureBase) holds everything but the
// result, so a task can wait on a future of any type and gather can hold mixed children.
#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "coroscope/detail/done_callbacks.hpp"
#include "coroscope/detail/ref_counted.hpp"
#include "coroscope/detail/suspension.hpp"
#include "coroscope/event_loop.hpp"
#include "coroscope/exceptions.hpp"
#include "coroscope/none.hpp"

namespace coroscope {

// What a future stands for, so the trace can say what a task waits on ("waiting on
// Queue.get"). Each primitive creates its waiters' futures with its own kind.
enum class FutureKind : std::uint8_t {
  plain,            // loop.create_future() / asyncio.Future()
  task,             // a Task
  sleep,            // asyncio.sleep
  gather,           // asyncio.gather's outer future
  shield,           // asyncio.shield's outer future
  wait_for,         // wait_for's and _cancel_and_wait's waiters
  wait,             // asyncio.wait / as_completed waiters
  timeout,          // asyncio.timeout's internals
  task_group,       // TaskGroup's __aexit__ waiter
  event,            // Event.wait
  lock,             // Lock.acquire
  condition,        // Condition.wait
  semaphore,        // Semaphore.acquire
  barrier,          // Barrier.wait
  queue_get,        // Queue.get
  queue_put,        // Queue.put
  queue_join,       // Queue.join
  async_generator,  // an async generator's asend/athrow/aclose
};
const char* to_string(FutureKind kind) noexcept;

namespace detail {

class FutureBase : public RefCounted {
 public:
  enum class State : std::uint8_t { pending, cancelled, finished };

 private:
  friend class GatheringBase;
  // The fields are laid out for size, since a program may keep a great many futures pending:
  // the id fills the padding after RefCounted's count, and the one-byte fields come last, so
  // that a derived state's first small fields fill the padding after them.
  std::uint32_t id_;

 public:
  FutureBase(EventLoop& loop, FutureKind kind);
  ~FutureBase() override;

  EventLoop& loop() const noexcept { return *loop_; }
  FutureKind kind() const noexcept { return kind_; }
  std::uint32_t id() const noexcept { return id_; }
  State state() const noexcept { return state_; }
  bool done() const noexcept { return state_ != State::pending; }
  bool cancelled() const noexcept { return state_ == State::cancelled; }

  // Future.cancel(msg): Task and gather's future override it.
  virtual bool cancel(std::string msg = {});
  // Future.exception(): null when finished with a result; raises while pending or cancelled.
  std::exception_ptr exception();
  // What Future.result() raises, or null if it would return a value (which then sits in the
  // derived class's slot). Retrieving marks the exception as seen (no "never retrieved").
  std::exception_ptr result_exception() {
    // The common case, a result, is decided inline: nothing to raise and nothing to mark.
    if (state_ == State::finished && !exception_) return nullptr;
    return exception_to_raise();
  }
  void rethrow_if_failed() {
    if (auto e = result_exception()) std::rethrow_exception(e);
  }
  void set_exception(std::exception_ptr exception);

  using CallbackFn = DoneCallback::Fn;
  // Future.add_done_callback. `source` and `owner` are for the trace (callback_added): the
  // callback's name or where user code added it, and the future it works for (the gather
  // whose child this is, the waiter it releases), so that a view can draw what a pending
  // future will do when it completes.
  void add_done_callback(CallbackFn fn, Ref<RefCounted> context, CallSite source, std::uint32_t owner = 0) {
    if (loop_->tracer()) [[unlikely]]
      trace_callback(TraceKind::callback_added, source, owner, 0);
    add_callback(fn, std::move(context));
  }
  std::size_t remove_done_callback(CallbackFn fn, const RefCounted* context, CallSite source, std::uint32_t owner = 0);
  // The done callback of a task that awaits this future (Task.__wakeup): when it is
  // scheduled, the task itself goes into the ready queue, with no Handle (TaskBase::schedule).
  // Not traced: the task's `suspend` on this future already says it waits here.
  void add_waiting_task(Ref<RefCounted> task) { add_callback(nullptr, std::move(task)); }
  std::size_t remove_waiting_task(const RefCounted* task) noexcept { return callbacks_.remove(nullptr, task); }

  // A description for diagnostics: "<Future pending>", "Task-3 (worker)".
  virtual std::string describe() const;

  // Where the concrete state keeps its ResultSlot<T>.
  virtual void* result_slot() noexcept = 0;
  // Future.set_result in two halves around storing the value in the slot: InvalidStateError
  // unless pending; then finished, and the done callbacks scheduled.
  void check_pending() const;
  void mark_finished();
  // Future._make_cancelled_error: the CancelledError that result() of a cancelled future
  // raises (the one that ended a task, once; else a new one with the cancel message).
  std::exception_ptr make_cancelled_error();
  const std::string& cancel_message() const noexcept;

 protected:
  // Future.cancel without the override, what Task calls as super().cancel().
  bool cancel_future(std::string msg);
  void report_never_retrieved(const std::string& what);
  void drop_callbacks() noexcept { callbacks_.clear(); }

  void set_cancel_message(std::string msg);

 private:
  // Inline: a task adds one at every suspension on a future.
  void add_callback(CallbackFn fn, Ref<RefCounted> context) {
    if (done()) [[unlikely]] {
      schedule_callback({fn, std::move(context)});  // a future already done schedules it at once
    } else {
      callbacks_.push_back({fn, std::move(context)});
    }
  }
  [[gnu::noinline]] void trace_callback(TraceKind kind, CallSite source, std::uint32_t owner, std::size_t removed);

  Ref<EventLoop> loop_;

 protected:
  // Finished: the exception set_exception stored. Cancelled: the CancelledError that ended a
  // task, kept for its awaiters. Pending (a task): the exception its next step throws in. A
  // future is never two of these at once, so they share one slot.
  std::exception_ptr exception_;

 private:
  void schedule_callbacks();
  void schedule_callback(DoneCallback&& cb);
  std::exception_ptr exception_to_raise();

  DoneCallbacks callbacks_;
  State state_ = State::pending;
  FutureKind kind_;
  bool marked_by_gather_ = false;  // set only inside GatheringBase's constructor, to find repeats
  // cancel(msg)'s message is kept by the loop (EventLoop::cancel_messages_): most futures are
  // never cancelled with one, so a future spends a flag on it, not a pointer.
  bool has_cancel_message_ = false;

 protected:
  bool log_traceback_ = false;
};

// Tag: make a Future<T> handle for a state that already exists (a task's, gather's).
struct AdoptState {};

// The result slot, beside the base in each concrete future state.
template <class T>
struct ResultSlot {
  std::optional<value_or_none_t<T>> value;
};

template <class T>
class FutureState final : public FutureBase, public ResultSlot<T> {
 public:
  FutureState(EventLoop& loop, FutureKind kind) : FutureBase(loop, kind) {}
  void* result_slot() noexcept override { return static_cast<ResultSlot<T>*>(this); }
};

// The awaiter behind `co_await future`: no suspension when the future is already done
// (Future.__await__ yields only while pending).
template <class T>
class FutureAwaiter {
 public:
  explicit FutureAwaiter(Ref<FutureBase> future) : future_(std::move(future)) {}
  bool await_ready() const noexcept { return future_->done(); }
  void await_suspend(std::coroutine_handle<>) { suspend_task_on(*future_); }
  value_or_none_t<T> await_resume() {
    future_->rethrow_if_failed();
    return *static_cast<ResultSlot<T>*>(future_->result_slot())->value;
  }
  FutureBase& future() const noexcept { return *future_; }

 private:
  // Only the future: a suspended coroutine's frame holds its awaiter, and a pending task's
  // frame is part of what each pending task costs.
  Ref<FutureBase> future_;
};

}  // namespace detail

// AnyFuture: a reference to a future of any result type — what gather, wait and the trace
// hold. Future<T> adds the typed result.
class AnyFuture {
 public:
  AnyFuture() = default;
  explicit AnyFuture(detail::Ref<detail::FutureBase> state) : state_(std::move(state)) {}

  bool done() const noexcept { return state_->done(); }
  bool cancelled() const noexcept { return state_->cancelled(); }
  bool cancel(std::string msg = {}) const { return state_->cancel(std::move(msg)); }
  std::exception_ptr exception() const { return state_->exception(); }
  EventLoop& get_loop() const noexcept { return state_->loop(); }

  detail::FutureBase* state() const noexcept { return state_.get(); }
  explicit operator bool() const noexcept { return static_cast<bool>(state_); }
  friend bool operator==(const AnyFuture& a, const AnyFuture& b) noexcept { return a.state_ == b.state_; }

 protected:
  detail::Ref<detail::FutureBase> state_;
};

template <class T>
class Future;

// A done callback with an identity, like a Python function object: each DoneCallback made
// from a callable is a new callback, and copies of it are the same one, so
// remove_done_callback(cb) removes every registration of cb (oracle 09).
template <class T>
class DoneCallback {
 public:
  template <class F>
  requires std::is_invocable_v < F&, const Future<T>
  & > DoneCallback(F callable, CallSite source = here()) : box_(new Box(std::move(callable), source)) {}

 private:
  friend class Future<T>;
  struct Box final : detail::RefCounted {
    Box(std::function<void(const Future<T>&)> f, CallSite where) : fn(std::move(f)), source(where) {}
    std::function<void(const Future<T>&)> fn;
    CallSite source;  // where it was made: the trace's name for it
  };
  static void invoke(detail::RefCounted& box, detail::FutureBase& future);
  detail::Ref<Box> box_;
};

template <class T = void>
class Future : public AnyFuture {
 public:
  using value_type = value_or_none_t<T>;

  // asyncio.Future(): a pending future on the running loop.
  Future() : Future(get_running_loop()) {}
  explicit Future(EventLoop& loop, FutureKind kind = FutureKind::plain)
      : AnyFuture(detail::Ref<detail::FutureBase>(new detail::FutureState<T>(loop, kind))) {}
  // For the runtime's own states (Task, gather): `state` must derive from ResultSlot<T>.
  Future(detail::Ref<detail::FutureBase> state, detail::AdoptState) : AnyFuture(std::move(state)) {}

  // Future.result(): the value; raises the exception, CancelledError, or InvalidStateError.
  const value_type& result() const {
    state_->rethrow_if_failed();
    return *slot().value;
  }
  void set_result(value_type value) const requires(!std::is_void_v<T>) { store_result(std::move(value)); }
  void set_result() const requires std::is_void_v<T> { store_result(None); }
  void set_exception(std::exception_ptr exception) const {
    if (state_->kind() == FutureKind::task) throw RuntimeError("Task does not support set_exception operation");
    state_->set_exception(std::move(exception));
  }
  template <class E>
  requires std::is_base_of_v<std::exception, E>
  void set_exception(E exception) const { set_exception(std::make_exception_ptr(std::move(exception))); }

  void add_done_callback(DoneCallback<T> callback) const {
    state_->add_done_callback(&DoneCallback<T>::invoke, callback.box_, callback.box_->source);
  }
  std::size_t remove_done_callback(const DoneCallback<T>& callback) const {
    return state_->remove_done_callback(&DoneCallback<T>::invoke, callback.box_.get(), callback.box_->source);
  }

  detail::FutureAwaiter<T> operator co_await() const { return detail::FutureAwaiter<T>(state_); }

 protected:
  // Every concrete state of a Future<T> (FutureState<T>, TaskState<T>, ...) derives from
  // ResultSlot<T>; the base records where that slot is.
  detail::ResultSlot<T>& slot() const { return *static_cast<detail::ResultSlot<T>*>(state_->result_slot()); }

 private:
  void store_result(value_type value) const {
    if (state_->kind() == FutureKind::task) throw RuntimeError("Task does not support set_result operation");
    state_->check_pending();
    slot().value.emplace(std::move(value));
    state_->mark_finished();
  }
};

template <class T>
void DoneCallback<T>::invoke(detail::RefCounted& box, detail::FutureBase& future) {
  static_cast<Box&>(box).fn(Future<T>(detail::Ref<detail::FutureBase>(&future), detail::AdoptState{}));
}

template <class T>
Future<T> EventLoop::create_future() {
  return Future<T>(*this);
}

}  // namespace coroscope
