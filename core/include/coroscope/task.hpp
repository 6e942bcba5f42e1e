#pragma once
// Task<T>: asyncio.Task — a Future that drives a Coroutine one step at a time, each step a
// handle on the loop. The step logic (TaskBase::step, TaskBase::wakeup) is CPython's
// Task.__step and Task.__wakeup.
#include <coroutine>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coroscope/coroutine.hpp"
#include "coroscope/future.hpp"
#include "coroscope/sleep.hpp"

namespace coroscope {

class TaskBase : public detail::FutureBase {
  // The one-byte fields first: they fill the padding after FutureBase's (a pending task's size
  // is what a program with many tasks pays for).
  bool must_cancel_ = false;
  bool started_ = false;
  bool log_destroy_pending_ = true;

 public:
  // `number` > 0: the task is named Task-<number> (made into a string only when asked for).
  // The name is passed down by reference: moving a short std::string copies its buffer.
  TaskBase(EventLoop& loop, detail::PromiseBase& root, std::string&& name, std::uint32_t number);
  ~TaskBase() override;

  // Task.cancel(msg): request cancellation (CPython 3.11 rules, DESIGN.md rule 9). Through an
  // await cycle (A awaits B, B awaits A) each task of the cycle is cancelled once.
  bool cancel(std::string msg = {}) override;
  int cancelling() const noexcept { return num_cancels_requested_; }
  int uncancel() noexcept;

  const std::string& get_name() const;
  void set_name(std::string name);
  // The name of the coroutine function the task runs (task.get_coro().__qualname__); a
  // template coroutine's without its arguments (sleep, not sleep<std::string>).
  std::string_view get_coro_name() const noexcept {
    const std::string_view name(coro_name_);
    return name.substr(0, name.find('<'));
  }
  // The future this task waits on, or null (Task._fut_waiter).
  detail::FutureBase* fut_waiter() const noexcept { return fut_waiter_.get(); }
  // The await chain from the task's coroutine down to the innermost suspended frame.
  std::vector<const detail::PromiseBase*> await_chain() const;
  bool must_cancel() const noexcept { return must_cancel_; }
  // Task._log_destroy_pending: warn if destroyed while pending (off for run's own tasks).
  void set_log_destroy_pending(bool enabled) noexcept { log_destroy_pending_ = enabled; }

  std::string describe() const override;

  // What the running coroutine reported as it suspended (see detail/suspension.hpp).
  // The report lives only while a step runs, and one step runs at a time in a thread, so it
  // is kept per thread rather than in every task (a pending task is smaller for it).
  static void report(const detail::Suspension& suspension) noexcept;

  // Destroys the coroutine of a task that will never run again (its loop closed): frames and
  // their locals go away and the reference cycle through fut_waiter is broken.
  void abandon();

  // The intrusive list of the loop's tasks (all_tasks), in creation order.
  TaskBase* next_in_loop = nullptr;
  TaskBase* prev_in_loop = nullptr;

 protected:
  // Moves the finished root coroutine's value into the task's result and destroys the frame.
  virtual void set_result_from_coroutine() = 0;
  // The task's coroutine (the end of the await chain), while it lives.
  detail::PromiseBase& root() const noexcept;
  // Destroys the coroutine, and with it every frame of the await chain (each awaiter owns the
  // frame it awaits).
  void destroy_coroutine() noexcept;
  void finish_with_result() { mark_finished(); }

 private:
  friend class EventLoop;
  friend class detail::FutureBase;  // queues the task's wakeup when the future it awaits is done
  enum class Outcome { suspended, returned };

  enum Walk : std::uint8_t { forwarding_cancel = 1, describing = 2 };
  class Walking;  // marks a walk through this task for a scope (task.cpp)
  bool in_walk(Walk walk) const noexcept { return (walks_ & walk) != 0; }

  void report_destroyed_pending();
  bool cancel_closing_cycle(std::string msg);
  // Names the task without a trace event; const, for get_name's Task-<number_>.
  const std::string& set_name_quietly(std::string name) const;
  // call_soon(self.__step, exc): the next step, which throws `exc` in if it is set.
  void schedule_step(std::exception_ptr exc = nullptr);
  // Queues this task's next step (Task.__step or Task.__wakeup) in the loop's ready queue,
  // which takes over `queue_ref`, a reference to this task.
  void schedule(HandleKind kind, detail::Ref<TaskBase> queue_ref);
  // The handle asyncio would have queued for the pending step, for the trace.
  HandleInfo scheduled_step() const noexcept;
  // The loop runs the pending step (Handle._run).
  void run_scheduled_step();
  void step(std::exception_ptr exc);
  void wakeup(detail::FutureBase& future);
  Outcome drive(std::exception_ptr exc);
  void on_suspended();
  StepOutcome on_returned();
  void refuse_yield(const RuntimeError& error);
  void trace_step_end(StepOutcome outcome);
  [[gnu::always_inline]] inline void trace_suspension(detail::FutureBase* future);
  [[gnu::noinline]] void trace_await_frames();
  void trace_named(TraceKind kind, std::string_view text, std::uint32_t future = 0);

  // The frame the next step resumes; its await chain ends at the task's coroutine. Null once
  // the coroutine is destroyed.
  detail::PromiseBase* innermost_;
  detail::Ref<detail::FutureBase> fut_waiter_;
  const char* coro_name_;  // the coroutine function's name: a string literal, never freed
  std::uint32_t number_;
  int num_cancels_requested_ = 0;
  // The pending step's handle: its id (0 when no step is pending) and kind.
  std::uint32_t step_handle_id_ = 0;
  HandleKind step_kind_ = HandleKind::task_step;
  // The name is kept by the loop (EventLoop::task_names_): most tasks are never named, and
  // Task-<number_> is made into a string only when asked for.
  mutable bool has_name_ : 1 = false;
  // The walks through the wait graph this task is in the middle of (Walk bits): cancel()
  // forwarded to fut_waiter, describe() describing it. The graph may have a cycle (A awaits B,
  // B awaits A), and a walk must stop where it comes back round. Bits beside has_name_, off
  // the hot path: one byte more would make every pending task 8 bytes larger.
  mutable std::uint8_t walks_ : 2 = 0;
};

namespace detail {

template <class T>
class TaskState final : public TaskBase, public ResultSlot<T> {
 public:
  TaskState(EventLoop& loop, Coroutine<T> coro, std::string&& name, std::uint32_t number)
      : TaskBase(loop, coro.release().promise(), std::move(name), number) {}

 private:
  void* result_slot() noexcept override { return static_cast<ResultSlot<T>*>(this); }
  void set_result_from_coroutine() override {
    if constexpr (std::is_void_v<T>) {
      this->value.emplace(None);
    } else {
      this->value.emplace(static_cast<Promise<T>&>(root()).take_value());
    }
    destroy_coroutine();
    finish_with_result();
  }
};

// The methods of a task handle, shared by AnyTask and Task<T>.
template <class Self>
class TaskMethods {
 public:
  int cancelling() const noexcept { return task().cancelling(); }
  int uncancel() const noexcept { return task().uncancel(); }
  const std::string& get_name() const noexcept { return task().get_name(); }
  void set_name(std::string name) const { task().set_name(std::move(name)); }
  std::string_view get_coro_name() const noexcept { return task().get_coro_name(); }
  TaskBase& task_state() const noexcept { return task(); }

 private:
  TaskBase& task() const noexcept { return static_cast<TaskBase&>(*static_cast<const Self&>(*this).state()); }
};

std::uint32_t next_task_number() noexcept;

}  // namespace detail

// A reference to a task of any result type (what current_task() and all_tasks() give).
class AnyTask : public AnyFuture, public detail::TaskMethods<AnyTask> {
 public:
  explicit AnyTask(detail::Ref<detail::FutureBase> state) : AnyFuture(std::move(state)) {}
};

template <class T = void>
class Task : public Future<T>, public detail::TaskMethods<Task<T>> {
 public:
  Task(EventLoop& loop, Coroutine<T> coro, std::string&& name, std::uint32_t number)
      : Future<T>(
            detail::Ref<detail::FutureBase>(new detail::TaskState<T>(loop, std::move(coro), std::move(name), number)),
            detail::AdoptState{}) {}
  operator AnyTask() const { return AnyTask(this->state_); }
};

// asyncio.create_task(coro, name=): schedules the first step with call_soon; runs none of the
// coroutine. Names are Task-N from one process-wide counter — taken even when a name is given.
template <class T>
Task<T> create_task(Coroutine<T> coro, std::string name = {}) {
  Task<T> task = get_running_loop().create_task(std::move(coro));
  if (!name.empty()) task.set_name(std::move(name));
  return task;
}

// create_task(asyncio.sleep(1)): in Python sleep() is a coroutine like any other.
template <class T>
Task<sleep_result_t<T>> create_task(SleepAwaiter<T> sleep, std::string name = {}) {
  return create_task(detail::coroutine_of::sleep(std::move(sleep)), std::move(name));
}

template <class T>
Task<T> EventLoop::create_task(Coroutine<T> coro, std::string name) {
  check_closed();
  const std::uint32_t number = name.empty() ? detail::next_task_number() : 0;
  return Task<T>(*this, std::move(coro), std::move(name), number);
}

template <class T>
value_or_none_t<T> EventLoop::run_until_complete(Future<T> future) {
  run_until_done(*future.state());
  return future.result();
}

// run_until_complete(coro) wraps it in a task first (ensure_future), which takes a Task-N.
template <class T>
value_or_none_t<T> EventLoop::run_until_complete(Coroutine<T> coro) {
  Task<T> task = create_task(std::move(coro));
  task.task_state().set_log_destroy_pending(false);
  return run_until_complete(Future<T>(task));
}

// asyncio.current_task(): the task running now (RuntimeError outside any task).
AnyTask current_task();
// asyncio.all_tasks(): the running loop's tasks that are not done, in creation order.
std::vector<AnyTask> all_tasks();

}  // namespace coroscope
