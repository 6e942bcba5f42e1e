#include "visualizer/step_sentence.hpp"

#include <cctype>
#include <cstdio>
#include <string_view>
#include <vector>

namespace coroscope::visualizer {

namespace {

std::string seconds(double t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f s", t);
  return text;
}

// "lesson.cpp:6": the student knows the folder.
std::string site(std::string_view file, std::uint32_t line) {
  if (const std::size_t slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  if (file.empty()) return "line " + std::to_string(line);
  return std::string(file) + ":" + std::to_string(line);
}

// "a", "a and b", "a, b and c".
std::string listing(const std::vector<std::string>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += i + 1 == items.size() ? " and " : ", ";
    text += items[i];
  }
  return text;
}

// A future as the student thinks of it: a sleep by its call, a task by its name.
std::string future_name(const trace::LoopModel& model, std::uint32_t id) {
  const trace::FutureModel* f = model.future(id);
  if (f && f->kind == FutureKind::sleep && f->timer_delay >= 0) {
    char text[48];
    std::snprintf(text, sizeof text, "sleep(%g)", f->timer_delay);
    return text;
  }
  return model.label(id);
}

// What one step's events say, gathered in one pass.
struct StepEvents {
  const TraceEvent* run = nullptr;  // the handle_run
  bool iteration_began = false;
  double iteration_time = 0;
  std::vector<std::uint32_t> timers_due;  // their futures (0: a call_later of user code)
  std::vector<std::string> printed, created, completed, cancelled;
  std::vector<std::uint32_t> woken;  // tasks whose wakeup this step queued
  const TraceEvent* suspend = nullptr;
  const TraceEvent* step_end = nullptr;
  std::string raised;
};

StepEvents read_step(const trace::LoopModel& model, const trace::Recorder& recorder, std::size_t begin,
                     std::size_t end) {
  StepEvents s;
  const trace::StringTable& strings = recorder.strings();
  for (std::size_t i = begin; i < end; ++i) {
    const TraceEvent& e = recorder[i];
    switch (e.kind) {
      case TraceKind::iteration_begin:
        s.iteration_began = true;
        s.iteration_time = e.value;
        break;
      case TraceKind::timer_due:
        s.timers_due.push_back(e.future);
        break;
      case TraceKind::handle_run:
        s.run = &e;
        break;
      case TraceKind::handle_scheduled:
        if (static_cast<HandleKind>(e.detail) == HandleKind::task_wakeup) s.woken.push_back(e.task);
        break;
      case TraceKind::output:
        s.printed.push_back("printed \"" + strings[e.a] + "\"");
        break;
      case TraceKind::task_created:
        s.created.push_back("created " + strings[e.a] + " for " + strings[e.b] + "()");
        break;
      case TraceKind::future_done:
        if (model.task(e.future) == nullptr) {
          const auto state = static_cast<DoneState>(e.detail);
          s.completed.push_back((state == DoneState::cancelled ? "cancelled " : "finished ") + model.label(e.future));
        }
        break;
      case TraceKind::cancel_requested:
        s.cancelled.push_back("asked " + model.label(e.task) + " to cancel");
        break;
      case TraceKind::suspend:
        s.suspend = &e;
        break;
      case TraceKind::step_end:
        s.step_end = &e;
        break;
      case TraceKind::exception_raised:
        s.raised = strings[e.a];
        break;
      default:
        break;
    }
  }
  return s;
}

// "Task-2 (worker)": a task and what it runs.
std::string task_name(const trace::LoopModel& model, std::uint32_t id) {
  const trace::TaskModel* t = model.task(id);
  if (!t) return "a task";
  return t->name + " (" + t->coroutine + ")";
}

// How the future a wakeup was for ended, and so what its await does: return, raise, or raise
// CancelledError (Task.__step throws it in when the awaited future was cancelled).
std::string how_it_ended(const trace::LoopModel& model, std::uint32_t id) {
  bool cancelled = false, raised = false;
  if (const trace::TaskModel* t = model.task(id)) {
    cancelled = t->state == trace::TaskState::cancelled;
    raised = t->state == trace::TaskState::raised;
  } else if (const trace::FutureModel* f = model.future(id)) {
    cancelled = f->state == trace::FutureState::cancelled;
    raised = f->state == trace::FutureState::exception;
  }
  if (cancelled) return " was cancelled, and got CancelledError at its await";
  if (raised) return " raised, and got its exception at its await";
  return " is done, and resumed after its await";
}

// The handle the loop ran, as the step's subject.
std::string what_ran(const trace::LoopModel& model, const StepEvents& s) {
  const auto kind = static_cast<HandleKind>(s.run->detail);
  const trace::TaskModel* t = model.task(s.run->task);
  switch (kind) {
    case HandleKind::task_step:
      if (t && t->steps == 1) return task_name(model, s.run->task) + " ran for the first time";
      return task_name(model, s.run->task) + " took its next step, queued when it yielded";
    case HandleKind::task_wakeup:
      return task_name(model, s.run->task) + " woke up because " + future_name(model, s.run->future) +
             how_it_ended(model, s.run->future);
    case HandleKind::done_callback: {
      const trace::LoopStep* step = model.current_handle();
      const std::string name = step && !step->callback.empty() ? " (" + step->callback + ")" : "";
      return "a done callback of " + model.label(s.run->future) + name + " ran";
    }
    case HandleKind::callback:
      if (s.run->future) return "the timer of " + future_name(model, s.run->future) + " fired";
      return model.is_timer(s.run->handle) ? "a callback scheduled with call_later ran"
                                           : "a callback scheduled with call_soon ran";
  }
  return "the loop ran a handle";
}

// How a task's step ended.
std::string how_it_ended(const trace::LoopModel& model, const trace::Recorder& recorder, const StepEvents& s) {
  if (s.suspend) {
    const std::uint32_t future = s.suspend->future;
    const trace::TaskModel* t = model.task(s.suspend->task);
    // The line in the task's own code, where the student wrote the await.
    const trace::Frame* own = t ? trace::own_await_frame(*t) : nullptr;
    const std::string where = own ? site(own->file, own->line) : site(recorder.strings()[s.suspend->a], s.suspend->b);
    if (!future) return "yielded with sleep(0) at " + where + ": its next step waits for the next iteration";
    const std::string label = t && !t->waits_on_label.empty() ? t->waits_on_label : model.label(future);
    return "suspended at " + where + ", awaiting " + label + " (" + model.label(future) + ")";
  }
  if (s.step_end) {
    switch (static_cast<StepOutcome>(s.step_end->detail)) {
      case StepOutcome::finished:
        return "returned: the task is done";
      case StepOutcome::raised:
        return "raised " + (s.raised.empty() ? std::string("an exception") : s.raised);
      case StepOutcome::cancelled:
        return "ended cancelled (CancelledError escaped its coroutine)";
      case StepOutcome::yielded:
        return "yielded something that is not a future";
    }
  }
  return {};
}

}  // namespace

std::string describe_step(const trace::LoopModel& model, const trace::Recorder& recorder, std::size_t begin,
                          std::size_t end, bool run_closed) {
  const StepEvents s = read_step(model, recorder, begin, end);
  std::string text;
  if (!s.run) {
    text =
        "asyncio.run(main()) created Task-1 for main() and queued its first step: nothing has run yet "
        "(press \u2192 to run it)";
  } else {
    if (s.iteration_began) {
      text = "Iteration " + std::to_string(model.iteration()) + " began";
      // On VirtualClock an idle loop does not wait: the clock jumps to the earliest timer.
      const auto& iterations = model.iterations();
      const double before = iterations.size() >= 2 ? iterations[iterations.size() - 2].time : 0;
      if (s.iteration_time > before)
        text += "; nothing was ready, so the clock jumped to the first timer's deadline, " + seconds(s.iteration_time);
      // The timers that fell due besides the one this step runs (that one is the subject).
      std::vector<std::string> due;
      for (std::uint32_t future : s.timers_due)
        if (future != s.run->future || static_cast<HandleKind>(s.run->detail) != HandleKind::callback)
          due.push_back(future ? "the timer of " + future_name(model, future) : "a call_later timer");
      if (!due.empty())
        text += "; " + listing(due) + (due.size() == 1 ? " fell due and waits" : " fell due and wait") +
                " in the ready queue";
      text += ". ";
    }
    std::string sentence = what_ran(model, s);
    std::vector<std::string> did = s.printed;
    did.insert(did.end(), s.created.begin(), s.created.end());
    did.insert(did.end(), s.cancelled.begin(), s.cancelled.end());
    did.insert(did.end(), s.completed.begin(), s.completed.end());
    if (const std::string ended = how_it_ended(model, recorder, s); !ended.empty()) did.push_back(ended);
    if (!did.empty()) sentence += (s.printed.empty() && s.created.empty() ? " and " : ": ") + listing(did);
    sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
    text += sentence;
    // The rule that surprises: a finished future schedules its waiters' wakeups with
    // call_soon, so they run in the next iteration, never inside this one (DESIGN.md rule 5).
    std::vector<std::string> woken;
    for (std::uint32_t task : s.woken) woken.push_back(model.label(task));
    if (!woken.empty())
      text += "; " + listing(woken) +
              " will resume next iteration, not now (a done future only queues its waiters' wakeups)";
    if (!s.created.empty() && s.woken.empty())
      text += "; a new task only runs once its first step reaches the front of the ready queue";
  }
  text += '.';
  if (run_closed) text += " The run is over: asyncio.run has closed the loop.";
  return text;
}

}  // namespace coroscope::visualizer
