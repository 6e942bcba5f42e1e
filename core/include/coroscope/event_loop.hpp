#pragma once
// EventLoop: asyncio's BaseEventLoop for one thread — a FIFO ready queue of handles, a heap
// of timers ordered by (deadline, scheduling order), a clock, and step(): one handle at a time.
#include <array>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <unordered_map>
#include <vector>

#include "coroscope/call_site.hpp"
#include "coroscope/clock.hpp"
#include "coroscope/detail/ring_buffer.hpp"
#include "coroscope/detail/timer_queue.hpp"
#include "coroscope/exceptions.hpp"
#include "coroscope/handle.hpp"
#include "coroscope/none.hpp"
#include "coroscope/trace.hpp"

namespace coroscope {

class TaskBase;
namespace detail {
class FutureBase;
class AsyncGeneratorBase;
}  // namespace detail
template <class T>
class Future;
template <class T>
class Task;
template <class T>
class Coroutine;

// The context dict of loop.call_exception_handler().
struct ExceptionContext {
  std::string message;
  std::exception_ptr exception;
  std::string source;  // what raised it: "Task-3 (worker)", a callback's description, ...
};

// What one call of EventLoop::step() did.
enum class StepResult {
  ran,              // one handle ran
  empty_iteration,  // an iteration passed with no live handle (all cancelled, or stopping)
  idle,             // nothing ready and no timer: the loop would wait forever
};

class EventLoop final : public detail::RefCounted {
 public:
  explicit EventLoop(std::unique_ptr<Clock> clock = std::make_unique<MonotonicClock>());
  ~EventLoop() override;
  // A loop is made once per run and is larger than any pooled block: the pool (RefCounted's
  // operator new) is for the small objects the loop makes by the million.
  static void* operator new(std::size_t size) { return ::operator new(size); }
  static void operator delete(void* loop) noexcept { ::operator delete(loop); }

  // --- scheduling callbacks (call_soon / call_later / call_at) ---------------------------
  // `source` names the callback for the trace: where user code scheduled it, or one of the
  // runtime's own (runtime_callback("_release_waiter")), as asyncio's debug-mode handle repr
  // names the callback and where it was made.
  template <class F>
  Handle call_soon(F&& callback, CallSite source = here()) {
    auto handle = make_handle(std::forward<F>(callback), HandleKind::callback, {});
    trace_callback_source(*handle, source);
    schedule_ready(detail::Ref<detail::HandleState>(handle).detach());
    return Handle(std::move(handle));
  }
  // call_soon for the runtime's own callbacks (a future's done callbacks), which keep no Handle:
  // the ready queue's reference is the only one, so no count is taken and dropped again. A
  // task's steps are queued without a handle (schedule_task).
  template <class F>
  detail::HandleState& schedule_soon(F&& callback, HandleKind kind, HandleSubject subject) {
    auto handle = make_handle(std::forward<F>(callback), kind, subject);
    detail::HandleState& state = *handle;
    schedule_ready(handle.detach());
    return state;
  }
  // call_soon(task.__step) or call_soon(task.__wakeup), taking over one reference to the task
  // (TaskBase::schedule, which has checked that the loop is open and noted the step's handle
  // id and kind in the task).
  void schedule_task(TaskBase* task) { schedule_ready(ReadyEntry::of(task)); }
  template <class F>
  TimerHandle call_later(double delay, F&& callback, HandleSubject subject = {}, CallSite source = here()) {
    return call_at(time() + delay, std::forward<F>(callback), subject, source);
  }
  template <class F>
  TimerHandle call_at(double when, F&& callback, HandleSubject subject = {}, CallSite source = here()) {
    auto handle = make_handle(std::forward<F>(callback), HandleKind::callback, subject);
    // A timer that completes a future (sleep's) is named by that future, not by a source.
    if (subject.future == 0) trace_callback_source(*handle, source);
    schedule_timer(handle, when);
    return TimerHandle(std::move(handle));
  }

  // --- futures and tasks ----------------------------------------------------------------
  template <class T = void>
  Future<T> create_future();
  // loop.create_task(coro, name=): unlike asyncio.create_task, a given name consumes no
  // Task-N number (oracle 32).
  template <class T>
  Task<T> create_task(Coroutine<T> coro, std::string name = {});

  // --- running ----------------------------------------------------------------------------
  // Runs exactly one handle, starting a new iteration (_run_once's timers and snapshot) when
  // the current one is used up. run_forever and run_until_complete are loops over step().
  StepResult step();
  void run_forever();
  // run_until_complete cut at every handle, for a driver that shows each one (the visualizer,
  // through detail::Runner::step): begin_run_until(f); then run_step() until it returns true
  // (the loop stopped, as run_forever returns); then end_run_until(f), which raises if f is not
  // done. run_until_complete is this very sequence without the pauses.
  void begin_run_until(detail::FutureBase& future);
  // One turn of run_forever's loop: runs one step(), and returns true when the loop stops.
  // Raises DeadlockError when the loop could never make progress (deadlock_check()).
  bool run_step();
  void end_run_until(detail::FutureBase& future);
  // end_run_until for a run that ended by an exception (a deadlock): no check, nothing raised.
  void forget_run_until(detail::FutureBase& future) noexcept;
  // loop.run_until_complete(future): run until it is done and return its result.
  template <class T>
  value_or_none_t<T> run_until_complete(Future<T> future);
  template <class T>
  value_or_none_t<T> run_until_complete(Coroutine<T> coro);
  void stop() noexcept { stopping_ = true; }
  bool is_running() const noexcept { return running_; }
  bool is_closed() const noexcept { return closed_; }
  // Drops every handle and timer and destroys the frames of tasks still pending.
  void close();

  double time() const { return clock_->time(); }
  const Clock& clock() const noexcept { return *clock_; }
  Clock& clock() noexcept { return *clock_; }
  double clock_resolution() const { return clock_->resolution(); }

  // --- errors and debug mode ------------------------------------------------------------
  using ExceptionHandler = std::function<void(EventLoop&, const ExceptionContext&)>;
  void set_exception_handler(ExceptionHandler handler) { exception_handler_ = std::move(handler); }
  void call_exception_handler(const ExceptionContext& context);
  static void default_exception_handler(const ExceptionContext& context);
  bool get_debug() const noexcept { return debug_; }
  void set_debug(bool enabled) noexcept { debug_ = enabled; }
  double slow_callback_duration = 0.1;
  // A warning of debug mode (Python's logger.warning / RuntimeWarning): a `diagnostic` trace
  // event, and the text on stderr.
  void warn(Diagnostic diagnostic, const std::string& message);

  // Deadlock diagnosis: when nothing is ready, no timer is pending and the awaited future is
  // not done, run_forever / run_until_complete raise DeadlockError naming each stuck task, the
  // future it waits on and the line it waits at. Always on with a VirtualClock, whose time
  // only moves to a deadline. With a real clock asyncio waits in its selector for I/O or a
  // signal, and so does this loop unless the check is turned on: coroscope has no I/O and no
  // threads yet, so nothing can end that wait but killing the process (Ctrl-C).
  void set_deadlock_check(bool enabled) noexcept { deadlock_check_ = enabled; }
  bool deadlock_check() const noexcept { return deadlock_check_ || clock_is_virtual_; }

  // --- instrumentation (trace.hpp) ---------------------------------------------------------
  // The tracer receives every event from now on; nullptr turns tracing off. Not owned.
  void set_tracer(Tracer* tracer) noexcept;
  Tracer* tracer() const noexcept { return tracing_compiled ? tracer_ : nullptr; }
  // Records the event `make()` returns, if tracing is on: the one branch tracing costs when off.
  // `make` returns a TraceEvent by value, so it is constructed right in the tracer's memory.
  template <class MakeEvent>
  void trace(MakeEvent&& make) {
    if (tracing_compiled && tracer_) [[unlikely]] {
      ::new (tracer_->claim()) TraceEvent(make());
    }
  }
  std::uint32_t intern(std::string_view text) { return tracer_ ? tracer_->intern(text) : 0; }
  // intern() for a string with static storage (a source file, a coroutine's name): its id is
  // cached by address in a small direct-mapped table, so a suspension costs no hashing of the
  // text, only a multiply and a compare.
  std::uint32_t intern_literal(const char* text) {
    if (!tracer_) return 0;
    LiteralId& slot = literal_ids_[(reinterpret_cast<std::uintptr_t>(text) * 0x9E3779B97F4A7C15u) >> 56];
    if (slot.text != text) slot = {text, tracer_->intern(text)};
    return slot.id;
  }
  void trace_diagnostic(Diagnostic diagnostic, std::string_view message);
  // The fields a callback_source or callback_added event gives its callback: a = the name (or
  // the function that scheduled it), b = line, c = file (0 for one of the runtime's own).
  void name_callback(TraceEvent& event, CallSite source) {
    event.a = intern_literal(source.function);
    event.b = source.line;
    event.c = *source.file ? intern_literal(source.file) : 0;
  }

  // --- inspection, for tests, the trace and the app ---------------------------------------
  std::uint64_t iteration() const noexcept { return iteration_; }
  bool iteration_in_progress() const noexcept { return ntodo_ > 0; }
  std::size_t ready_count() const noexcept { return ready_.size(); }
  std::size_t timer_count() const noexcept { return timers_.size(); }

  // The task list behind all_tasks(), in creation order (Task registers itself).
  void register_task(TaskBase& task) noexcept;
  void unregister_task(TaskBase& task) noexcept;
  std::vector<TaskBase*> tasks() const;

  // --- async generators (async_generator.hpp) ----------------------------------------------
  // BaseEventLoop._asyncgens, a weak set: a generator's first next() or aclose() adds it
  // (_asyncgen_firstiter_hook), and it takes itself out when it is destroyed or finalized.
  void asyncgen_firstiter(detail::AsyncGeneratorBase& agen) { asyncgens_.push_back(&agen); }
  void asyncgen_discard(detail::AsyncGeneratorBase& agen) noexcept { std::erase(asyncgens_, &agen); }
  const std::vector<detail::AsyncGeneratorBase*>& asyncgens() const noexcept { return asyncgens_; }
  // loop.shutdown_asyncgens(): acloses every generator in the set, concurrently; asyncio.run
  // runs it after main. Defined in async_generator.cpp, beside the generators it closes.
  Coroutine<void> shutdown_asyncgens();

  void check_closed() const {
    if (closed_) [[unlikely]]
      throw_closed();
  }
  // Raises RuntimeError if this loop, or another one, is already running in this thread.
  void check_running() const;

 private:
  friend class detail::HandleState;
  friend class detail::FutureBase;
  friend class TaskBase;
  friend class RunningLoopScope;

  template <class F>
  detail::Ref<detail::HandleState> make_handle(F&& callback, HandleKind kind, HandleSubject subject) {
    check_closed();
    detail::Ref<detail::HandleState> handle(new detail::HandleState(this, kind, subject));
    handle->callback().emplace(std::forward<F>(callback));
    return handle;
  }
  // An entry of the ready queue: a handle, or a task whose next step is due. asyncio queues
  // a Handle for a task's step (Task.__step, or Task.__wakeup once the future it waits on is
  // done) like any callback. A task has at most one step pending, so the task keeps that
  // handle's id and kind itself and the entry points at the task: the low bit tells which
  // (both are at least 8-byte aligned). Either way the entry owns one reference.
  class ReadyEntry {
   public:
    ReadyEntry() noexcept = default;
    static ReadyEntry of(detail::HandleState* handle) noexcept {
      return ReadyEntry(reinterpret_cast<std::uintptr_t>(handle));
    }
    static ReadyEntry of(TaskBase* task) noexcept {
      return ReadyEntry(reinterpret_cast<std::uintptr_t>(task) | task_bit);
    }
    bool is_task() const noexcept { return (bits_ & task_bit) != 0; }
    detail::HandleState* handle() const noexcept { return reinterpret_cast<detail::HandleState*>(bits_); }
    TaskBase* task() const noexcept { return reinterpret_cast<TaskBase*>(bits_ & ~task_bit); }
    // Starts fetching what step() reads first of the entry's object (it may be cold: timers
    // come due in deadline order, not in the order their handles were made).
    void prefetch() const noexcept {
      const char* object = reinterpret_cast<const char*>(bits_ & ~task_bit);
      __builtin_prefetch(object, 1);
      __builtin_prefetch(object + 55, 1);  // a handle's flags and callback may straddle two lines
    }

   private:
    static constexpr std::uintptr_t task_bit = 1;
    explicit ReadyEntry(std::uintptr_t bits) noexcept : bits_(bits) {}
    std::uintptr_t bits_ = 0;
  };

  // Queues an entry, taking over its reference (the ready queue's). Inline: every call_soon
  // and task step comes here, and the queue's push_back is a few instructions.
  void schedule_ready(ReadyEntry entry) {
    ready_.push_back(std::move(entry));
    if (tracer()) [[unlikely]]
      trace_scheduled(entry);
  }
  void schedule_ready(detail::HandleState* handle) { schedule_ready(ReadyEntry::of(handle)); }
  [[gnu::noinline]] void trace_scheduled(ReadyEntry entry);
  static HandleInfo info(ReadyEntry entry);
  void schedule_timer(const detail::Ref<detail::HandleState>& handle, double when);
  void trace_callback_source(const detail::HandleState& handle, CallSite source) {
    trace([&] {
      TraceEvent event;
      event.kind = TraceKind::callback_source;
      event.handle = handle.id();
      name_callback(event, source);
      return event;
    });
  }
  void timer_handle_cancelled() noexcept { ++cancelled_timers_; }
  // run_until_complete without the result: run until `future` is done, then stop.
  void run_until_done(detail::FutureBase& future);
  // _run_until_complete_cb: the done callback that stops the loop.
  static void stop_when_done(detail::RefCounted& loop, detail::FutureBase& done);
  // What run_forever holds while it runs: the running loop, and debug mode's origin tracking.
  class RunScope;
  bool run_once();
  void stopped();
  bool begin_iteration();
  [[gnu::noinline]] void drop_cancelled_timers();
  [[gnu::noinline]] void schedule_due_timers(double now);
  void leave_timer_heap(detail::HandleState& handle) noexcept;
  static void drop_timer(detail::HandleState* handle) noexcept;
  [[noreturn]] static void throw_closed();
  void run(ReadyEntry entry);
  [[gnu::noinline]] void report_callback_exception();
  [[gnu::noinline]] void warn_if_slow(ReadyEntry entry, double took);
  [[noreturn]] void report_deadlock();
  [[noreturn]] void wait_forever();
  void wait(double timeout);
  [[noreturn]] void raise_keyboard_interrupt();
  // _format_handle: what a slow callback ran, for its warning.
  static std::string describe(ReadyEntry entry);

  std::unique_ptr<Clock> clock_;
  // BaseEventLoop._ready. Each entry owns one reference, taken when it is queued and given
  // back after it ran: plain pointers, so queueing and popping touch no count.
  detail::RingBuffer<ReadyEntry> ready_;
  // BaseEventLoop._scheduled. It owns one reference to each handle, taken in schedule_timer
  // and given back when the entry leaves it.
  detail::TimerQueue timers_;
  std::size_t cancelled_timers_ = 0;
  std::uint64_t timer_sequence_ = 0;
  std::size_t ntodo_ = 0;  // handles left in the current iteration's snapshot
  std::uint64_t iteration_ = 0;
  Tracer* tracer_ = nullptr;
  struct LiteralId {
    const char* text = nullptr;
    std::uint32_t id = 0;
  };
  std::array<LiteralId, 256> literal_ids_{};
  // cancel(msg)'s messages, by future: most futures are never cancelled with one, so a future
  // keeps only a flag (FutureBase::cancel_message).
  std::unordered_map<const detail::FutureBase*, std::string> cancel_messages_;
  // Task names, given or asked for (TaskBase::get_name): most tasks never need one.
  std::unordered_map<const TaskBase*, std::string> task_names_;
  TaskBase* first_task_ = nullptr;
  TaskBase* last_task_ = nullptr;
  std::vector<detail::AsyncGeneratorBase*> asyncgens_;  // in first-iteration order
  ExceptionHandler exception_handler_;
  bool running_ = false;
  bool stopping_ = false;
  std::uint32_t run_until_ = 0;  // the id of the future run_until_complete waits for, for the trace
  bool closed_ = false;
  bool debug_ = false;
  bool deadlock_check_ = false;
  bool clock_is_virtual_ = false;
};

namespace detail {
// The id of the task running now (0 outside tasks), for the trace.
std::uint32_t running_task_id() noexcept;
}  // namespace detail

// asyncio.get_running_loop(): the loop running in this thread (RuntimeError if none).
EventLoop& get_running_loop();
// The running loop or nullptr (asyncio._get_running_loop).
EventLoop* running_loop() noexcept;

// Marks `loop` as this thread's running loop for a scope (events._set_running_loop).
class RunningLoopScope {
 public:
  explicit RunningLoopScope(EventLoop& loop);
  ~RunningLoopScope();
  RunningLoopScope(const RunningLoopScope&) = delete;
  RunningLoopScope& operator=(const RunningLoopScope&) = delete;

 private:
  EventLoop* previous_;
};

// Raised by run_until_complete when the loop can never make progress: nothing is ready, no
// timer is pending, and the awaited future is not done. Its message names each stuck task.
class DeadlockError : public RuntimeError {
  using RuntimeError::RuntimeError;
};

}  // namespace coroscope
