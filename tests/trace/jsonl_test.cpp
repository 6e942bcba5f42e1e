// The JSON Lines trace format: written, read back, and the same trace again.
#include <doctest/doctest.h>
#include <coroscope/trace/event_format.hpp>
#include <coroscope/trace/jsonl.hpp>

#include <set>
#include <sstream>

#include "recordings.hpp"

namespace trace = coroscope::trace;

namespace {
void check_same_events(const trace::Recorder& a, const trace::Recorder& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(trace::format_event(a, i) == trace::format_event(b, i));
    CHECK(a[i].kind == b[i].kind);
    CHECK(a[i].detail == b[i].detail);
    CHECK(a.iteration(i) == b.iteration(i));
    CHECK(a[i].task == b[i].task);
    CHECK(a[i].future == b[i].future);
    CHECK(a[i].handle == b[i].handle);
    CHECK(a.time(i) == b.time(i));
    CHECK(a[i].value == b[i].value);
    CHECK(a.strings()[a[i].c] == b.strings()[b[i].c]);
  }
}

trace::TraceFormatError read_error(const std::string& text) {
  std::istringstream in(text);
  trace::Recorder recorder;
  try {
    trace::read_jsonl(in, recorder);
  } catch (const trace::TraceFormatError& e) {
    return e;
  }
  FAIL("no TraceFormatError for: " << text);
  return trace::TraceFormatError("");
}

void check_round_trip(const trace::Recorder& recorded) {
  std::ostringstream written;
  trace::write_jsonl(written, recorded, {.program = "a program", .clock = "virtual"});

  std::istringstream in(written.str());
  trace::Recorder read;
  const trace::TraceInfo info = trace::read_jsonl(in, read);
  CHECK(info.program == "a program");
  CHECK(info.clock == "virtual");
  check_same_events(recorded, read);

  std::ostringstream rewritten;
  trace::write_jsonl(rewritten, read, info);
  CHECK(rewritten.str() == written.str());
}
}  // namespace

TEST_CASE("a JSON Lines trace reads back into the same events, and writes the same text again") {
  trace::Recorder recorded;
  REQUIRE(record_lesson("01_coroutines_and_run", recorded) == 0);
  check_round_trip(recorded);
}

TEST_CASE("a JSON Lines trace of every kind of event reads back into the same events") {
  trace::Recorder recorded;
  REQUIRE(record_main(&busy::main_, recorded) == 0);
  std::set<coroscope::TraceKind> kinds;
  for (std::size_t i = 0; i < recorded.size(); ++i) kinds.insert(recorded[i].kind);
  CHECK(kinds.size() >= 21);  // all 23 but diagnostic, and handle_cancelled if no timer was cancelled
  // Issue 14's events, each of which the busy program makes.
  for (coroscope::TraceKind kind :
       {coroscope::TraceKind::io_wait, coroscope::TraceKind::callback_source, coroscope::TraceKind::callback_added,
        coroscope::TraceKind::callback_removed, coroscope::TraceKind::future_cancel}) {
    CAPTURE(coroscope::to_string(kind));
    CHECK(kinds.count(kind) == 1);
  }
  check_round_trip(recorded);
}

TEST_CASE("a JSON Lines trace starts with its format and version, and names carry no C++ ids") {
  trace::Recorder recorded;
  REQUIRE(record_lesson("1", recorded) == 0);
  std::ostringstream written;
  trace::write_jsonl(written, recorded);
  std::istringstream lines(written.str());
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  CHECK(header == R"({"format":"coroscope-trace","version":2})");
  CHECK(first.find(R"("kind":"task_created")") != std::string::npos);
  CHECK(first.find(R"("name":"Task-)") != std::string::npos);
  CHECK(first.find(R"("coro":"main_")") != std::string::npos);
}

TEST_CASE("reading a malformed JSON Lines trace names the line at fault") {
  CHECK(std::string(read_error("").what()) == "empty trace: no header line");
  CHECK(std::string(read_error("{\"format\":\"other\"}\n").what()).starts_with("line 1: not a coroscope trace"));
  CHECK(std::string(read_error("{\"format\":\"coroscope-trace\",\"version\":3}\n").what()) ==
        "line 1: trace format version 3 is newer than this reader's (2): record the program again with this coroscope");
  CHECK(std::string(read_error("{\"format\":\"coroscope-trace\",\"version\":1}\n").what()) ==
        "line 1: trace format version 1 is older than this reader's (2): record the program again with this coroscope");
  const std::string header = "{\"format\":\"coroscope-trace\",\"version\":2}\n";
  CHECK(std::string(read_error(header + "{\"seq\":1,\"t\":0,\"it\":0,\"kind\":\"teleport\"}\n").what()) ==
        "line 2: unknown event kind \"teleport\"");
  CHECK(std::string(read_error(header + "\n{not json\n").what()).starts_with("line 3: "));
  CHECK(
      std::string(read_error(header +
                             "{\"seq\":1,\"t\":0,\"it\":1,\"kind\":\"step_end\",\"task\":1,\"outcome\":\"exploded\"}\n")
                      .what()) == "line 2: field \"outcome\": unknown word \"exploded\"");
}

namespace {
const std::string header = "{\"format\":\"coroscope-trace\",\"version\":2}\n";

// The error of reading a trace whose one event is `event`.
std::string event_error(const std::string& event) { return read_error(header + event + "\n").what(); }
}  // namespace

TEST_CASE("issue 13: every number a trace gives is range-checked, and refused with its line and key") {
  CHECK(std::string(read_error("{\"format\":\"coroscope-trace\",\"version\":1e300}\n").what()) ==
        "line 1: field \"version\" must be an integer, got 1e+300");
  CHECK(event_error(R"({"kind":"step_end","task":-1,"outcome":"finished"})") ==
        "line 2: field \"task\" must be a non-negative integer below 2^32, got -1");
  CHECK(event_error(R"({"kind":"step_end","task":4294967297,"outcome":"finished"})") ==
        "line 2: field \"task\" must be a non-negative integer below 2^32, got 4294967297");
  CHECK(event_error(R"({"kind":"await_frame","task":1,"depth":300,"function":"f","file":"f.py","line":1})") ==
        "line 2: field \"depth\" must be an integer from 0 to 255, got 300");
  CHECK(event_error(R"({"kind":"suspend","task":1,"future":2,"future_kind":"sleep","file":"f.py","line":1e300})") ==
        "line 2: field \"line\" must be a non-negative integer below 2^32, got 1e+300");
  CHECK(event_error(R"({"kind":"step_end","task":"x","outcome":"finished"})") ==
        "line 2: field \"task\" must be a non-negative integer below 2^32, got \"x\"");
  CHECK(event_error(R"({"kind":"output","task":1,"text":7})") == "line 2: field \"text\" must be a string, got 7");
  CHECK(event_error(R"({"kind":"iteration_begin","t":"soon","ready":0,"timers":0})") ==
        "line 2: field \"t\" must be a number of seconds, got \"soon\"");
  CHECK(event_error(R"({"kind":3})") == "line 2: field \"kind\" must be a string, got 3");
  CHECK(event_error(R"({"kind":"step_end","task":1e3000})") ==
        "line 2: not valid JSON: number overflow parsing '1e3000'");
  CHECK(event_error("[1, 2]") == "line 2: a line must be a JSON object {...}");
  CHECK(event_error("{\"kind\":\"output\",").starts_with("line 2: not valid JSON: parse error at line 1, column"));
}

TEST_CASE("issue 13: a trace cut in the middle of its last line is read up to the cut, with a warning") {
  trace::Recorder recorded;
  REQUIRE(record_lesson("01_coroutines_and_run", recorded) == 0);
  std::ostringstream written;
  trace::write_jsonl(written, recorded);
  const std::string whole = written.str();
  const std::size_t last_line = whole.rfind('\n', whole.size() - 2) + 1;
  std::istringstream cut(whole.substr(0, last_line + 10));
  trace::Recorder read;
  const trace::TraceInfo info = trace::read_jsonl(cut, read);
  CHECK(read.size() == recorded.size() - 1);
  const std::string line = std::to_string(recorded.size() + 1);
  CHECK(info.warnings ==
        std::vector<std::string>{"line " + line + ": the trace ends in the middle of this line (cut short?): the " +
                                 std::to_string(read.size()) + " events before it were read"});
  // A line that is not the last one is an error, cut or not.
  CHECK(std::string(read_error(whole.substr(0, last_line + 10) + "\n" + whole.substr(last_line)).what())
            .starts_with("line " + line + ": not valid JSON"));
}
