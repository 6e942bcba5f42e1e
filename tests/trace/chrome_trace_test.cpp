// The Chrome trace-event JSON opens in Perfetto: the properties its importer relies on,
// checked on lesson 01 and on a busy program (gather, cancellation, timeouts, locks).
#include <doctest/doctest.h>
#include <coroscope/trace/chrome_trace.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "recordings.hpp"

namespace trace = coroscope::trace;
using nlohmann::json;

namespace {
struct Slice {
  double start;
  double end;
  std::string name;
};

json chrome_trace(const trace::Recorder& recorder) {
  std::ostringstream out;
  trace::write_chrome_trace(out, recorder, {.program = "test", .clock = "virtual"});
  return json::parse(out.str());
}

// Task names come from a process-wide counter (Task-1 only in a fresh process): take them
// from the recording.
std::vector<std::string> task_names(const trace::Recorder& recorder) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < recorder.size(); ++i)
    if (recorder[i].kind == coroscope::TraceKind::task_created) names.push_back(recorder.strings()[recorder[i].a]);
  return names;
}

std::map<int, std::vector<Slice>> slices_by_tid(const json& events) {
  std::map<int, std::vector<Slice>> lanes;
  for (const json& e : events)
    if (e["ph"] == "X") {
      const double ts = e["ts"];
      lanes[e["tid"]].push_back({ts, ts + e["dur"].get<double>(), e["name"]});
    }
  for (auto& [tid, slices] : lanes)
    std::sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) { return a.start < b.start; });
  return lanes;
}

// The slice of `lane` that encloses `ts`, as Perfetto binds a flow event; null if none.
const Slice* enclosing(const std::vector<Slice>& lane, double ts) {
  for (const Slice& slice : lane)
    if (slice.start <= ts && ts <= slice.end) return &slice;
  return nullptr;
}

void check_slices_never_overlap(const json& events) {
  const auto lanes = slices_by_tid(events);
  CHECK(lanes.size() >= 3);  // the loop and two tasks at least
  for (const auto& [tid, slices] : lanes)
    for (std::size_t i = 0; i < slices.size(); ++i) {
      INFO("tid " << tid << ": '" << slices[i].name << "' at " << slices[i].start);
      CHECK(slices[i].start < slices[i].end);
      if (i > 0) CHECK(slices[i - 1].end <= slices[i].start);
    }
}

// Returns the flows' names.
std::set<std::string> check_flows_bind_to_slices(const json& events) {
  const auto lanes = slices_by_tid(events);
  std::map<std::uint64_t, std::pair<int, int>> ends;  // flow id -> how many "s", how many "f"
  std::set<std::string> names;
  for (const json& e : events) {
    if (e["ph"] != "s" && e["ph"] != "f") continue;
    INFO("flow event " << e.dump());
    auto lane = lanes.find(e["tid"]);
    REQUIRE(lane != lanes.end());
    CHECK(enclosing(lane->second, e["ts"]) != nullptr);
    auto& [starts, finishes] = ends[e["id"]];
    (e["ph"] == "s" ? starts : finishes) += 1;
    if (e["ph"] == "f") CHECK(e["bp"] == "e");
    names.insert(e["name"]);
  }
  for (const auto& [id, count] : ends) CHECK(count == std::pair(1, 1));
  return names;
}

void check_lanes_are_named(const json& events, const std::vector<std::string>& tasks) {
  std::map<int, std::string> thread_names;  // tid -> its latest name (a renamed task has two)
  std::set<std::string> names;
  std::set<int> used;
  for (const json& e : events) {
    if (e["ph"] == "M" && e["name"] == "thread_name") {
      thread_names[e["tid"]] = e["args"]["name"];
      names.insert(e["args"]["name"].get<std::string>());
    }
    if (e["ph"] == "X" || e["ph"] == "i") used.insert(e["tid"].get<int>());
  }
  for (int tid : used) CHECK(thread_names.contains(tid));
  CHECK(thread_names[1] == "event loop");
  for (const std::string& task : tasks) CHECK(names.contains(task));
}

bool has_ready_queue_counter(const json& events) {
  return std::any_of(events.begin(), events.end(), [](const json& e) {
    return e["ph"] == "C" && e["name"] == "ready queue" && e["args"]["length"] == 1;
  });
}
}  // namespace

TEST_CASE("chrome trace: slices never overlap, flows bind to slices, lanes have names (lesson 01)") {
  trace::Recorder recorder;
  REQUIRE(record_lesson("01_coroutines_and_run", recorder) == 0);
  const json events = chrome_trace(recorder)["traceEvents"];
  const auto tasks = task_names(recorder);
  REQUIRE(tasks.size() >= 2);
  check_slices_never_overlap(events);
  const auto flows = check_flows_bind_to_slices(events);
  // Each sleep's timer wakes its task; main creates the second task, whose end wakes main.
  CHECK(flows.contains("sleep #1 done"));
  CHECK(flows.contains("sleep #2 done"));
  CHECK(flows.contains("creates " + tasks[1]));
  CHECK(flows.contains(tasks[1] + " done"));
  check_lanes_are_named(events, tasks);
  CHECK(has_ready_queue_counter(events));
}

TEST_CASE("chrome trace: slices never overlap, flows bind to slices, lanes have names (busy program)") {
  trace::Recorder recorder;
  REQUIRE(record_main(&busy::main_, recorder) == 0);
  const json events = chrome_trace(recorder)["traceEvents"];
  check_slices_never_overlap(events);
  const auto flows = check_flows_bind_to_slices(events);
  CHECK(flows.contains("gather #1 done"));
  CHECK(std::any_of(flows.begin(), flows.end(), [](const std::string& f) { return f.starts_with("Event.wait"); }));
  CHECK(std::any_of(flows.begin(), flows.end(), [](const std::string& f) { return f.starts_with("Lock.acquire"); }));
  check_lanes_are_named(events, task_names(recorder));
  CHECK(has_ready_queue_counter(events));
}

TEST_CASE("chrome trace: a suspended task's slice says what it waits on, and where") {
  trace::Recorder recorder;
  REQUIRE(record_lesson("1", recorder) == 0);
  const json events = chrome_trace(recorder)["traceEvents"];
  auto waits = std::find_if(events.begin(), events.end(),
                            [](const json& e) { return e["ph"] == "X" && e["name"] == "waits on sleep #1"; });
  REQUIRE(waits != events.end());
  CHECK((*waits)["args"]["at"] == "lesson.cpp:8");
  CHECK((*waits)["args"]["await chain"] == "main_ → greet → sleep #1");
}

TEST_CASE("chrome trace: the loop's lane names what each step ran, as the ready queue does, and what it waited") {
  trace::Recorder recorder;
  REQUIRE(record_main(&busy::main_, recorder) == 0);
  const json events = chrome_trace(recorder)["traceEvents"];
  const auto on_loop = [&](const std::string& ph, auto&& match) {
    return std::any_of(events.begin(), events.end(),
                       [&](const json& e) { return e["ph"] == ph && e["tid"] == 1 && match(e); });
  };
  // gather's done callback on each child, and the plain call_soon named by its line.
  CHECK(on_loop("X", [](const json& e) {
    return e["name"].get<std::string>().find(" done → _done_callback of gather #1") != std::string::npos;
  }));
  CHECK(on_loop("X", [](const json& e) { return e["name"].get<std::string>().starts_with("callback at "); }));
  // An iteration after a timer wait says how long the loop's selector waited.
  CHECK(on_loop("i", [](const json& e) { return e["args"].contains("waited"); }));
  // The cancelled task's lane says who asked and with which message.
  CHECK(std::any_of(events.begin(), events.end(), [](const json& e) {
    return e["ph"] == "i" && e["name"] == "cancel requested" && e["args"]["message"] == "enough" &&
           e["args"].contains("by");
  }));
}
