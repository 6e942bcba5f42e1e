#include "coroscope/trace/loop_model.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "coroscope/trace/kind_names.hpp"

namespace coroscope::trace {

const char* to_string(TaskState state) noexcept {
  switch (state) {
    case TaskState::ready:
      return "ready";
    case TaskState::running:
      return "running";
    case TaskState::suspended:
      return "suspended";
    case TaskState::done:
      return "done";
    case TaskState::cancelled:
      return "cancelled";
    case TaskState::raised:
      return "raised";
  }
  return "?";
}

bool is_finished(TaskState state) noexcept {
  return state == TaskState::done || state == TaskState::cancelled || state == TaskState::raised;
}

bool LoopModel::is_timer(std::uint32_t handle) const noexcept { return timer_index_.contains(handle); }

const Frame* own_await_frame(const TaskModel& task) noexcept {
  const Frame* own = nullptr;
  for (const Frame& frame : task.await_chain)
    if (frame.file == task.await_chain.front().file) own = &frame;
  return own;
}

const char* to_string(FutureState state) noexcept {
  switch (state) {
    case FutureState::pending:
      return "pending";
    case FutureState::result:
      return "result";
    case FutureState::exception:
      return "exception";
    case FutureState::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* to_string(TimerState state) noexcept {
  switch (state) {
    case TimerState::pending:
      return "pending";
    case TimerState::due:
      return "due";
    case TimerState::ran:
      return "ran";
    case TimerState::cancelled:
      return "cancelled";
  }
  return "?";
}

namespace {
// "0.2", "1.5", "10": a delay as a student wrote it.
std::string short_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", seconds < 0 ? 0.0 : seconds);
  std::string s = text;
  while (s.back() == '0') s.pop_back();  // "%.3f" always has a point: this stops at it
  if (s.back() == '.') s.pop_back();
  return s;
}

template <class Vector>
void add_once(Vector& ids, std::uint32_t id) {
  if (id && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
}
}  // namespace

void LoopModel::apply_until(const Recorder& recorder, std::size_t end) {
  end = std::min(end, recorder.size());
  while (applied_ < end) apply(recorder[applied_]);
}

const LoopStep* LoopModel::current_handle() const {
  return !loop_steps_.empty() && loop_steps_.back().step == step_ ? &loop_steps_.back() : nullptr;
}

const TaskModel* LoopModel::task(std::uint32_t id) const {
  auto found = task_index_.find(id);
  return found == task_index_.end() ? nullptr : &tasks_[found->second];
}
TaskModel* LoopModel::find_task(std::uint32_t id) { return const_cast<TaskModel*>(std::as_const(*this).task(id)); }

const FutureModel* LoopModel::future(std::uint32_t id) const {
  auto found = future_index_.find(id);
  return found == future_index_.end() ? nullptr : &futures_[found->second];
}
FutureModel* LoopModel::find_future(std::uint32_t id) {
  return const_cast<FutureModel*>(std::as_const(*this).future(id));
}

TimerModel* LoopModel::find_timer(std::uint32_t handle) {
  auto found = timer_index_.find(handle);
  return found == timer_index_.end() ? nullptr : &timers_[found->second];
}

const std::vector<DoneCallbackModel>& LoopModel::done_callbacks(std::uint32_t future) const {
  static const std::vector<DoneCallbackModel> none;
  auto found = done_callbacks_.find(future);
  return found == done_callbacks_.end() ? none : found->second;
}

std::string LoopModel::label(std::uint32_t id) const {
  if (const TaskModel* t = task(id)) return t->name;
  if (const FutureModel* f = future(id)) return f->label;
  return id ? "future #" + std::to_string(id) : std::string();
}

// An entry of the ready queue by what it will run: "Task-2 step", "sleep #1 timer",
// "callback at line 12". A done callback's own name is known only as it is queued
// (queue()).
std::string LoopModel::handle_label(HandleKind kind, std::uint32_t handle, std::uint32_t task,
                                    std::uint32_t future) const {
  switch (kind) {
    case HandleKind::task_step:
      return label(task) + " step";
    case HandleKind::task_wakeup:
      return label(task) + " wakeup";
    case HandleKind::done_callback:
      return label(future) + " done callback";
    case HandleKind::callback:
      if (future) return label(future) + " timer";
      if (auto named = callback_names_.find(handle); named != callback_names_.end()) return named->second;
      return "callback";
  }
  return "handle";
}

// A callback as a callback_source or callback_added event names it: the runtime's own by
// CPython's name and the future it works for ("_done_callback of gather #1"), a user's by
// where it was scheduled ("callback at line 12").
std::string LoopModel::callback_label(const TraceEvent& e) const {
  const std::string& name = (*strings_)[e.a];
  if (e.c) return "callback at line " + std::to_string(e.b);
  return e.handle && e.kind != TraceKind::callback_source ? name + " of " + label(e.handle) : name;
}

bool LoopModel::is_done(std::uint32_t id) const {
  if (const TaskModel* t = task(id)) return is_finished(t->state);
  const FutureModel* f = future(id);
  return f && f->state != FutureState::pending;
}

// add_done_callback on a future already done schedules the callback at once.
void LoopModel::add_callback(const TraceEvent& e) {
  std::string text = callback_label(e);
  if (is_done(e.future)) {
    scheduling_callbacks_[e.future].push_back(std::move(text));
    return;
  }
  done_callbacks_[e.future].push_back({std::move(text), e.handle, step_});
  touch_future(e.future);
  touch_task(e.future);
}

void LoopModel::remove_callback(const TraceEvent& e) {
  auto found = done_callbacks_.find(e.future);
  if (found == done_callbacks_.end()) return;
  const std::string text = callback_label(e);
  std::erase_if(found->second, [&](const DoneCallbackModel& cb) { return cb.label == text && cb.owner == e.handle; });
  touch_future(e.future);
  touch_task(e.future);
}

// Future.__schedule_callbacks: the pending callbacks are queued now, in registration order.
void LoopModel::finish_callbacks(std::uint32_t future) {
  auto found = done_callbacks_.find(future);
  if (found == done_callbacks_.end()) return;
  std::deque<std::string>& queued = scheduling_callbacks_[future];
  for (DoneCallbackModel& cb : found->second) queued.push_back(std::move(cb.label));
  done_callbacks_.erase(found);
}

// What a suspended task's lane says it waits on: "sleep(0.2)", "gather", "Task-2", "Lock.acquire".
std::string LoopModel::waits_on_label(std::uint32_t id, FutureKind kind) const {
  if (!id) return "sleep(0)";
  if (const TaskModel* t = task(id)) return t->name;
  const FutureModel* f = future(id);
  if (kind == FutureKind::sleep && f && f->timer_delay >= 0) return "sleep(" + short_seconds(f->timer_delay) + ")";
  if (kind == FutureKind::plain) return f ? f->label : "future";
  return to_string(kind);
}

// A new step (with the iteration it may begin): the marks of the previous one go.
void LoopModel::begin_changes() {
  changes_ = Changes{};
  changes_.output_from = output_.size();
}

void LoopModel::touch_task(std::uint32_t id) {
  if (task(id)) add_once(changes_.tasks, id);
}
void LoopModel::touch_future(std::uint32_t id) {
  if (future(id)) add_once(changes_.futures, id);
}
void LoopModel::touch_timer(std::uint32_t handle) { add_once(changes_.timers, handle); }

// Where a new state begins on the axis of steps (Segment). A segment that would last no time
// at all is replaced in place.
void LoopModel::set_state(TaskModel& t, TaskState state, std::uint32_t future, std::string label) {
  const double step = static_cast<double>(step_);
  const double begin = state == TaskState::running ? step : t.id == running_ ? step + 1 : step + 0.5;
  t.state = state;
  touch_task(t.id);
  if (!t.segments.empty()) {
    Segment& last = t.segments.back();
    if (last.state == state && last.future == future && last.label == label) return;
    if (last.begin >= begin) {
      last = {state, last.begin, static_cast<double>(open_end), future, std::move(label)};
      // Replacing may make it the same as the one before: merge them.
      if (t.segments.size() > 1) {
        Segment& before = t.segments[t.segments.size() - 2];
        if (before.state == last.state && before.future == last.future && before.label == last.label) {
          before.end = static_cast<double>(open_end);
          t.segments.pop_back();
        }
      }
      return;
    }
    last.end = begin;
  }
  t.segments.push_back({state, begin, static_cast<double>(open_end), future, std::move(label)});
}

void LoopModel::queue(const TraceEvent& e) {
  const auto kind = static_cast<HandleKind>(e.detail);
  std::string text = handle_label(kind, e.handle, e.task, e.future);
  std::string callback;
  if (auto named = scheduling_callbacks_.find(e.future);
      kind == HandleKind::done_callback && named != scheduling_callbacks_.end() && !named->second.empty()) {
    callback = std::move(named->second.front());
    named->second.pop_front();
    text = label(e.future) + " done → " + callback;
  }
  ready_.push_back({e.handle, kind, e.task, e.future, step_, std::move(text), std::move(callback)});
  changes_.ready = true;
  if (kind != HandleKind::task_step && kind != HandleKind::task_wakeup) return;
  TaskModel* t = find_task(e.task);
  if (!t) return;
  // A task that queues its own next step (a refused yield) is still running: step_end makes
  // it ready.
  if (t->state != TaskState::running) set_state(*t, TaskState::ready);
  if (kind == HandleKind::task_wakeup) add_arrow({Arrow::Kind::woke, running_, step_, e.task, open_end, e.future});
}

// An arrow to a task's next step, which that step's handle_run closes.
void LoopModel::add_arrow(const Arrow& arrow) {
  open_arrows_[arrow.to_task] = arrows_.size();
  arrows_.push_back(arrow);
}

void LoopModel::unqueue(std::uint32_t handle) {
  auto queued = std::find_if(ready_.begin(), ready_.end(), [&](const ReadyEntry& r) { return r.handle == handle; });
  if (queued == ready_.end()) return;
  if (static_cast<std::size_t>(queued - ready_.begin()) < snapshot_left_) --snapshot_left_;
  ready_.erase(queued);
  changes_.ready = true;
}

void LoopModel::begin_step(const TraceEvent& e) {
  if (!iteration_began_) begin_changes();
  iteration_began_ = false;
  ++step_;
  const auto kind = static_cast<HandleKind>(e.detail);
  // The step is named as its ready-queue entry was.
  auto queued = std::find_if(ready_.begin(), ready_.end(), [&](const ReadyEntry& r) { return r.handle == e.handle; });
  const bool was_queued = queued != ready_.end();
  loop_steps_.push_back({step_, e.handle, kind, e.task, e.future,
                         was_queued ? queued->label : handle_label(kind, e.handle, e.task, e.future),
                         was_queued ? queued->callback : std::string()});
  unqueue(e.handle);
  if (TimerModel* timer = find_timer(e.handle)) {
    timer->state = TimerState::ran;
    timer->ended_step = step_;
    touch_timer(e.handle);
  }
  running_ = 0;
  if (kind != HandleKind::task_step && kind != HandleKind::task_wakeup) return;
  TaskModel* t = find_task(e.task);
  if (!t) return;
  running_ = t->id;
  ++t->steps;
  t->waits_on = 0;
  t->waits_on_label.clear();
  t->await_chain.clear();
  set_state(*t, TaskState::running);
  // The arrow into this step: the wakeup's from the step that completed the future, or the
  // creation's for a first step.
  if (auto open = open_arrows_.find(t->id); open != open_arrows_.end()) {
    arrows_[open->second].to_step = step_;
    open_arrows_.erase(open);
  }
}

void LoopModel::remove_waiter(std::uint32_t id, std::uint32_t task_id) {
  FutureModel* f = find_future(id);
  if (!f || f->state != FutureState::pending) return;
  std::erase(f->waiters, task_id);
  touch_future(id);
}

void LoopModel::suspend(const TraceEvent& e) {
  TaskModel* t = find_task(e.task);
  if (!t) {
    running_ = 0;
    return;
  }
  const auto kind = static_cast<FutureKind>(e.detail);
  if (t->waits_on && t->waits_on != e.future) remove_waiter(t->waits_on, t->id);
  t->waits_on = e.future;
  t->waits_on_label = waits_on_label(e.future, kind);
  // A chain of one frame has no await_frame events: the task's coroutine at this line.
  t->await_chain = {{t->coroutine, strings_->operator[](e.a), e.b}};
  chain_task_ = t->id;
  set_state(*t, TaskState::suspended, e.future, t->waits_on_label);
  running_ = 0;  // after set_state: the step's own task suspends from the next step on
  if (FutureModel* f = find_future(e.future)) {
    add_once(f->waiters, t->id);
    touch_future(f->id);
  }
}

void LoopModel::finish_future(const TraceEvent& e) {
  finish_callbacks(e.future);
  const auto state = static_cast<DoneState>(e.detail);
  if (TaskModel* t = find_task(e.future)) {
    set_state(*t, state == DoneState::result      ? TaskState::done
                  : state == DoneState::exception ? TaskState::raised
                                                  : TaskState::cancelled);
    t->waits_on = 0;
    t->waits_on_label.clear();
    t->await_chain.clear();
    return;
  }
  FutureModel* f = find_future(e.future);
  if (!f) return;
  f->state = state == DoneState::result      ? FutureState::result
             : state == DoneState::exception ? FutureState::exception
                                             : FutureState::cancelled;
  f->done_step = step_;
  f->done_by = e.task;
  f->callbacks_scheduled = e.a;
  touch_future(f->id);
}

void LoopModel::apply(const TraceEvent& e) {
  ++applied_;
  const StringTable& strings = *strings_;
  switch (e.kind) {
    case TraceKind::iteration_begin:
      begin_changes();
      iteration_began_ = true;
      ++iteration_;
      time_ = e.value;
      // _run_once's snapshot: what is ready now, and the timers that fall due next.
      snapshot_left_ = ready_.size();
      iterations_.push_back({iteration_, step_ + 1, e.value, e.a, e.b, std::exchange(io_wait_, 0.0)});
      break;
    case TraceKind::loop_stopped:
      ++loops_stopped_;
      break;
    case TraceKind::timer_due:
      queue(e);
      ++snapshot_left_;
      if (TimerModel* timer = find_timer(e.handle)) {
        timer->state = TimerState::due;
        touch_timer(e.handle);
      }
      break;
    case TraceKind::handle_scheduled:
      queue(e);
      break;
    case TraceKind::timer_scheduled: {
      const auto kind = static_cast<HandleKind>(e.detail);
      timer_index_[e.handle] = timers_.size();
      timers_.push_back({e.handle, e.value, e.task, e.future, running_, step_, open_end, TimerState::pending,
                         handle_label(kind, e.handle, e.task, e.future)});
      touch_timer(e.handle);
      if (FutureModel* f = find_future(e.future)) {
        f->timer_when = e.value;
        f->timer_delay = e.value - time_;
      }
      break;
    }
    case TraceKind::handle_run:
      begin_step(e);
      break;
    case TraceKind::handle_cancel:
      if (TimerModel* timer = find_timer(e.handle)) {
        timer->state = TimerState::cancelled;
        timer->ended_step = step_;
        touch_timer(e.handle);
      }
      break;
    case TraceKind::handle_cancelled:
      unqueue(e.handle);
      if (TimerModel* timer = find_timer(e.handle)) {
        timer->state = TimerState::cancelled;
        if (timer->ended_step == open_end) timer->ended_step = step_;
        touch_timer(e.handle);
      }
      break;
    case TraceKind::task_created: {
      task_index_[e.task] = tasks_.size();
      TaskModel& t = tasks_.emplace_back();
      t.id = e.task;
      t.ordinal = static_cast<std::uint32_t>(tasks_.size());
      t.name = strings[e.a];
      t.coroutine = strings[e.b];
      t.created_by = e.future;
      t.created_step = step_;
      set_state(t, TaskState::ready);
      add_arrow({Arrow::Kind::created, e.future, step_, e.task, open_end, 0});
      break;
    }
    case TraceKind::future_created: {
      future_index_[e.future] = futures_.size();
      FutureModel& f = futures_.emplace_back();
      f.id = e.future;
      f.kind = static_cast<FutureKind>(e.detail);
      // Numbered in the order this trace shows futures, as the text timeline does.
      f.label = std::string(to_string(f.kind)) + " #" + std::to_string(futures_.size());
      f.created_by = e.task;
      f.created_step = step_;
      touch_future(f.id);
      break;
    }
    case TraceKind::suspend:
      suspend(e);
      break;
    case TraceKind::await_frame:
      if (TaskModel* t = find_task(e.task); t && t->id == chain_task_) {
        if (e.detail == 0) t->await_chain.clear();
        t->await_chain.push_back({strings[e.a], strings[e.c], e.b});
      }
      break;
    case TraceKind::step_end:
      running_ = 0;
      if (TaskModel* t = find_task(e.task);
          t && static_cast<StepOutcome>(e.detail) == StepOutcome::yielded && t->state == TaskState::running)
        set_state(*t, TaskState::ready);
      break;
    case TraceKind::future_done:
      finish_future(e);
      break;
    case TraceKind::cancel_requested:
      if (TaskModel* t = find_task(e.task)) {
        t->cancel_requested = true;
        t->cancel_requested_by = e.future;
        t->cancel_message = strings[e.a];
        touch_task(t->id);
      }
      break;
    case TraceKind::exception_raised:
      if (TaskModel* t = find_task(e.task)) {
        t->exception = strings[e.a];
        touch_task(t->id);
      }
      break;
    case TraceKind::task_renamed:
      if (TaskModel* t = find_task(e.task)) {
        t->name = strings[e.a];
        touch_task(t->id);
      }
      break;
    case TraceKind::output:
      output_.push_back({strings[e.a], e.task, step_});
      break;
    case TraceKind::diagnostic:
      diagnostics_.push_back({static_cast<Diagnostic>(e.detail), e.task, strings[e.a], step_});
      break;
    case TraceKind::io_wait:
      io_wait_ = e.value;
      break;
    case TraceKind::callback_source:
      callback_names_[e.handle] = callback_label(e);
      break;
    case TraceKind::callback_added:
      add_callback(e);
      break;
    case TraceKind::callback_removed:
      remove_callback(e);
      break;
    case TraceKind::future_cancel:
      if (FutureModel* f = find_future(e.future)) {
        f->cancelled_by = e.task;
        f->cancel_message = strings[e.a];
        touch_future(f->id);
      }
      break;
  }
}

}  // namespace coroscope::trace
