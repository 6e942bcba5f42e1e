#include "coroscope/trace/text_timeline.hpp"

#include <cstdio>
#include <string>
#include <vector>

#include "coroscope/trace/loop_model.hpp"

#include "labels.hpp"

namespace coroscope::trace {

namespace {

// ANSI select-graphic-rendition codes.
constexpr const char* faint = "2";
constexpr const char* bold = "1";
constexpr const char* red = "31";
constexpr const char* yellow = "33";
// Each task keeps one colour, in creation order; red stays for errors.
constexpr const char* task_colors[] = {"36", "35", "32", "34", "96", "95", "92", "94"};

std::string seconds(double t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", t);
  return text;
}

// Writes the timeline in one pass. For each event, describe() composes its sentence from the
// state *before* it (and may take in the events that merely complete it, such as the
// handle_scheduled of a new task's first step); apply() then updates that state: the names
// and colours (Labels) and the loop's state (the LoopModel every view reads).
class TimelineWriter {
 public:
  TimelineWriter(std::ostream& out, const Recorder& recorder, const TimelineOptions& options)
      : out_(out),
        recorder_(recorder),
        color_(options.color),
        labels_(recorder.strings()),
        model_(recorder.strings()) {}

  void write() {
    if (recorder_.size() > 0 && recorder_.iteration(0) == 0)
      out_ << rule("before the first iteration · t=" + seconds(recorder_.time(0))) << '\n';
    for (std::size_t i = 0; i < recorder_.size();) {
      std::size_t next = i + 1;
      const std::string line = describe(i, next);
      for (std::size_t k = i; k < next; ++k) apply(recorder_[k]);
      if (!line.empty()) out_ << line << '\n';
      i = next;
    }
  }

 private:
  const TraceEvent& at(std::size_t i) const { return recorder_[i]; }
  bool follows(std::size_t i, TraceKind kind, std::uint32_t task) const {
    return i < recorder_.size() && at(i).kind == kind && at(i).task == task;
  }
  const std::string& text(std::uint32_t id) const { return recorder_.strings()[id]; }

  std::string paint(std::string_view words, const char* sgr) const {
    if (!color_) return std::string(words);
    return "\x1b[" + std::string(sgr) + "m" + std::string(words) + "\x1b[0m";
  }
  std::string rule(const std::string& title) const { return paint("── " + title + " ──", bold); }
  static std::string item(const std::string& sentence) { return "  " + sentence; }

  std::string task(std::uint32_t id) { return task(id, labels_.task(id)); }
  std::string task(std::uint32_t id, std::string_view name) {
    return paint(name, task_colors[(labels_.task_ordinal(id) - 1) % std::size(task_colors)]);
  }
  // A future, with a task's colour if it is one.
  std::string future(std::uint32_t id) { return labels_.is_task(id) ? task(id) : labels_.future(id); }
  std::string handle(const HandleInfo& h) { return labels_.handle(h); }
  // What a future's completion schedules: "Task-1's wakeup", "a done callback".
  std::string scheduled(const HandleInfo& h) {
    switch (h.kind) {
      case HandleKind::task_step:
        return task(h.task) + "'s step";
      case HandleKind::task_wakeup:
        return task(h.task) + "'s wakeup";
      case HandleKind::done_callback:
        return "a done callback";
      case HandleKind::callback:
        return "a callback";
    }
    return "a handle";
  }
  std::string outcome(std::uint32_t id) {
    const FutureState state = future_state(id);
    if (state == FutureState::pending || state == FutureState::result) return future(id) + " is done";
    return future(id) + (state == FutureState::exception ? " raised" : " was cancelled");
  }
  // A task's end as its future's.
  FutureState future_state(std::uint32_t id) const {
    if (const TaskModel* t = model_.task(id)) {
      return t->state == TaskState::raised      ? FutureState::exception
             : t->state == TaskState::cancelled ? FutureState::cancelled
                                                : FutureState::result;
    }
    const FutureModel* f = model_.future(id);
    return f ? f->state : FutureState::pending;
  }
  bool queued(std::uint32_t handle) const {
    for (const ReadyEntry& entry : model_.ready())
      if (entry.handle == handle) return true;
    return false;
  }

  std::string describe(std::size_t i, std::size_t& next);
  std::string describe_iteration(std::size_t i);
  std::string describe_handle_run(std::size_t i);
  std::string describe_suspend(std::size_t i, std::size_t& next);
  std::string describe_future_done(std::size_t i, std::size_t& next);
  void apply(const TraceEvent& e);

  std::ostream& out_;
  const Recorder& recorder_;
  const bool color_;
  Labels labels_;
  LoopModel model_;
};

std::string TimelineWriter::describe(std::size_t i, std::size_t& next) {
  const TraceEvent& e = at(i);
  switch (e.kind) {
    case TraceKind::iteration_begin:
      return describe_iteration(i);
    case TraceKind::loop_stopped:
      return rule(e.future ? "the loop stops: " + future(e.future) + " is done, so run_until_complete returns"
                           : std::string("the loop stops: run_forever returns"));
    case TraceKind::timer_due:
      if (!e.future) return item("timer due: a call_later callback joins the ready queue");
      return item("timer due: " + future(e.future) + (e.task ? " → " + task(e.task) + " will wake" : ""));
    case TraceKind::handle_scheduled:
      return item(handle(handle_info(e)) + " joins the ready queue (position " + std::to_string(e.a) + ")");
    case TraceKind::timer_scheduled:
      return item((model_.running_task() ? task(model_.running_task()) + " sets" : std::string("sets")) +
                  " a timer for t=" + seconds(e.value) + ": " + handle(handle_info(e)));
    case TraceKind::handle_run:
      return describe_handle_run(i);
    case TraceKind::handle_cancelled: {
      return item((queued(e.handle) ? "skips a cancelled handle: " : "drops a cancelled timer: ") +
                  handle(handle_info(e)));
    }
    case TraceKind::handle_cancel:
      return item((model_.running_task() ? task(model_.running_task()) + " cancels" : std::string("cancels")) +
                  " a timer: " + handle(handle_info(e)) + " will never run");
    case TraceKind::task_created: {
      const std::string created = task(e.task, text(e.a));
      std::string line = e.future ? task(e.future) + " creates " + created + " for " + text(e.b) + "()"
                                  : created + " is created for " + text(e.b) + "() outside any task";
      if (follows(i + 1, TraceKind::handle_scheduled, e.task)) {
        line += " → its first step joins the ready queue (position " + std::to_string(at(i + 1).a) + ")";
        next = i + 2;
      }
      return item(line);
    }
    case TraceKind::future_created: {
      const auto kind = static_cast<FutureKind>(e.detail);
      const std::string label = labels_.future(e.future, kind);
      if (i + 1 < recorder_.size() && at(i + 1).kind == TraceKind::timer_scheduled && at(i + 1).future == e.future) {
        next = i + 2;
        return item((e.task ? task(e.task) + " starts " : "") + label +
                    ": its timer is due at t=" + seconds(at(i + 1).value));
      }
      return item(e.task ? task(e.task) + " creates " + label : label + " is created");
    }
    case TraceKind::step_end:
      return {};                      // the future_done (or the refused yield's next step) says how it ended
    case TraceKind::io_wait:          // the iteration's line says how long the loop waited
    case TraceKind::callback_source:  // the facts of these four are told by the lines of
    case TraceKind::callback_added:   // the handles and future_done events they come with
    case TraceKind::callback_removed:
    case TraceKind::future_cancel:
      return {};
    case TraceKind::suspend:
      return describe_suspend(i, next);
    case TraceKind::await_frame:
      return item("  in " + text(e.a) + " at " + paint(site(text(e.c), e.b), faint));
    case TraceKind::future_done:
      return describe_future_done(i, next);
    case TraceKind::cancel_requested:
      return item((e.future ? task(e.future) + " cancels " + task(e.task) : task(e.task) + " is cancelled") +
                  (e.a ? " ('" + text(e.a) + "')" : ""));
    case TraceKind::exception_raised:
      return item(task(e.task) + " raises " + paint(text(e.a), red));
    case TraceKind::task_renamed:
      return item(task(e.task) + " is renamed '" + text(e.a) + "'");
    case TraceKind::output:
      return item((e.task ? task(e.task) + " prints: " : "prints: ") + paint(text(e.a), bold));
    case TraceKind::diagnostic: {
      std::string message = text(e.a);
      for (std::size_t at = message.find('\n'); at != std::string::npos; at = message.find('\n', at + 1))
        message.insert(at + 1, "    ");
      return item(paint(std::string("⚠ ") + to_string(static_cast<Diagnostic>(e.detail)) + ": " + message,
                        static_cast<Diagnostic>(e.detail) == Diagnostic::slow_callback ? yellow : red));
    }
  }
  return {};
}

// "── iteration 3 · t=1.000 · ready: [Task-2 step, Task-1 wakeup] ──": what this iteration
// will run, that is the ready queue plus the timers that fall due as it starts (the events
// just after), at the time after the loop's wait.
std::string TimelineWriter::describe_iteration(std::size_t i) {
  const TraceEvent& e = at(i);
  std::vector<std::string> ready;
  for (const ReadyEntry& entry : model_.ready()) ready.push_back(handle({entry.kind, entry.task, entry.future}));
  std::size_t j = i + 1;
  for (; j < recorder_.size() && at(j).kind == TraceKind::timer_due; ++j) ready.push_back(handle(handle_info(at(j))));
  std::string line = rule("iteration " + std::to_string(recorder_.iteration(i)) + " · t=" + seconds(e.value) +
                          " · ready: [" + join(ready, ", ") + "]");
  // Nothing was ready, so the loop slept until its first timer: since the previous iteration.
  const double waited = e.a == 0 && i > 0 && recorder_.iteration(i - 1) > 0 ? e.value - recorder_.time(i - 1) : 0.0;
  if (waited > 0) line += "\n" + item("nothing is ready: the loop waits " + seconds(waited) + " s for the next timer");
  return line;
}

std::string TimelineWriter::describe_handle_run(std::size_t i) {
  const TraceEvent& e = at(i);
  switch (static_cast<HandleKind>(e.detail)) {
    case HandleKind::task_step: {
      const TaskModel* t = model_.task(e.task);
      const bool first = !t || t->steps == 0;
      return item(task(e.task) + (first ? " runs (its first step)" : " runs (its next step)"));
    }
    case HandleKind::task_wakeup:  // Task.__wakeup, then Task.__step
      return item(task(e.task) + " resumes: " + outcome(e.future));
    case HandleKind::done_callback:
      return item("runs a done callback of " + future(e.future));
    case HandleKind::callback:
      return item(e.future ? "runs the timer callback of " + future(e.future) : std::string("runs a callback"));
  }
  return {};
}

// "Task-1 suspends at lesson.cpp:8 on sleep #1 (await chain: main_ → greet → sleep)".
std::string TimelineWriter::describe_suspend(std::size_t i, std::size_t& next) {
  const TraceEvent& e = at(i);
  AwaitChain chain = await_chain(recorder_, i, labels_.coroutine(e.task));
  next = chain.end;
  const std::string where = paint(chain.site, faint);
  if (e.future) {
    chain.functions.push_back(labels_.is_task(e.future) ? task(e.future)
                                                        : to_string(static_cast<FutureKind>(e.detail)));
    return item(task(e.task) + " suspends at " + where + " on " + future(e.future) +
                " (await chain: " + join(chain.functions, " → ") + ")");
  }
  // A bare yield (sleep(0)): the task's next step is queued at once.
  chain.functions.push_back("sleep(0)");
  std::string line = task(e.task) + " yields at " + where + " (await chain: " + join(chain.functions, " → ") + ")";
  if (follows(next, TraceKind::handle_scheduled, e.task)) {
    line += " → its next step joins the ready queue (position " + std::to_string(at(next).a) + ")";
    ++next;
  }
  return item(line);
}

// "sleep #1 done → schedules Task-1's wakeup": Future.__schedule_callbacks, with the
// handle_scheduled events of its callbacks.
std::string TimelineWriter::describe_future_done(std::size_t i, std::size_t& next) {
  const TraceEvent& e = at(i);
  const auto state = static_cast<DoneState>(e.detail);
  std::string line;
  if (labels_.is_task(e.future)) {  // a task: its coroutine ended
    line = task(e.future) + (state == DoneState::result      ? " returns"
                             : state == DoneState::exception ? " ends with an exception"
                                                             : " ends cancelled");
  } else {
    line = future(e.future) + (state == DoneState::result      ? " done"
                               : state == DoneState::exception ? " done (with an exception)"
                                                               : " cancelled");
  }
  std::vector<std::string> callbacks;
  for (; next < recorder_.size() && callbacks.size() < e.a && at(next).kind == TraceKind::handle_scheduled; ++next)
    callbacks.push_back(scheduled(handle_info(at(next))));
  line += callbacks.empty() ? " (nothing waits for it)" : " → schedules " + join(callbacks, ", ");
  return item(line);
}

void TimelineWriter::apply(const TraceEvent& e) {
  labels_.apply(e);
  model_.apply(e);
}

}  // namespace

void write_text_timeline(std::ostream& out, const Recorder& recorder, const TimelineOptions& options) {
  TimelineWriter(out, recorder, options).write();
}

}  // namespace coroscope::trace
