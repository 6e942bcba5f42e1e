#include "coroscope/event_loop.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <unordered_map>

#include "coroscope/future.hpp"
#include "coroscope/interrupt.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

namespace {
thread_local EventLoop* running = nullptr;

// base_events._MIN_SCHEDULED_TIMER_HANDLES and _MIN_CANCELLED_TIMER_HANDLES_FRACTION.
constexpr std::size_t min_scheduled_timer_handles = 100;
constexpr double min_cancelled_timer_handles_fraction = 0.5;

// How far ahead in the ready queue step() fetches handles: far enough that a cold handle's
// memory arrives before its turn, near enough that it is still cached then.
constexpr std::size_t prefetch_distance = 8;

double wall_seconds() {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

EventLoop* running_loop() noexcept { return running; }

EventLoop& get_running_loop() {
  if (!running) throw RuntimeError("no running event loop");
  return *running;
}

RunningLoopScope::RunningLoopScope(EventLoop& loop) : previous_(std::exchange(running, &loop)) { loop.running_ = true; }
RunningLoopScope::~RunningLoopScope() {
  running->running_ = false;
  running = previous_;
}

EventLoop::EventLoop(std::unique_ptr<Clock> clock)
    : clock_(std::move(clock)), clock_is_virtual_(dynamic_cast<const VirtualClock*>(clock_.get()) != nullptr) {}

EventLoop::~EventLoop() {
  if (!closed_) close();
}

void EventLoop::throw_closed() { throw RuntimeError("Event loop is closed"); }

void EventLoop::check_running() const {
  if (running_) throw RuntimeError("This event loop is already running");
  if (running) throw RuntimeError("Cannot run the event loop while another loop is running");
}

void EventLoop::set_tracer(Tracer* tracer) noexcept {
  tracer_ = tracer;
  literal_ids_ = {};  // the ids belong to the previous tracer's string table
}

namespace {
// An event about a handle; `value` and `a` are kind-specific (a deadline, a queue position).
TraceEvent handle_event(TraceKind kind, const HandleInfo& handle, double value = 0, std::uint32_t a = 0) {
  return {.value = value,
          .task = handle.subject.task,
          .future = handle.subject.future,
          .handle = handle.id,
          .a = a,
          .kind = kind,
          .detail = static_cast<std::uint8_t>(handle.kind)};
}
TraceEvent handle_event(TraceKind kind, const detail::HandleState& handle, double value = 0, std::uint32_t a = 0) {
  return handle_event(kind, handle.info(), value, a);
}
}  // namespace

void detail::HandleState::cancel() noexcept {
  if (cancelled_) return;
  cancelled_ = true;
  // TimerHandle.cancel tells the loop, which counts cancelled timers to decide when to
  // rebuild its heap.
  if (!in_timer_heap_) return;  // a ready handle is skipped (handle_cancelled) within an iteration
  loop_->timer_handle_cancelled();
  // A timer cancelled now never runs: a view must not show it pending until the loop gets
  // round to dropping it.
  loop_->trace([&] { return handle_event(TraceKind::handle_cancel, *this); });
}

HandleInfo EventLoop::info(ReadyEntry entry) {
  return entry.is_task() ? entry.task()->scheduled_step() : entry.handle()->info();
}

void EventLoop::trace_scheduled(ReadyEntry entry) {
  trace([&] {
    return handle_event(TraceKind::handle_scheduled, info(entry), 0, static_cast<std::uint32_t>(ready_.size()));
  });
}

void EventLoop::schedule_timer(const detail::Ref<detail::HandleState>& handle, double when) {
  handle->when_ = when;
  handle->in_timer_heap_ = true;
  handle->add_ref();  // the timer queue's reference
  handle->timer_sequence_ = ++timer_sequence_;
  timers_.push({when, handle.get()});
  trace([&] { return handle_event(TraceKind::timer_scheduled, *handle, when); });
}

// The first half of BaseEventLoop._run_once: drop cancelled timers, wait for the earliest
// deadline if nothing is ready, move every due timer behind the handles already ready, and
// take the snapshot of what this iteration runs. Returns false when nothing could ever run.
// The timer work is in its own functions, so an iteration without timers stays short.
bool EventLoop::begin_iteration() {
  if (!timers_.empty()) drop_cancelled_timers();

  double timeout = 0;
  if (ready_.empty() && !stopping_) {
    if (timers_.empty()) return false;
    timeout = std::max(0.0, timers_.front().when - time());
  }
  ++iteration_;
  // The selector's wait. With no file descriptor registered there is nothing to poll, so a
  // loop with ready handles makes no system call at all.
  if (timeout > 0) {
    trace([&] { return TraceEvent{.value = timeout, .kind = TraceKind::io_wait}; });
    wait(timeout);
  }

  // The clock is read only when something needs the time: due timers, or the trace, which
  // records the iteration's time.
  const double now = timers_.empty() && !tracer() ? 0.0 : time();
  trace([&] {
    return TraceEvent{.value = now,
                      .a = static_cast<std::uint32_t>(ready_.size()),
                      .b = static_cast<std::uint32_t>(timers_.size()),
                      .kind = TraceKind::iteration_begin};
  });
  if (!timers_.empty()) schedule_due_timers(now);

  // Only what is ready now runs in this iteration: a handle scheduled while they run waits
  // for the next one (the ntodo snapshot).
  ntodo_ = ready_.size();
  return true;
}

void EventLoop::drop_cancelled_timers() {
  if (timers_.size() > min_scheduled_timer_handles &&
      static_cast<double>(cancelled_timers_) / static_cast<double>(timers_.size()) >
          min_cancelled_timer_handles_fraction) {
    timers_.remove_if([](const detail::TimerQueue::Entry& timer) {
      if (!timer.handle->cancelled()) return false;
      drop_timer(timer.handle);
      return true;
    });
    cancelled_timers_ = 0;
  } else {
    while (!timers_.empty() && timers_.front().handle->cancelled()) {
      --cancelled_timers_;
      trace([&] { return handle_event(TraceKind::handle_cancelled, *timers_.front().handle); });
      drop_timer(timers_.pop().handle);
    }
  }
}

// A timer that leaves the loop unrun (dropped when cancelled, or when the loop closes): it is
// no longer scheduled, so a later cancel() does not reach the loop, and the loop's reference
// goes.
void EventLoop::drop_timer(detail::HandleState* handle) noexcept {
  handle->in_timer_heap_ = false;
  handle->release();
}

// The handles of due timers are not touched here: they come due in deadline order, not in
// the order they were made, so each one is cold, and step() fetches it ahead of its turn. The
// timer queue's bookkeeping for them (TimerHandle._scheduled) is finished there.
void EventLoop::schedule_due_timers(double now) {
  const double end_time = now + clock_resolution();
  while (!timers_.empty() && timers_.front().when < end_time) {
    detail::HandleState* handle = timers_.pop().handle;  // the queue's reference goes to the ready queue
    trace([&] {
      return handle_event(TraceKind::timer_due, *handle, handle->when(), static_cast<std::uint32_t>(ready_.size() + 1));
    });
    ready_.push_back(ReadyEntry::of(handle));
  }
}

// A due timer's handle leaves the timer queue's books as the loop takes it from the ready queue: a
// cancel() in between still counted it as a cancelled timer, and that count is taken back.
// Every due timer is taken in the iteration that made it due, so the count is exact again
// before the next iteration reads it.
void EventLoop::leave_timer_heap(detail::HandleState& handle) noexcept {
  handle.in_timer_heap_ = false;
  if (handle.cancelled()) --cancelled_timers_;
}

StepResult EventLoop::step() {
  if (!running_) {
    check_closed();
    check_running();
    RunningLoopScope scope(*this);
    return step();
  }
  if (ntodo_ == 0 && !begin_iteration()) return StepResult::idle;
  while (ntodo_ > 0) {
    const ReadyEntry entry = ready_.pop_front();
    --ntodo_;
    // Entries a few places ahead are fetched while this one runs: handles that timers made
    // ready are cold (they come due in deadline order, not in the order they were made).
    if (ready_.size() > prefetch_distance) ready_[prefetch_distance].prefetch();
    if (entry.is_task()) {
      const detail::Ref<TaskBase> task = detail::adopt(entry.task());  // the queue's reference
      trace([&] { return handle_event(TraceKind::handle_run, task->scheduled_step()); });
      run(entry);
      return StepResult::ran;
    }
    const detail::Ref<detail::HandleState> handle = detail::adopt(entry.handle());  // the queue's reference
    if (handle->in_timer_heap_) [[unlikely]]
      leave_timer_heap(*handle);
    if (handle->cancelled()) {
      trace([&] { return handle_event(TraceKind::handle_cancelled, *handle); });
      continue;
    }
    trace([&] { return handle_event(TraceKind::handle_run, *handle); });
    run(entry);
    return StepResult::ran;
  }
  return StepResult::empty_iteration;
}

// Handle._run: an exception that escapes goes to the exception handler, and the loop goes on.
void EventLoop::run(ReadyEntry entry) {
  // _run_once decides before the handle runs whether to time it: a callback that turns debug
  // mode on is not itself timed (from 0, which would make it "slow" by the whole epoch).
  const bool timed = debug_;
  const double start = timed ? wall_seconds() : 0.0;
  try {
    if (entry.is_task()) {
      entry.task()->run_scheduled_step();
    } else {
      entry.handle()->run();
    }
  } catch (...) {
    report_callback_exception();
    // What the callback captured is dropped once its exception is reported, not when the
    // last Handle reference goes (one that returned dropped it at once).
    if (!entry.is_task()) entry.handle()->callback().reset();
  }
  if (timed) [[unlikely]]
    warn_if_slow(entry, wall_seconds() - start);
}

// The rare paths of run, out of line so that running a handle stays a short call.
void EventLoop::report_callback_exception() {
  call_exception_handler({"Exception in callback", std::current_exception(), {}});
}

void EventLoop::warn_if_slow(ReadyEntry entry, double took) {
  if (took < slow_callback_duration) return;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", took);
  warn(Diagnostic::slow_callback, "Executing " + describe(entry) + " took " + seconds + " seconds");
}

// What run_forever sets up for as long as it runs (a stepping driver, for each run_step).
class EventLoop::RunScope {
 public:
  explicit RunScope(EventLoop& loop) : loop_((loop.check_closed(), loop.check_running(), loop)), running_(loop) {}
  RunScope(const RunScope&) = delete;
  RunScope& operator=(const RunScope&) = delete;
  // A run that ends by an exception (a deadlock) forgets a stop() asked for, as run_forever's
  // `finally: self._stopping = False` does.
  ~RunScope() {
    if (std::uncaught_exceptions() > exceptions_) loop_.stopping_ = false;
  }

 private:
  EventLoop& loop_;
  RunningLoopScope running_;
  // BaseEventLoop.run_forever turns on coroutine origin tracking in debug mode.
  struct OriginTracking {
    bool previous = detail::coroutine_origin_tracking;
    explicit OriginTracking(bool debug) { detail::set_coroutine_origin_tracking(previous || debug); }
    ~OriginTracking() { detail::set_coroutine_origin_tracking(previous); }
  } tracking_{loop_.debug_};
  int exceptions_ = std::uncaught_exceptions();
};

void EventLoop::run_forever() {
  const RunScope scope(*this);
  while (!run_once()) {
  }
}

bool EventLoop::run_step() {
  const RunScope scope(*this);
  return run_once();
}

bool EventLoop::run_once() {
  if (step() == StepResult::idle) {
    if (deadlock_check()) report_deadlock();
    wait_forever();
  }
  if (ntodo_ != 0 || !stopping_) return false;
  stopped();
  return true;
}

// run_forever returns: the iteration in which stop() was called is used up.
void EventLoop::stopped() {
  stopping_ = false;
  trace([&] {
    TraceEvent event;
    event.kind = TraceKind::loop_stopped;
    event.future = run_until_;
    return event;
  });
}

// selector.select(None) with nothing registered: asyncio would block until a signal. A
// signal that comes between the check and the sleep is seen one wait later: the waits are
// short enough for that to pass unnoticed.
void EventLoop::wait_forever() {
  trace([&] { return TraceEvent{.value = -1, .kind = TraceKind::io_wait}; });  // select(None)
  for (;;) wait(1.0);
}

// The selector's wait, where Python checks for signals (a signal cuts a real clock's wait
// short, PEP 475): a Ctrl-C before or during it raises KeyboardInterrupt here.
void EventLoop::wait(double timeout) {
  if (detail::take_interrupt()) [[unlikely]]
    raise_keyboard_interrupt();
  clock_->wait(timeout);
  if (detail::take_interrupt()) [[unlikely]]
    raise_keyboard_interrupt();
}

void EventLoop::raise_keyboard_interrupt() {
  trace_diagnostic(Diagnostic::interrupted, "KeyboardInterrupt");
  throw KeyboardInterrupt();
}

std::string EventLoop::describe(ReadyEntry entry) {
  if (entry.is_task()) return entry.task()->describe();
  return entry.handle()->kind() == HandleKind::done_callback ? "<Handle a future's done callback>"
                                                             : "<Handle a callback>";
}

void EventLoop::warn(Diagnostic diagnostic, const std::string& message) {
  trace_diagnostic(diagnostic, message);
  std::fprintf(stderr, "%s\n", message.c_str());
}

// BaseEventLoop.run_until_complete: a done callback stops the loop — one iteration after
// the future completes, so what the future's completion scheduled still runs (oracle 37).
void EventLoop::run_until_done(detail::FutureBase& future) {
  begin_run_until(future);
  try {
    run_forever();
  } catch (...) {
    forget_run_until(future);
    throw;
  }
  end_run_until(future);
}

void EventLoop::stop_when_done(detail::RefCounted& loop, detail::FutureBase& done) {
  // _run_until_complete_cb reads the exception, which marks it as retrieved.
  if (!done.cancelled()) done.exception();
  static_cast<EventLoop&>(loop).stop();
}

// The trace's name of stop_when_done, as it is added and removed.
constexpr CallSite run_until_complete_cb = runtime_callback("_run_until_complete_cb");

void EventLoop::begin_run_until(detail::FutureBase& future) {
  check_closed();
  check_running();
  future.add_done_callback(stop_when_done, detail::Ref<detail::RefCounted>(this), run_until_complete_cb);
  run_until_ = future.id();
}

void EventLoop::forget_run_until(detail::FutureBase& future) noexcept {
  future.remove_done_callback(stop_when_done, this, run_until_complete_cb);
  run_until_ = 0;
}

void EventLoop::end_run_until(detail::FutureBase& future) {
  forget_run_until(future);
  if (!future.done()) throw RuntimeError("Event loop stopped before Future completed.");
}

namespace {
// " at file:line", or nothing for a frame that has not awaited yet.
std::string at(const CallSite& site) {
  return site.line == 0 ? std::string() : " at " + std::string(site.file) + ":" + std::to_string(site.line);
}

// The await chain, innermost frame first, each at the line it waits at. Like a CPython
// traceback, a line that repeats (a deep recursion) is shown three times, then
// "[Previous line repeated N more times]" (traceback._RECURSIVE_CUTOFF).
void append_await_chain(std::string& text, const TaskBase& task) {
  constexpr std::size_t recursive_cutoff = 3;
  std::string previous;
  std::size_t repeats = 0;
  const auto end_repeats = [&] {
    if (repeats <= recursive_cutoff) return;
    const std::size_t more = repeats - recursive_cutoff;
    text += "\n      [Previous line repeated " + std::to_string(more) + " more time" + (more > 1 ? "s]" : "]");
  };
  const auto chain = task.await_chain();
  for (auto frame = chain.rbegin(); frame != chain.rend(); ++frame) {
    std::string line = "\n      in " + std::string((*frame)->function_name()) + "()" + at((*frame)->suspended_at());
    if (line == previous) {
      if (++repeats <= recursive_cutoff) text += line;
      continue;
    }
    end_repeats();
    text += line;
    previous = std::move(line);
    repeats = 1;
  }
  end_repeats();
}

// The task a task awaits, when the future it waits on is one.
const TaskBase* awaited_task(const TaskBase& task) {
  const detail::FutureBase* waiter = task.fut_waiter();
  return waiter && waiter->kind() == FutureKind::task ? static_cast<const TaskBase*>(waiter) : nullptr;
}

// "Task A → awaits Task B at lesson.cpp:9 → awaits Task A at lesson.cpp:14", the way asyncio
// 3.14's await-graph tools name a cycle, with the line of each co_await.
std::string describe_cycle(const TaskBase& start) {
  std::string text = "Task " + start.get_name();
  const TaskBase* task = &start;
  do {
    const TaskBase* awaited = awaited_task(*task);
    text += " → awaits Task " + awaited->get_name() + at(task->await_chain().back()->suspended_at());
    task = awaited;
  } while (task != &start);
  return text;
}

// The await cycles among the loop's pending tasks. A task awaits at most one task, so a walk
// along fut_waiter from each task finds them all: a walk that comes back to a task it reached
// itself has gone round a cycle; one that reaches a task an earlier walk reached has not.
std::vector<std::string> await_cycles(const TaskBase* first) {
  std::unordered_map<const TaskBase*, std::size_t> reached_by;
  std::vector<std::string> cycles;
  std::size_t walk = 0;
  for (const TaskBase* start = first; start; start = start->next_in_loop) {
    ++walk;
    const TaskBase* task = start;
    while (task && !task->done() && reached_by.emplace(task, walk).second) task = awaited_task(*task);
    if (task && !task->done() && reached_by.at(task) == walk) cycles.push_back(describe_cycle(*task));
  }
  return cycles;
}
}  // namespace

void EventLoop::report_deadlock() {
  std::string text = "deadlock: nothing is ready and no timer is pending, so the event loop would wait forever";
  for (TaskBase* task = first_task_; task; task = task->next_in_loop) {
    if (task->done()) continue;
    text += "\n  " + task->get_name() + " (" + std::string(task->get_coro_name()) + ")";
    detail::FutureBase* waiter = task->fut_waiter();
    if (!waiter) continue;
    text += " waits on " + waiter->describe();
    if (waiter->kind() != FutureKind::task && waiter->kind() != FutureKind::plain)
      text += std::string(" (") + to_string(waiter->kind()) + ")";
    append_await_chain(text, *task);
  }
  for (const std::string& cycle : await_cycles(first_task_)) text += "\n  await cycle: " + cycle;
  trace_diagnostic(Diagnostic::deadlock, text);
  throw DeadlockError(text);
}

void EventLoop::trace_diagnostic(Diagnostic diagnostic, std::string_view message) {
  trace([&] {
    TraceEvent event;
    event.kind = TraceKind::diagnostic;
    event.detail = static_cast<std::uint8_t>(diagnostic);
    event.task = detail::running_task_id();
    event.a = intern(message);
    return event;
  });
}

void EventLoop::close() {
  if (running_) throw RuntimeError("Cannot close a running event loop");
  if (closed_) return;
  closed_ = true;
  while (!ready_.empty()) {
    const ReadyEntry entry = ready_.pop_front();
    if (entry.is_task()) {
      entry.task()->release();
    } else {
      drop_timer(entry.handle());  // it may be a due timer
    }
  }
  timers_.for_each([](const detail::TimerQueue::Entry& timer) { drop_timer(timer.handle); });
  timers_.clear();
  ntodo_ = 0;
  // Pending tasks can never run again. Their frames go now, which breaks the cycles
  // task -> future it waits on -> its wakeup callback -> task.
  std::vector<detail::Ref<TaskBase>> pending;
  for (TaskBase* task = first_task_; task; task = task->next_in_loop)
    if (!task->done()) pending.emplace_back(task);
  for (auto& task : pending) task->abandon();
}

void EventLoop::register_task(TaskBase& task) noexcept {
  task.prev_in_loop = last_task_;
  task.next_in_loop = nullptr;
  (last_task_ ? last_task_->next_in_loop : first_task_) = &task;
  last_task_ = &task;
}

void EventLoop::unregister_task(TaskBase& task) noexcept {
  (task.prev_in_loop ? task.prev_in_loop->next_in_loop : first_task_) = task.next_in_loop;
  (task.next_in_loop ? task.next_in_loop->prev_in_loop : last_task_) = task.prev_in_loop;
}

std::vector<TaskBase*> EventLoop::tasks() const {
  std::vector<TaskBase*> result;
  for (TaskBase* task = first_task_; task; task = task->next_in_loop) result.push_back(task);
  return result;
}

void EventLoop::call_exception_handler(const ExceptionContext& context) {
  trace_diagnostic(Diagnostic::exception_handler, context.message);
  if (exception_handler_) {
    try {
      exception_handler_(*this, context);
      return;
    } catch (...) {
      default_exception_handler({"Unhandled error in exception handler", std::current_exception(), {}});
    }
  }
  default_exception_handler(context);
}

// BaseEventLoop.default_exception_handler logs the message, the context and the exception.
void EventLoop::default_exception_handler(const ExceptionContext& context) {
  std::string text = context.message;
  if (!context.source.empty()) text += "\n" + context.source;
  if (context.exception) text += "\n" + format_exception_only(context.exception);
  std::fprintf(stderr, "%s\n", text.c_str());
}

}  // namespace coroscope
