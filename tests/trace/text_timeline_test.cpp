// The text timeline: sentences a student reads aloud, grouped by loop iteration. The whole
// timeline of lesson 01 is pinned by the golden file golden/lesson_01_timeline.txt, which the
// CLI test `cli.timeline_golden` compares with `coroscope run 1 --trace text --no-color`.
#include <doctest/doctest.h>
#include <coroscope/asyncio.hpp>
#include <coroscope/trace/text_timeline.hpp>

#include <sstream>

#include "recordings.hpp"

namespace aio = coroscope;
namespace trace = coroscope::trace;

namespace {
std::string timeline(const trace::Recorder& recorder, bool color) {
  std::ostringstream out;
  trace::write_text_timeline(out, recorder, {.color = color});
  return out.str();
}

aio::Coroutine<void> raises_after_a_yield() {
  co_await aio::sleep(0);
  throw aio::RuntimeError("boom");
}
}  // namespace

TEST_CASE("text timeline: an iteration's header lists what it will run, timers that fell due included") {
  trace::Recorder recorder;
  REQUIRE(record_lesson("1", recorder) == 0);
  const std::string text = timeline(recorder, false);
  CHECK(text.find("── iteration 2 · t=0.500 · ready: [sleep #1 timer] ──\n"
                  "  nothing is ready: the loop waits 0.500 s for the next timer\n") != std::string::npos);
  CHECK(text.find("suspends at lesson.cpp:8 on sleep #1 (await chain: main_ → greet → sleep)\n") != std::string::npos);
  CHECK(text.find("  sleep #1 done → schedules ") != std::string::npos);
  CHECK(text.find("prints: inline: done after 0.5s\n") != std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("text timeline: colour is ANSI escapes, only when asked for") {
  trace::Recorder recorder;
  REQUIRE(record_lesson("1", recorder) == 0);
  const std::string text = timeline(recorder, true);
  CHECK(text.find("\x1b[1m── iteration 1") != std::string::npos);
  CHECK(text.find("\x1b[0m") != std::string::npos);
}

TEST_CASE("text timeline: a lesson that raises ends with the exception, and lesson_main returns 1") {
  trace::Recorder recorder;
  aio::LessonOptions options;
  options.tracer = &recorder;
  CHECK(aio::lesson_main(&raises_after_a_yield, options) == 1);
  const std::string text = timeline(recorder, false);
  CHECK(text.find(" yields at text_timeline_test.cpp:") != std::string::npos);
  CHECK(text.find(" raises RuntimeError: boom\n") != std::string::npos);
  CHECK(text.find(" ends with an exception → schedules a done callback\n") != std::string::npos);
}
