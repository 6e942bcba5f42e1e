#include "coroscope/trace/chrome_trace.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "coroscope/trace/loop_model.hpp"
#include "labels.hpp"

namespace coroscope::trace {

namespace {

using Json = nlohmann::ordered_json;

constexpr int pid = 1;
constexpr int loop_tid = 1;
// The axis is the timeline's: one step (one handle the loop runs) is one millisecond.
constexpr double us_per_step = 1000;

double ts_of(double step) { return step * us_per_step; }

// Writes the Chrome trace of a LoopModel: the model is built event by event, and what only a
// moment of it shows (a suspended task's await chain, the ready queue's length, a task's
// names over time) is read as it happens; the rest (the lanes' segments, the arrows, the
// output, the loop's steps and iterations) is the model's own history, read at the end.
class ChromeTraceWriter {
 public:
  ChromeTraceWriter(std::ostream& out, const Recorder& recorder, const TraceInfo& info)
      : out_(out), recorder_(recorder), info_(info), model_(recorder.strings()) {}

  void write() {
    out_ << "{\"traceEvents\":[\n";
    emit({{"ph", "M"},
          {"name", "process_name"},
          {"pid", pid},
          {"args", {{"name", info_.program.empty() ? "coroscope" : "coroscope · " + info_.program}}}});
    emit(thread_name(loop_tid, "event loop"));
    emit(sort_index(loop_tid));
    for (std::size_t i = 0; i < recorder_.size(); ++i) {
      model_.apply(recorder_[i]);
      observe(i);
    }
    end_ = static_cast<double>(model_.step() + 1);
    write_loop_lane();
    for (const TaskModel& task : model_.tasks()) write_task_lane(task);
    write_arrows();
    write_output();
    out_ << "\n],\n\"otherData\":"
         << dump({{"format", "coroscope chrome trace"},
                  {"program", info_.program},
                  {"clock", info_.clock},
                  {"time", "1 ms per loop step, the visualizer's axis; each slice's args give the loop time (t)"}})
         << "}\n";
  }

 private:
  // Text a program printed may be any bytes: invalid UTF-8 becomes U+FFFD, not an error.
  static std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }
  void emit(const Json& event) {
    out_ << (first_ ? "" : ",\n") << dump(event);
    first_ = false;
  }
  static Json thread_name(int tid, const std::string& name) {
    return {{"ph", "M"}, {"name", "thread_name"}, {"pid", pid}, {"tid", tid}, {"args", {{"name", name}}}};
  }
  static Json sort_index(int tid) {
    return {{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", pid}, {"tid", tid}, {"args", {{"sort_index", tid}}}};
  }
  static int tid_of(const TaskModel& task) { return loop_tid + static_cast<int>(task.ordinal); }
  int tid_of(std::uint32_t task) const {
    const TaskModel* t = model_.task(task);
    return t ? tid_of(*t) : loop_tid;
  }
  void slice(int tid, const std::string& name, double begin, double end, Json args) {
    Json event{{"ph", "X"},  {"name", name},       {"pid", pid},
               {"tid", tid}, {"ts", ts_of(begin)}, {"dur", ts_of(end - begin)}};
    if (!args.is_null()) event["args"] = std::move(args);
    emit(event);
  }
  void instant(int tid, const std::string& name, double step, Json args, const char* scope = "t") {
    emit({{"ph", "i"}, {"s", scope}, {"name", name}, {"pid", pid}, {"tid", tid}, {"ts", ts_of(step)}, {"args", args}});
  }
  // The loop time and iteration at a step.
  Json when(std::size_t step) const {
    const auto& its = model_.iterations();
    auto it = std::upper_bound(its.begin(), its.end(), step,
                               [](std::size_t s, const Iteration& i) { return s < i.first_step; });
    if (it == its.begin()) return {{"iteration", 0}, {"t", 0.0}};
    --it;
    return {{"iteration", it->number}, {"t", it->time}};
  }

  // What the model shows only for the moment: read after each event.
  void observe(std::size_t i) {
    const TraceEvent& e = recorder_[i];
    if (e.kind == TraceKind::task_created || e.kind == TraceKind::task_renamed) {
      const TaskModel* t = model_.task(e.task);
      if (!t) return;
      if (e.kind == TraceKind::task_created) emit(sort_index(tid_of(*t)));
      emit(thread_name(tid_of(*t), t->name));
    } else if (e.kind == TraceKind::suspend || e.kind == TraceKind::await_frame) {
      // The chain is complete once its last await_frame is in; a later one overwrites.
      const TaskModel* t = model_.task(e.task);
      if (!t || t->segments.empty() || t->await_chain.empty()) return;
      std::vector<std::string> functions;
      for (const Frame& f : t->await_chain) functions.push_back(f.function);
      const Frame* at = own_await_frame(*t);
      suspensions_[{t->id, t->segments.size() - 1}] = {
          {"at", site(at->file, at->line)},
          {"await chain", join(functions, " → ") + " → " + (t->waits_on ? model_.label(t->waits_on) : "sleep(0)")}};
    } else if (e.kind == TraceKind::cancel_requested && model_.task(e.task)) {
      const TaskModel& t = *model_.task(e.task);
      Json args{{"message", t.cancel_message}};
      if (t.cancel_requested_by) args["by"] = model_.label(t.cancel_requested_by);
      instant(tid_of(t), "cancel requested", static_cast<double>(model_.step()) + 0.5, std::move(args));
    } else if (e.kind == TraceKind::diagnostic) {
      const DiagnosticModel& d = model_.diagnostics().back();
      instant(loop_tid, std::string("⚠ ") + to_string(d.kind), static_cast<double>(d.step) + 0.5,
              {{"message", d.message}}, "g");
    }
    // The ready queue's length, once per change.
    if (model_.ready().size() != ready_length_) {
      ready_length_ = model_.ready().size();
      emit({{"ph", "C"},
            {"name", "ready queue"},
            {"pid", pid},
            {"ts", ts_of(static_cast<double>(model_.step()) + 0.5)},
            {"args", {{"length", ready_length_}}}});
    }
  }

  // The loop's lane: each step is the handle it ran; each iteration's start an instant.
  void write_loop_lane() {
    for (const LoopStep& s : model_.loop_steps()) {
      const auto begin = static_cast<double>(s.step);
      slice(loop_tid, s.label, begin, begin + 1, when(s.step));
    }
    for (const Iteration& it : model_.iterations()) {
      Json args{{"t", it.time}, {"ready", it.ready}, {"timers", it.timers}};
      if (it.io_wait != 0) args["waited"] = it.io_wait < 0 ? Json("forever") : Json(it.io_wait);
      instant(loop_tid, "iteration " + std::to_string(it.number), static_cast<double>(it.first_step), std::move(args));
    }
  }

  // A task's lane: its segments until it ends (a finished task's lane stops there).
  void write_task_lane(const TaskModel& task) {
    for (std::size_t i = 0; i < task.segments.size(); ++i) {
      const Segment& seg = task.segments[i];
      if (is_finished(seg.state)) {
        instant(tid_of(task), to_string(seg.state) + (task.exception.empty() ? "" : ": " + task.exception), seg.begin,
                {});
        continue;
      }
      const double end = seg.end == static_cast<double>(open_end) ? end_ : seg.end;
      if (end <= seg.begin) continue;
      std::string name = to_string(seg.state);
      if (seg.state == TaskState::suspended) name = seg.future ? "waits on " + model_.label(seg.future) : "yielded";
      Json args = seg.state == TaskState::running ? when(static_cast<std::size_t>(seg.begin)) : Json();
      if (auto found = suspensions_.find({task.id, i});
          seg.state == TaskState::suspended && found != suspensions_.end())
        args = found->second;
      slice(tid_of(task), name, seg.begin, end, std::move(args));
    }
  }

  // Flow arrows (v1 flow events; "bp":"e" binds each end to the slice that encloses it): from
  // the middle of the step that created a task or completed a future to the middle of the step
  // it started or woke.
  void write_arrows() {
    std::uint64_t id = 1;
    for (const Arrow& a : model_.arrows()) {
      if (a.to_step == open_end) continue;             // the step it leads to never ran
      if (!a.from_task && a.from_step == 0) continue;  // before the first step: no slice to start from
      const std::string name =
          a.kind == Arrow::Kind::created ? "creates " + model_.label(a.to_task) : model_.label(a.future) + " done";
      const char* category = a.kind == Arrow::Kind::created ? "create" : "wakeup";
      const int from = a.from_task ? tid_of(a.from_task) : loop_tid;
      emit({{"ph", "s"},
            {"id", id},
            {"name", name},
            {"cat", category},
            {"pid", pid},
            {"tid", from},
            {"ts", ts_of(static_cast<double>(a.from_step) + 0.5)}});
      emit({{"ph", "f"},
            {"bp", "e"},
            {"id", id},
            {"name", name},
            {"cat", category},
            {"pid", pid},
            {"tid", tid_of(a.to_task)},
            {"ts", ts_of(static_cast<double>(a.to_step) + 0.5)}});
      ++id;
    }
  }

  void write_output() {
    for (const OutputLine& line : model_.output())
      instant(line.task ? tid_of(line.task) : loop_tid, "print: " + line.text, static_cast<double>(line.step) + 0.5,
              when(line.step));
  }

  std::ostream& out_;
  const Recorder& recorder_;
  const TraceInfo& info_;
  LoopModel model_;
  bool first_ = true;
  double end_ = 0;
  std::size_t ready_length_ = 0;
  // A suspended segment's "at" and "await chain", by (task, segment index).
  std::map<std::pair<std::uint32_t, std::size_t>, Json> suspensions_;
};

}  // namespace

void write_chrome_trace(std::ostream& out, const Recorder& recorder, const TraceInfo& info) {
  ChromeTraceWriter(out, recorder, info).write();
}

}  // namespace coroscope::trace
