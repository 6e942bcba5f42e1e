#include "coroscope/task.hpp"

#include <algorithm>
#include <array>
#include <cassert>

#include "coroscope/detail/id_counters.hpp"

namespace coroscope {

namespace {
// asyncio._current_tasks for this thread's loop: set for the duration of a step.
thread_local TaskBase* current = nullptr;
// What the coroutine reported as it suspended, for the step running now (TaskBase::report).
thread_local detail::Suspension step_report;
// The exception the step running now throws into its coroutine (coro.throw), taken by the
// AwaitPoint where the coroutine resumes: it points at drive()'s argument while drive runs,
// so a pending task carries none. A plain pointer, because a thread_local exception_ptr
// would pay a TLS initialization check at every access.
thread_local std::exception_ptr* step_thrown_in = nullptr;

class ThrowIn {
 public:
  explicit ThrowIn(std::exception_ptr& exc) noexcept { step_thrown_in = &exc; }
  ~ThrowIn() { step_thrown_in = nullptr; }
  ThrowIn(const ThrowIn&) = delete;
  ThrowIn& operator=(const ThrowIn&) = delete;
};

class EnterTask {
 public:
  explicit EnterTask(TaskBase& task) : previous_(std::exchange(current, &task)) {}
  ~EnterTask() { current = previous_; }
  EnterTask(const EnterTask&) = delete;
  EnterTask& operator=(const EnterTask&) = delete;

 private:
  TaskBase* previous_;
};

TaskBase& running_task(const char* what) {
  if (!current)
    throw RuntimeError(std::string(what) + " outside of a task: await only inside a coroutine that a Task runs");
  return *current;
}
}  // namespace

// Marks a walk through a task for the duration of a scope (reprlib.recursive_repr's set of
// the objects being repr'd), so that a walk round an await cycle stops where it began.
class TaskBase::Walking {
 public:
  Walking(const TaskBase& task, Walk walk) noexcept : task_(task), walk_(walk) { task_.walks_ |= walk_; }
  ~Walking() { task_.walks_ &= ~walk_; }
  Walking(const Walking&) = delete;
  Walking& operator=(const Walking&) = delete;

 private:
  const TaskBase& task_;
  Walk walk_;
};

void TaskBase::report(const detail::Suspension& suspension) noexcept { step_report = suspension; }

namespace detail {
std::uint32_t running_task_id() noexcept { return current ? current->id() : 0; }

std::uint32_t next_task_number() noexcept { return ++id_counters.task_number; }

void suspend_task_on(FutureBase& future) {
  running_task("co_await").report({Suspension::Kind::on_future, &future, nullptr});
}
void suspend_task_bare() { running_task("co_await").report({Suspension::Kind::bare_yield, nullptr, nullptr}); }
void suspend_task_awaiting(PromiseBase& child) {
  running_task("co_await").report({Suspension::Kind::await_coroutine, nullptr, &child});
}
void suspend_task_async_gen_yield() {
  running_task("co_yield").report({Suspension::Kind::async_gen_yield, nullptr, nullptr});
}
// Python's cr_origin gives the line of the call; C++ tells a coroutine nothing of its caller
// without unwinding the stack. The running frame's position is known at each co_await it
// reaches, so the origin says which co_await it came after.
std::string running_frame_description() {
  if (!current) return {};
  const CallSite site = current->await_chain().back()->suspended_at();
  std::string text = std::string(site.function) + "() in " + current->get_name();
  if (site.line == 0) return text + ", before its first co_await, in " + site.file;
  return text + ", after the co_await at " + site.file + ":" + std::to_string(site.line);
}
void rethrow_if_thrown_in() {
  if (step_thrown_in && *step_thrown_in) std::rethrow_exception(std::exchange(*step_thrown_in, nullptr));
}
}  // namespace detail

TaskBase::TaskBase(EventLoop& loop, detail::PromiseBase& root, std::string&& name, std::uint32_t number)
    : FutureBase(loop, FutureKind::task), innermost_(&root), coro_name_(root.function_name()), number_(number) {
  if (!name.empty()) set_name_quietly(std::move(name));
  loop.trace([&] {
    TraceEvent event;
    event.kind = TraceKind::task_created;
    event.task = id();
    event.future = detail::running_task_id();
    event.a = loop.intern(get_name());
    event.b = loop.intern_literal(coro_name_);
    return event;
  });
  // Task.__init__: the first step is call_soon'ed; nothing of the coroutine runs yet.
  schedule_step();
  loop.register_task(*this);
  // Debug mode: the task takes over its coroutine's origin, for "destroyed but pending".
  if (detail::coroutine_origins_kept) [[unlikely]]
    if (std::string origin = detail::take_origin(&root); !origin.empty()) detail::keep_origin(this, std::move(origin));
}

const std::string& TaskBase::get_name() const {
  if (!has_name_) set_name_quietly("Task-" + std::to_string(number_));
  return loop().task_names_.find(this)->second;
}

void TaskBase::set_name(std::string name) { trace_named(TraceKind::task_renamed, set_name_quietly(std::move(name))); }

const std::string& TaskBase::set_name_quietly(std::string name) const {
  has_name_ = true;
  return loop().task_names_[this] = std::move(name);
}

void TaskBase::trace_named(TraceKind kind, std::string_view text, std::uint32_t future) {
  loop().trace([&] {
    TraceEvent event;
    event.kind = kind;
    event.task = id();
    event.future = future;
    event.a = loop().intern(text);
    return event;
  });
}

TaskBase::~TaskBase() {
  destroy_coroutine();
  if (detail::coroutine_origins_kept || (!done() && log_destroy_pending_)) [[unlikely]]
    report_destroyed_pending();
  if (log_traceback_) report_never_retrieved("Task exception was never retrieved");
  loop().unregister_task(*this);
  if (has_name_) loop().task_names_.erase(this);
}

// Task.__del__: a task that never finished (its loop closed with it pending) is reported,
// with where it was created in debug mode (Python's source_traceback).
void TaskBase::report_destroyed_pending() {
  std::string origin = detail::coroutine_origins_kept ? detail::take_origin(this) : std::string();
  if (!done() && log_destroy_pending_) {
    std::string source = describe();
    if (!origin.empty()) source += "\ncreated " + origin;
    loop().call_exception_handler({"Task was destroyed but it is pending!", nullptr, source});
  }
}

int TaskBase::uncancel() noexcept {
  if (num_cancels_requested_ > 0) --num_cancels_requested_;
  return num_cancels_requested_;
}

bool TaskBase::cancel(std::string msg) {
  log_traceback_ = false;
  if (done()) return false;
  if (in_walk(forwarding_cancel)) [[unlikely]]
    return cancel_closing_cycle(std::move(msg));
  trace_named(TraceKind::cancel_requested, msg, detail::running_task_id());
  ++num_cancels_requested_;
  // Forward to the future we wait on; if it is a task that suppresses the cancellation,
  // fut_waiter stays, so a later cancel() can try again.
  if (fut_waiter_) {
    // Held here: closing a cycle (below) lets go of fut_waiter_ while it is being cancelled.
    const detail::Ref<detail::FutureBase> waiter = fut_waiter_;
    const Walking forwarding(*this, forwarding_cancel);
    if (waiter->cancel(msg)) return true;
  }
  // Otherwise a step is already scheduled: it will throw CancelledError into the coroutine.
  must_cancel_ = true;
  set_cancel_message(std::move(msg));
  return true;
}

// cancel() came back round to this task through the futures it was forwarded to: an await
// cycle (this task awaits B, which awaits this task). CPython 3.11 recurses until
// RecursionError. Here the cycle is broken where it closes: this task stops waiting on its
// fut_waiter and its next step throws CancelledError in; its end then wakes, with that
// CancelledError, the task of the cycle that awaits it, and so on round: each is cancelled once.
bool TaskBase::cancel_closing_cycle(std::string msg) {
  fut_waiter_->remove_waiting_task(this);
  fut_waiter_.reset();
  must_cancel_ = true;
  set_cancel_message(std::move(msg));
  schedule_step();
  return true;
}

std::vector<const detail::PromiseBase*> TaskBase::await_chain() const {
  std::vector<const detail::PromiseBase*> chain;
  if (done()) return chain;
  for (const detail::PromiseBase* frame = innermost_; frame; frame = frame->awaiter()) chain.push_back(frame);
  return {chain.rbegin(), chain.rend()};
}

std::string TaskBase::describe() const {
  // reprlib.recursive_repr, as on CPython's task repr since 3.12: a task met again while its
  // own description is being made (an await cycle) reads "...".
  if (in_walk(describing)) return "...";
  const Walking describing_this(*this, describing);
  std::string text = "<Task ";
  text += done() ? (cancelled() ? "cancelled" : "finished") : "pending";
  text += " name='" + get_name() + "' coro=<" + std::string(get_coro_name()) + "()>";
  if (fut_waiter_) text += " wait_for=" + fut_waiter_->describe();
  return text + ">";
}

void TaskBase::schedule_step(std::exception_ptr exc) {
  // A pending task uses no exception slot of its future: it keeps the one to throw in there.
  exception_ = std::move(exc);
  schedule(HandleKind::task_step, detail::Ref<TaskBase>(this));
}

void TaskBase::schedule(HandleKind kind, detail::Ref<TaskBase> queue_ref) {
  assert(step_handle_id_ == 0 && "a task has one step pending at most");
  loop().check_closed();  // before the task notes a step that will never be queued
  step_handle_id_ = detail::next_handle_id();
  step_kind_ = kind;
  loop().schedule_task(queue_ref.detach());
}

HandleInfo TaskBase::scheduled_step() const noexcept {
  // A wakeup's future is the one the task waits on; it is done, and stays fut_waiter until
  // the step begins.
  const std::uint32_t future = step_kind_ == HandleKind::task_wakeup ? fut_waiter_->id() : 0;
  return {step_handle_id_, step_kind_, {id(), future}};
}

void TaskBase::run_scheduled_step() {
  step_handle_id_ = 0;
  if (step_kind_ == HandleKind::task_wakeup) {
    wakeup(*fut_waiter_);
  } else {
    step(std::exchange(exception_, nullptr));
  }
}

// Task.__step.
void TaskBase::step(std::exception_ptr exc) {
  if (done()) throw InvalidStateError("_step(): already done: " + describe());
  if (must_cancel_) {
    if (!detail::is_cancelled_error(exc)) exc = make_cancelled_error();
    must_cancel_ = false;
  }
  fut_waiter_.reset();
  EnterTask enter(*this);
  // The trace needs no event for the step's start: the handle_run of its task_step or
  // task_wakeup handle says it. A step that suspends ends with `suspend`, any other with
  // `step_end`.
  if (drive(std::move(exc)) == Outcome::returned) {
    trace_step_end(on_returned());
  } else {
    on_suspended();
  }
}

void TaskBase::trace_step_end(StepOutcome outcome) {
  loop().trace([&] {
    TraceEvent event;
    event.kind = TraceKind::step_end;
    event.task = id();
    event.detail = static_cast<std::uint8_t>(outcome);
    return event;
  });
}

// Task.__wakeup: the future we waited on is done; step again, throwing its exception in.
void TaskBase::wakeup(detail::FutureBase& future) { step(future.result_exception()); }

// Resumes the coroutine chain until a frame suspends on something only the loop can
// finish, or the root coroutine returns. Child coroutines run inline, in this same step.
TaskBase::Outcome TaskBase::drive(std::exception_ptr exc) {
  if (!started_ && exc) {
    // coro.throw() into a coroutine that never started raises at once: the body never runs,
    // not even its cleanup (oracle 19). Its only frame is the task's coroutine.
    innermost_->fail_with(std::move(exc));
    return Outcome::returned;
  }
  started_ = true;
  ThrowIn throw_in(exc);
  detail::PromiseBase* frame = innermost_;
  for (;;) {
    step_report = {};
    innermost_ = frame;  // the frame running now: debug mode names it as a coroutine's origin
    frame->handle().resume();
    if (frame->handle().done()) {
      if (!frame->awaiter()) {  // the task's coroutine returned
        innermost_ = frame;
        return Outcome::returned;
      }
      frame = frame->awaiter();  // its await_resume takes the child's result or exception
      continue;
    }
    if (step_report.kind == detail::Suspension::Kind::await_coroutine) {
      step_report.child->set_awaiter(frame);
      frame = step_report.child;
      continue;
    }
    if (step_report.kind == detail::Suspension::Kind::async_gen_yield) {
      frame = frame->awaiter();  // its await_resume takes the value the generator yielded
      continue;
    }
    innermost_ = frame;
    return Outcome::suspended;
  }
}

StepOutcome TaskBase::on_returned() {
  std::exception_ptr exc = innermost_->exception();  // the chain is down to the task's coroutine
  if (!exc) {
    if (must_cancel_) {
      // The task cancelled itself and returned without awaiting: it ends cancelled and its
      // result is dropped (oracle 19).
      must_cancel_ = false;
      destroy_coroutine();
      cancel_future(cancel_message());
      return StepOutcome::cancelled;
    }
    set_result_from_coroutine();
    return StepOutcome::finished;
  }
  if (detail::is_cancelled_error(exc)) {
    exception_ = exc;  // the CancelledError that ended it, for make_cancelled_error
    destroy_coroutine();
    cancel_future({});
    return StepOutcome::cancelled;
  }
  trace_named(TraceKind::exception_raised, type_name(exc) + ": " + message_of(exc));
  destroy_coroutine();
  set_exception(exc);
  return StepOutcome::raised;
}

void TaskBase::on_suspended() {
  using Kind = detail::Suspension::Kind;
  switch (step_report.kind) {
    case Kind::on_future: {
      detail::FutureBase& future = *step_report.future;
      if (&future.loop() != &loop()) {
        refuse_yield(
            RuntimeError("Task " + describe() + " got Future " + future.describe() + " attached to a different loop"));
      } else if (&future == this) {
        refuse_yield(RuntimeError("Task cannot await on itself: " + describe()));
      } else {
        if (loop().tracer()) trace_suspension(&future);
        // result.add_done_callback(self.__wakeup); self._fut_waiter = result. fut_waiter is
        // set first, so a wakeup queued at once (a future already done) finds it.
        fut_waiter_ = detail::Ref<detail::FutureBase>(&future);
        future.add_waiting_task(detail::Ref<TaskBase>(this));
        if (must_cancel_ && fut_waiter_->cancel(cancel_message())) must_cancel_ = false;
      }
      break;
    }
    case Kind::bare_yield:
      // A bare yield relinquishes control for one event loop iteration.
      if (loop().tracer()) trace_suspension(nullptr);
      schedule_step();
      break;
    case Kind::none:
    case Kind::await_coroutine:
    case Kind::async_gen_yield:
      refuse_yield(
          RuntimeError("Task got bad yield: the coroutine suspended on an awaiter that is not asyncio's "
                       "(await Futures, Tasks, Coroutines, or types whose operator co_await returns one)"));
      break;
  }
}

// Task.__step's answer to a yield it cannot wait on: the next step throws `error` in.
void TaskBase::refuse_yield(const RuntimeError& error) {
  schedule_step(std::make_exception_ptr(error));
  trace_step_end(StepOutcome::yielded);
}

// The `suspend` event: where the task waits and on what (no future: a bare yield). A chain of
// one frame (the usual case) needs nothing more: it is the task's coroutine, waiting at the
// suspend's line; a longer one follows as await_frame events.
void TaskBase::trace_suspension(detail::FutureBase* future) {
  const CallSite site = innermost_->suspended_at();
  loop().trace([&] {
    return TraceEvent{.task = id(),
                      .future = future ? future->id() : 0,
                      .a = loop().intern_literal(site.file),
                      .b = site.line,
                      .kind = TraceKind::suspend,
                      .detail = static_cast<std::uint8_t>(future ? future->kind() : FutureKind::sleep)};
  });
  if (innermost_->awaiter()) trace_await_frames();
}

// Every frame of the await chain from the task's coroutine down, with the line each one waits
// at (capture_call_graph's view). A short chain is gathered without allocating.
void TaskBase::trace_await_frames() {
  std::size_t length = 0;
  for (const detail::PromiseBase* frame = innermost_; frame; frame = frame->awaiter()) ++length;
  std::array<const detail::PromiseBase*, 32> few;
  std::vector<const detail::PromiseBase*> many(length > few.size() ? length : 0);
  const detail::PromiseBase** frames = length > few.size() ? many.data() : few.data();
  std::size_t slot = length;
  for (const detail::PromiseBase* frame = innermost_; frame; frame = frame->awaiter()) frames[--slot] = frame;
  for (std::size_t depth = 0; depth < length; ++depth) {
    const detail::PromiseBase* frame = frames[depth];
    loop().trace([&] {
      return TraceEvent{.task = id(),
                        .a = loop().intern_literal(frame->function_name()),
                        .b = frame->suspended_at().line,
                        .c = loop().intern_literal(frame->suspended_at().file),
                        .kind = TraceKind::await_frame,
                        .detail = static_cast<std::uint8_t>(std::min<std::size_t>(depth, 255))};
    });
  }
}

detail::PromiseBase& TaskBase::root() const noexcept {
  detail::PromiseBase* frame = innermost_;
  while (frame->awaiter()) frame = frame->awaiter();
  return *frame;
}

void TaskBase::destroy_coroutine() noexcept {
  if (innermost_) root().handle().destroy();
  innermost_ = nullptr;
}

void TaskBase::abandon() {
  if (done()) return;
  fut_waiter_.reset();
  drop_callbacks();
  destroy_coroutine();
}

AnyTask current_task() {
  if (!current) throw RuntimeError("no running task");
  return AnyTask(detail::Ref<detail::FutureBase>(current));
}

std::vector<AnyTask> all_tasks() {
  std::vector<AnyTask> tasks;
  for (TaskBase* task : get_running_loop().tasks())
    if (!task->done()) tasks.emplace_back(detail::Ref<detail::FutureBase>(task));
  return tasks;
}

}  // namespace coroscope
