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
  CHECK(kinds.size() >= 15);  // all 17 but diagnostic, and handle_cancelled if no timer was cancelled
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
                      .what()) == "line 2: unknown word \"exploded\"");
}
