// Issue 13: the JSON Lines reader against random mutations of real traces. Whatever a file
// holds, read_jsonl reads it or throws TraceFormatError: no other exception, no crash, no
// undefined behaviour (the sanitizer build runs this test too). Deterministic (a fixed seed)
// and bounded in time.
#include <doctest/doctest.h>
#include <coroscope/trace/jsonl.hpp>

#include <chrono>
#include <random>
#include <sstream>

#include "recordings.hpp"

namespace trace = coroscope::trace;

namespace {

// What a mutation may put in place of a few bytes: the values a hostile or broken file holds.
constexpr const char* replacements[] = {"-1",       "1e300", "4294967297", "300",         "\"x\"",    "null", "{}",
                                        "[]",       "0.5",   "true",       "\"\\u0000\"", "\"\xff\"", ":",    ",",
                                        "\"kind\"", "\n",    "",           "9e18"};

std::string mutated(const std::string& trace, std::mt19937& random) {
  std::string text = trace;
  const int mutations = std::uniform_int_distribution<int>(1, 4)(random);
  for (int i = 0; i < mutations && !text.empty(); ++i) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(random);
    const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 8)(random);
    switch (std::uniform_int_distribution<int>(0, 3)(random)) {
      case 0:  // a value replaced
        text.replace(at, length,
                     replacements[std::uniform_int_distribution<std::size_t>(0, std::size(replacements) - 1)(random)]);
        break;
      case 1:  // a byte changed
        text[at] = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(random));
        break;
      case 2:  // bytes lost
        text.erase(at, length);
        break;
      case 3:  // the file cut short
        text.resize(at);
        break;
    }
  }
  return text;
}

}  // namespace

TEST_CASE("issue 13: random mutations of real traces are read or refused with TraceFormatError, never worse") {
  std::vector<std::string> traces;
  for (coroscope::LessonMain main : {coroscope::lessons::find_lesson("1")->main, &busy::main_}) {
    trace::Recorder recorded;
    record_main(main, recorded);
    std::ostringstream written;
    trace::write_jsonl(written, recorded, {.program = "fuzz", .clock = "virtual"});
    traces.push_back(written.str());
  }
  std::mt19937 random(13);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  std::size_t read = 0, refused = 0;
  for (std::size_t round = 0; round < 100000 && std::chrono::steady_clock::now() < deadline; ++round) {
    std::istringstream in(mutated(traces[round % traces.size()], random));
    trace::Recorder recorder;
    try {
      const trace::TraceInfo info = trace::read_jsonl(in, recorder);
      std::ostringstream rewritten;  // what was read is a trace like any other
      trace::write_jsonl(rewritten, recorder, info);
      ++read;
    } catch (const trace::TraceFormatError&) {
      ++refused;
    }
  }
  MESSAGE(read << " mutated traces read, " << refused << " refused");
  CHECK(read > 0);
  CHECK(refused > 0);
}
