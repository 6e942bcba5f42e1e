#pragma once
// LoopModel: the state of the event loop as the trace tells it, event by event — the tasks
// and what each waits on, the futures and their waiters, the ready queue, the timers, the
// output — and the history a timeline draws (each task's states over the steps, the arrows
// "created" and "woke", the iterations). It reads events only, never the loop, so a recorded
// trace and a live run give the same model, and the model after event k is a function of the
// first k events: a copy of it is a checkpoint to step back to.
//
// A *step* is one handle the loop runs (a `handle_run` event): step 0 is everything before the
// first handle, step n begins with the n-th handle_run. The timeline's x axis counts steps.
#include <coroscope/future.hpp>
#include <coroscope/handle.hpp>
#include <coroscope/trace.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

inline constexpr std::size_t open_end = static_cast<std::size_t>(-1);

// What a task is doing, as its lane shows it. A task is `ready` while a step or wakeup of it
// sits in the ready queue, `running` during its step, `suspended` on a future (or after a bare
// yield, until its next step is queued), and ends done, cancelled or raised.
enum class TaskState : std::uint8_t { ready, running, suspended, done, cancelled, raised };
const char* to_string(TaskState state) noexcept;
bool is_finished(TaskState state) noexcept;

// One frame of an await chain: the function and the line it waits at.
struct Frame {
  std::string function;
  std::string file;
  std::uint32_t line = 0;
};

// A stretch of a task's lane in one state, on the timeline's axis of steps: step s spans
// [s, s + 1). A task's own step begins at s; what the step does to the task itself (it
// suspends, it finishes) shows from s + 1; what it does to other tasks (creates one, wakes
// one) shows from s + 0.5, half-way through the step that did it. end == open_end while the
// state lasts.
struct Segment {
  TaskState state = TaskState::ready;
  double begin = 0;
  double end = static_cast<double>(open_end);
  std::uint32_t future = 0;  // suspended: the future waited on (0: a bare yield)
  std::string label;         // suspended: "sleep(0.2)", "gather", "Task-2", "Lock.acquire"
};

struct TaskModel {
  std::uint32_t id = 0;
  std::uint32_t ordinal = 0;     // 1, 2, ... in creation order: the lane, the colour
  std::string name;              // "Task-2" (its latest name)
  std::string coroutine;         // "worker"
  std::uint32_t created_by = 0;  // the creating task (0: none)
  std::size_t created_step = 0;
  TaskState state = TaskState::ready;
  std::uint32_t waits_on = 0;             // the future it is suspended on
  std::string waits_on_label;             // as its lane labels it
  std::vector<Frame> await_chain;         // outermost (the task's coroutine) first; empty unless suspended
  std::uint32_t steps = 0;                // steps begun
  std::uint32_t cancel_requested_by = 0;  // who last called cancel() (0: outside any task)
  bool cancel_requested = false;
  std::string cancel_message;
  std::string exception;  // "ValueError: bad" once raised
  std::vector<Segment> segments;
};

// Where a suspended task waits in its own code: the innermost frame of its await chain that
// is in its coroutine's file (the lesson's line, not the library's lock.cpp inside
// Lock.acquire); null when it is not suspended.
const Frame* own_await_frame(const TaskModel& task) noexcept;

enum class FutureState : std::uint8_t { pending, result, exception, cancelled };
const char* to_string(FutureState state) noexcept;

struct FutureModel {
  std::uint32_t id = 0;
  FutureKind kind = FutureKind::plain;
  std::string label;  // "sleep #1", or the task's name for a task
  std::uint32_t created_by = 0;
  std::size_t created_step = 0;
  FutureState state = FutureState::pending;
  std::size_t done_step = open_end;
  std::uint32_t done_by = 0;              // the task running when it completed
  std::uint32_t callbacks_scheduled = 0;  // done callbacks its completion scheduled
  std::vector<std::uint32_t> waiters;     // tasks suspended on it now, in the order they began
  double timer_when = -1;                 // a sleep's deadline (-1: none)
  double timer_delay = -1;                // and its delay: "sleep(0.2)"
  std::uint32_t cancelled_by = 0;         // Future.cancel(): the task that called it
  std::string cancel_message;
};

// A done callback added to a pending future or task (not a task's wakeup: its waiters say
// that), which its completion will schedule.
struct DoneCallbackModel {
  std::string label;        // "_done_callback of gather #1", "callback at line 12"
  std::uint32_t owner = 0;  // the future it works for (gather's, a waiter's; 0: none)
  std::size_t added_step = 0;
};

// An entry of the ready queue, saying what it will run.
struct ReadyEntry {
  std::uint32_t handle = 0;
  HandleKind kind = HandleKind::callback;
  std::uint32_t task = 0;    // the task it steps or wakes
  std::uint32_t future = 0;  // the future whose completion (or timer) queued it
  std::size_t queued_step = 0;
  std::string label;     // "Task-2 step", "Task-1 wakeup", "sleep #1 timer", "Task-3 done → <callback>"
  std::string callback;  // a done callback's own name ("_done_callback of gather #1"), else empty
};

enum class TimerState : std::uint8_t { pending, due, ran, cancelled };
const char* to_string(TimerState state) noexcept;

struct TimerModel {
  std::uint32_t handle = 0;
  double when = 0;
  std::uint32_t task = 0;  // the task the timer's future wakes
  std::uint32_t future = 0;
  std::uint32_t scheduled_by = 0;
  std::size_t scheduled_step = 0;
  std::size_t ended_step = open_end;  // the step that ran it, or in which it was cancelled
  TimerState state = TimerState::pending;
  std::string label;  // "sleep #1 timer", "callback"
};

struct OutputLine {
  std::string text;
  std::uint32_t task = 0;
  std::size_t step = 0;
};

struct DiagnosticModel {
  Diagnostic kind = Diagnostic::exception_handler;
  std::uint32_t task = 0;
  std::string message;
  std::size_t step = 0;
};

// An arrow of the timeline: `created` from the creator's step to the new task's first step;
// `woke` from the step that completed `future` to the step of `to_task` it woke. from_task 0
// is the event loop's own lane (a timer, a callback).
struct Arrow {
  enum class Kind : std::uint8_t { created, woke } kind = Kind::created;
  std::uint32_t from_task = 0;
  std::size_t from_step = 0;
  std::uint32_t to_task = 0;
  std::size_t to_step = open_end;  // open until the woken task's step begins
  std::uint32_t future = 0;
};

struct Iteration {
  std::uint32_t number = 0;
  std::size_t first_step = 0;  // the first step that runs in it
  double time = 0;
  std::uint32_t ready = 0;   // ready-queue length as it began
  std::uint32_t timers = 0;  // timers pending as it began
  double io_wait = 0;        // the selector's timeout before it began (0: no wait; -1: None)
};

// What one step of the loop lane ran: the handle, and what it was.
struct LoopStep {
  std::size_t step = 0;
  std::uint32_t handle = 0;
  HandleKind kind = HandleKind::callback;
  std::uint32_t task = 0;
  std::uint32_t future = 0;
  std::string label;
  std::string callback;  // as its ReadyEntry's
};

// Which rows the latest step changed, for the "what changed" marks.
struct Changes {
  std::vector<std::uint32_t> tasks, futures, timers;  // ids (timers by handle)
  bool ready = false;
  std::size_t output_from = 0;  // output lines from this index on are new
};

class LoopModel {
 public:
  explicit LoopModel(const StringTable& strings) : strings_(&strings) {}

  // Takes in the next event of the trace.
  void apply(const TraceEvent& e);
  // Takes in recorder[applied() .. end).
  void apply_until(const Recorder& recorder, std::size_t end);
  std::size_t applied() const noexcept { return applied_; }

  std::size_t step() const noexcept { return step_; }
  std::uint32_t iteration() const noexcept { return iteration_; }
  double time() const noexcept { return time_; }
  std::uint32_t running_task() const noexcept { return running_; }
  const LoopStep* current_handle() const;  // the handle of the current step, if any

  const std::vector<TaskModel>& tasks() const noexcept { return tasks_; }  // creation order
  const TaskModel* task(std::uint32_t id) const;
  const std::vector<FutureModel>& futures() const noexcept { return futures_; }  // creation order
  const FutureModel* future(std::uint32_t id) const;
  // The done callbacks a pending future or task (by its id) will schedule, in registration order.
  const std::vector<DoneCallbackModel>& done_callbacks(std::uint32_t future) const;
  // A future or task as the views name it: "sleep #1", "Task-2".
  std::string label(std::uint32_t future) const;

  const std::deque<ReadyEntry>& ready() const noexcept { return ready_; }
  // The entries at the ready queue's front that this iteration runs (the _run_once snapshot);
  // those after them wait for the next iteration.
  std::size_t snapshot_left() const noexcept { return snapshot_left_; }
  const std::vector<TimerModel>& timers() const noexcept { return timers_; }  // scheduling order
  // The handle was scheduled by call_later/call_at (a timer), not call_soon.
  bool is_timer(std::uint32_t handle) const noexcept;
  const std::vector<OutputLine>& output() const noexcept { return output_; }
  const std::vector<DiagnosticModel>& diagnostics() const noexcept { return diagnostics_; }
  const std::vector<Arrow>& arrows() const noexcept { return arrows_; }
  const std::vector<Iteration>& iterations() const noexcept { return iterations_; }
  const std::vector<LoopStep>& loop_steps() const noexcept { return loop_steps_; }
  // Set by loop_stopped events: asyncio.run's main has returned (its run_until_complete ended).
  bool main_done() const noexcept { return loops_stopped_ > 0; }
  // What the events since the current step began changed.
  const Changes& changes() const noexcept { return changes_; }

 private:
  TaskModel* find_task(std::uint32_t id);
  FutureModel* find_future(std::uint32_t id);
  TimerModel* find_timer(std::uint32_t handle);
  std::string handle_label(HandleKind kind, std::uint32_t handle, std::uint32_t task, std::uint32_t future) const;
  std::string callback_label(const TraceEvent& e) const;
  bool is_done(std::uint32_t future) const;
  void add_callback(const TraceEvent& e);
  void remove_callback(const TraceEvent& e);
  std::string waits_on_label(std::uint32_t future, FutureKind kind) const;
  void set_state(TaskModel& task, TaskState state, std::uint32_t future = 0, std::string label = {});
  void begin_changes();
  void touch_task(std::uint32_t id);
  void touch_future(std::uint32_t id);
  void touch_timer(std::uint32_t handle);
  void begin_step(const TraceEvent& e);
  void finish_callbacks(std::uint32_t future);
  void queue(const TraceEvent& e);
  void unqueue(std::uint32_t handle);
  void add_arrow(const Arrow& arrow);
  void suspend(const TraceEvent& e);
  void finish_future(const TraceEvent& e);
  void remove_waiter(std::uint32_t future, std::uint32_t task);

  const StringTable* strings_;
  std::size_t applied_ = 0;
  std::size_t step_ = 0;
  std::uint32_t iteration_ = 0;
  double time_ = 0;
  std::uint32_t running_ = 0;
  std::uint32_t loops_stopped_ = 0;
  std::vector<TaskModel> tasks_;
  std::vector<FutureModel> futures_;
  std::unordered_map<std::uint32_t, std::size_t> task_index_, future_index_, timer_index_;
  std::unordered_map<std::uint32_t, std::uint32_t> future_numbers_;  // per kind, "sleep #3"
  // Done callbacks by future id: pending ones, and those its completion is scheduling now,
  // which name its done_callback handles as they are queued (in the same order).
  std::unordered_map<std::uint32_t, std::vector<DoneCallbackModel>> done_callbacks_;
  std::unordered_map<std::uint32_t, std::deque<std::string>> scheduling_callbacks_;
  std::unordered_map<std::uint32_t, std::string> callback_names_;  // a plain callback's handle -> its label
  double io_wait_ = 0;  // the last io_wait's timeout, for the iteration it begins
  std::deque<ReadyEntry> ready_;
  std::size_t snapshot_left_ = 0;
  std::vector<TimerModel> timers_;
  std::vector<OutputLine> output_;
  std::vector<DiagnosticModel> diagnostics_;
  std::vector<Arrow> arrows_;
  std::unordered_map<std::uint32_t, std::size_t> open_arrows_;  // task -> its arrow not yet reached
  std::vector<Iteration> iterations_;
  std::vector<LoopStep> loop_steps_;
  Changes changes_;
  // An iteration_begin started the current change set: the handle_run after it belongs to it.
  bool iteration_began_ = false;
  // The last awaited frames of a `suspend`, while its await_frame events arrive.
  std::uint32_t chain_task_ = 0;
};

}  // namespace coroscope::trace
