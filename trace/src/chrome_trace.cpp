#include "coroscope/trace/chrome_trace.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "labels.hpp"

namespace coroscope::trace {

namespace {

using Json = nlohmann::ordered_json;

constexpr int pid = 1;
constexpr int loop_tid = 1;

// One slice at a time per lane, so the slices of a lane never overlap: opening the next one
// closes the current one at the same instant.
struct Slice {
  std::string name;
  double start = 0;
  Json args;
  bool open = false;
};

// A task's lane: ready -> running -> waiting on a future -> ready -> ... -> done.
struct Lane {
  int tid = 0;
  Slice slice;
  bool step_queued = false;  // its next step was scheduled while it ran (a refused yield)
  std::string yielded_at;    // set by the `suspend` of a bare yield, for its "ready" slice
};

// A flow arrow waiting for its handle to run: where the handle was scheduled.
struct PendingFlow {
  std::string name;
  std::string category;
  int tid = 0;
  double ts = 0;
};

class ChromeTraceWriter {
 public:
  ChromeTraceWriter(std::ostream& out, const Recorder& recorder, const TraceInfo& info)
      : out_(out), recorder_(recorder), info_(info), labels_(recorder.strings()) {}

  void write() {
    out_ << "{\"traceEvents\":[\n";
    emit({{"ph", "M"},
          {"name", "process_name"},
          {"pid", pid},
          {"args", {{"name", info_.program.empty() ? "coroscope" : "coroscope · " + info_.program}}}});
    emit(thread_name(loop_tid, "event loop"));
    emit({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", pid}, {"tid", loop_tid}, {"args", {{"sort_index", 0}}}});
    for (std::size_t i = 0; i < recorder_.size(); ++i) {
      on_event(i);
      labels_.apply(recorder_[i]);
    }
    const auto end = static_cast<double>(recorder_.size());
    close(loop_tid, loop_slice_, end);
    for (auto& [task, lane] : lanes_) close(lane.tid, lane.slice, end);
    out_ << "\n],\n\"otherData\":"
         << dump({{"format", "coroscope chrome trace"},
                  {"program", info_.program},
                  {"clock", info_.clock},
                  {"time", "1 us per trace event; the loop time of each slice is in its args (t)"}})
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
  void open(int tid, Slice& slice, std::string name, double ts, Json args) {
    close(tid, slice, ts);
    slice = {std::move(name), ts, std::move(args), true};
  }
  void close(int tid, Slice& slice, double ts) {
    if (!slice.open) return;
    slice.open = false;
    Json event{{"ph", "X"},  {"name", slice.name}, {"pid", pid},
               {"tid", tid}, {"ts", slice.start},  {"dur", ts - slice.start}};
    if (!slice.args.is_null()) event["args"] = std::move(slice.args);
    emit(event);
  }
  void instant(int tid, std::string name, double ts, Json args) {
    emit({{"ph", "i"},
          {"s", "t"},
          {"name", std::move(name)},
          {"pid", pid},
          {"tid", tid},
          {"ts", ts},
          {"args", std::move(args)}});
  }
  void ready_count(double ts) {
    emit({{"ph", "C"}, {"name", "ready queue"}, {"pid", pid}, {"ts", ts}, {"args", {{"length", queued_.size()}}}});
  }
  // Where event `i` happened in loop terms: its iteration and the loop time.
  Json when(std::size_t i) const { return {{"iteration", recorder_.iteration(i)}, {"t", recorder_.time(i)}}; }

  Lane& lane(std::uint32_t task) {
    auto [it, added] = lanes_.try_emplace(task);
    if (added) {
      it->second.tid = loop_tid + static_cast<int>(labels_.task_ordinal(task));
      emit({{"ph", "M"},
            {"name", "thread_sort_index"},
            {"pid", pid},
            {"tid", it->second.tid},
            {"args", {{"sort_index", it->second.tid}}}});
    }
    return it->second;
  }
  // The lane of whatever runs now: the task in its step, else the loop running a callback.
  int running_tid() { return running_task_ ? lane(running_task_).tid : loop_tid; }

  void on_event(std::size_t i);
  void on_handle_scheduled(const TraceEvent& e, double ts);
  void on_handle_run(std::size_t i, double ts);
  void on_suspend(std::size_t i, double ts);
  void on_step_end(const TraceEvent& e, double ts);

  std::ostream& out_;
  const Recorder& recorder_;
  const TraceInfo& info_;
  Labels labels_;
  bool first_ = true;
  Slice loop_slice_;
  std::unordered_map<std::uint32_t, Lane> lanes_;
  std::unordered_set<std::uint32_t> queued_;              // handles in the ready queue
  std::unordered_map<std::uint32_t, PendingFlow> flows_;  // handle id -> its arrow's start
  std::uint32_t running_task_ = 0;
  std::uint32_t created_task_ = 0;      // a task_created whose first step is scheduled next
  std::uint32_t completed_future_ = 0;  // a future_done whose callbacks are scheduled next
  std::uint32_t callbacks_left_ = 0;
  double completed_at_ = 0;
  int completed_on_ = 0;  // the lane it completed on (0: none)
  std::uint64_t next_flow_id_ = 1;
};

void ChromeTraceWriter::on_event(std::size_t i) {
  const TraceEvent& e = recorder_[i];
  const auto ts = static_cast<double>(i);  // one microsecond per event (chrome_trace.hpp)
  switch (e.kind) {
    case TraceKind::iteration_begin:
      open(loop_tid, loop_slice_, "iteration " + std::to_string(recorder_.iteration(i)), ts,
           {{"t", e.value}, {"ready", e.a}, {"timers", e.b}});
      break;
    case TraceKind::loop_stopped:
      close(loop_tid, loop_slice_, ts);
      instant(loop_tid, e.future ? "run_until_complete(" + labels_.future(e.future) + ") returns" : "loop stopped", ts,
              when(i));
      break;
    case TraceKind::timer_due:
      queued_.insert(e.handle);
      ready_count(ts);
      break;
    case TraceKind::handle_scheduled:
      on_handle_scheduled(e, ts);
      break;
    case TraceKind::handle_run:
      on_handle_run(i, ts);
      break;
    case TraceKind::handle_cancel:  // the timer leaves the heap later, as handle_cancelled
      break;
    case TraceKind::handle_cancelled:
      flows_.erase(e.handle);
      if (queued_.erase(e.handle)) ready_count(ts);
      break;
    case TraceKind::task_created:
      emit(thread_name(lane(e.task).tid, recorder_.strings()[e.a]));
      created_task_ = e.task;
      break;
    case TraceKind::task_renamed:
      emit(thread_name(lane(e.task).tid, recorder_.strings()[e.a]));
      break;
    case TraceKind::suspend:
      on_suspend(i, ts);
      break;
    case TraceKind::step_end:
      on_step_end(e, ts);
      break;
    case TraceKind::future_done:
      completed_future_ = e.future;
      callbacks_left_ = e.a;
      completed_at_ = ts;
      completed_on_ = running_tid();
      // Completed outside any slice (before the loop's first iteration): no arrow to draw.
      if (completed_on_ == loop_tid && !loop_slice_.open) completed_on_ = 0;
      break;
    case TraceKind::output:
      instant(running_tid(), "print: " + recorder_.strings()[e.a], ts, when(i));
      break;
    case TraceKind::exception_raised:
      instant(lane(e.task).tid, "raises " + recorder_.strings()[e.a], ts, when(i));
      break;
    case TraceKind::cancel_requested:
      instant(lane(e.task).tid, "cancel requested", ts,
              {{"by", e.future ? labels_.task(e.future) : ""}, {"message", recorder_.strings()[e.a]}});
      break;
    case TraceKind::diagnostic:
      emit({{"ph", "i"},
            {"s", "g"},
            {"name", std::string("⚠ ") + to_string(static_cast<Diagnostic>(e.detail))},
            {"pid", pid},
            {"tid", loop_tid},
            {"ts", ts},
            {"args", {{"message", recorder_.strings()[e.a]}}}});
      break;
    case TraceKind::future_created:
    case TraceKind::timer_scheduled:
    case TraceKind::await_frame:  // read with its suspend
      break;
  }
}

void ChromeTraceWriter::on_handle_scheduled(const TraceEvent& e, double ts) {
  queued_.insert(e.handle);
  ready_count(ts);
  const HandleInfo h = handle_info(e);
  // The arrows: from the step (or callback) that completed a future to where each of its
  // callbacks runs, and from a task's creator to the new task's first step.
  if (callbacks_left_ > 0) {
    --callbacks_left_;
    if (completed_on_)
      flows_[e.handle] = {labels_.future(completed_future_) + " done", "wakeup", completed_on_, completed_at_};
  } else if (h.kind == HandleKind::task_step && h.task == created_task_ && running_task_) {
    flows_[e.handle] = {"creates " + labels_.task(h.task), "create", running_tid(), ts};
  }
  created_task_ = 0;
  if (h.kind != HandleKind::task_step && h.kind != HandleKind::task_wakeup) return;
  Lane& l = lane(h.task);
  if (h.task == running_task_) {
    l.step_queued = true;  // a refused yield: the task is ready again once this step ends
    return;
  }
  Json args{{"next", labels_.handle(h)}};
  if (!l.yielded_at.empty()) args["after"] = "sleep(0) at " + std::exchange(l.yielded_at, {});
  open(l.tid, l.slice, "ready", ts, std::move(args));
}

void ChromeTraceWriter::on_handle_run(std::size_t i, double ts) {
  const TraceEvent& e = recorder_[i];
  if (queued_.erase(e.handle)) ready_count(ts);
  const HandleInfo h = handle_info(e);
  const std::string name = labels_.handle(h);
  open(loop_tid, loop_slice_, name, ts, when(i));
  int tid = loop_tid;
  running_task_ = starts_step(e) ? h.task : 0;
  if (running_task_) {
    Lane& l = lane(h.task);
    tid = l.tid;
    open(tid, l.slice, "running", ts, when(i));
  }
  if (auto flow = flows_.find(e.handle); flow != flows_.end()) {
    // v1 flow events; "bp":"e" binds the end to the slice that encloses it, the one just opened.
    const auto id = next_flow_id_++;
    const PendingFlow& f = flow->second;
    emit({{"ph", "s"}, {"id", id}, {"name", f.name}, {"cat", f.category}, {"pid", pid}, {"tid", f.tid}, {"ts", f.ts}});
    emit({{"ph", "f"},
          {"bp", "e"},
          {"id", id},
          {"name", f.name},
          {"cat", f.category},
          {"pid", pid},
          {"tid", tid},
          {"ts", ts + 0.5}});
    flows_.erase(flow);
  }
}

// The step ends waiting: on a future (a "waits on" slice until its wakeup runs), or after a
// bare yield (the "ready" slice opens when its next step is queued, just after).
void ChromeTraceWriter::on_suspend(std::size_t i, double ts) {
  const TraceEvent& e = recorder_[i];
  Lane& l = lane(e.task);
  running_task_ = 0;
  close(l.tid, l.slice, ts);
  const AwaitChain chain = await_chain(recorder_, i, labels_.coroutine(e.task));
  if (!e.future) {
    l.yielded_at = chain.site;
    return;
  }
  const std::string waits_on = labels_.future(e.future);
  open(l.tid, l.slice, "waits on " + waits_on, ts,
       {{"at", chain.site}, {"await chain", join(chain.functions, " → ") + " → " + waits_on}});
}

void ChromeTraceWriter::on_step_end(const TraceEvent& e, double ts) {
  Lane& l = lane(e.task);
  running_task_ = 0;
  close(l.tid, l.slice, ts);
  if (static_cast<StepOutcome>(e.detail) == StepOutcome::yielded && l.step_queued)
    open(l.tid, l.slice, "ready", ts, {{"after", "a refused yield"}});
  l.step_queued = false;
}

}  // namespace

void write_chrome_trace(std::ostream& out, const Recorder& recorder, const TraceInfo& info) {
  ChromeTraceWriter(out, recorder, info).write();
}

}  // namespace coroscope::trace
