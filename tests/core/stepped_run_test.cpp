// detail::Runner::step: asyncio.run cut at every handle, which the visualizer drives. It must
// be the same run as aio::run, event for event, shutdown included.
#include <doctest/doctest.h>
#include <coroscope/lesson.hpp>
#include <coroscope/trace/event_format.hpp>
#include <coroscope/trace/recorder.hpp>

#include "test_support.hpp"

namespace {

aio::Coroutine<void> sleeper(std::string name, double delay) {
  aio::print("start", name);
  co_await aio::sleep(delay);
  aio::print("done", name);
}

aio::Coroutine<void> pending_forever() { co_await aio::sleep(1000); }

// Timers, a gather, and a task left pending for the shutdown to cancel.
aio::Coroutine<void> a_lesson() {
  aio::create_task(pending_forever());
  auto a = aio::create_task(sleeper("a", 0.2));
  co_await aio::gather(a, sleeper("b", 0.1));
}

aio::Coroutine<void> main_raises() {
  co_await aio::sleep(0.1);
  throw aio::ValueError("the lesson failed");
}

aio::Coroutine<void> awaits_forever() {
  aio::Event never;
  co_await never.wait();
}

// The lessons' print() lines stay out of the test's output.
struct QuietOutput {
  QuietOutput() {
    aio::set_output_sink([](std::string_view) {});
  }
  ~QuietOutput() { aio::set_output_sink({}); }
};

aio::Coroutine<void> swallows_cancellation() {
  for (;;) {
    try {
      co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
    }
  }
}

aio::Coroutine<void> leaves_a_stubborn_task() {
  aio::create_task(swallows_cancellation(), "stubborn");
  co_await aio::sleep(0);
}

std::vector<std::string> events(const aio::trace::Recorder& recorder) {
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < recorder.size(); ++i) lines.push_back(aio::trace::format_event(recorder, i));
  return lines;
}

// Steps `main` to its end into `recorder`, counting the steps; the ids restart as in a new
// process. Returns what asyncio.run would raise.
std::exception_ptr stepped(aio::LessonMain main, aio::trace::Recorder& recorder, int& steps) {
  const QuietOutput quiet;
  aio::reset_ids_as_in_a_new_process();
  aio::detail::Runner runner({.clock = aio::ClockKind::virtual_time, .tracer = &recorder});
  runner.start(main());
  for (steps = 0; runner.step();) ++steps;
  CHECK(runner.loop().is_closed());
  return runner.error();
}

std::vector<std::string> run_whole(aio::LessonMain main) {
  const QuietOutput quiet;
  aio::reset_ids_as_in_a_new_process();
  aio::trace::Recorder recorder;
  try {
    aio::run(main(), {.clock = aio::ClockKind::virtual_time, .tracer = &recorder});
  } catch (const std::exception&) {
  }
  return events(recorder);
}

std::string message(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("a run stepped handle by handle records exactly the events of asyncio.run, shutdown included") {
  int steps = 0;
  aio::trace::Recorder recorder;
  const std::exception_ptr error = stepped(&a_lesson, recorder, steps);
  CHECK_FALSE(error);
  CHECK(events(recorder) == run_whole(&a_lesson));
  // Each step runs at most one handle.
  std::size_t handles_run = 0;
  for (std::size_t i = 0; i < recorder.size(); ++i) handles_run += recorder[i].kind == aio::TraceKind::handle_run;
  CHECK(handles_run <= static_cast<std::size_t>(steps));
  CHECK(handles_run >= static_cast<std::size_t>(steps) - 3);  // the empty iterations where a loop stops
}

TEST_CASE("a stepped run keeps main's exception for the end and still runs the shutdown") {
  int steps = 0;
  aio::trace::Recorder recorder;
  const std::exception_ptr error = stepped(&main_raises, recorder, steps);
  REQUIRE(error);
  CHECK(message(error) == "the lesson failed");
  CHECK(events(recorder) == run_whole(&main_raises));
}

TEST_CASE("a stepped run that deadlocks ends with the DeadlockError and a closed loop") {
  int steps = 0;
  aio::trace::Recorder recorder;
  const std::exception_ptr error = stepped(&awaits_forever, recorder, steps);
  REQUIRE(error);
  CHECK_THROWS_AS(std::rethrow_exception(error), aio::DeadlockError);
  CHECK(events(recorder) == run_whole(&awaits_forever));
}

TEST_CASE("after reset_ids_as_in_a_new_process the next run's main is Task-1 again; without it, the count goes on") {
  aio::reset_ids_as_in_a_new_process();
  const auto main_task_name = [] {
    std::string name;
    aio::run(
        [](std::string& out) -> aio::Coroutine<void> {
          out = aio::current_task().get_name();
          co_return;
        }(name),
        virtual_time);
    return name;
  };
  const std::string first = main_task_name();
  const std::string second = main_task_name();
  CHECK(first == "Task-1");
  CHECK(second == "Task-4");  // Task-2 and Task-3 were the first run's shutdown helpers (oracle 32)
  aio::reset_ids_as_in_a_new_process();
  int steps = 0;
  aio::trace::Recorder recorder;
  const std::exception_ptr error = stepped(&a_lesson, recorder, steps);
  CHECK(recorder.task_name(1) == "Task-1");
}

TEST_CASE("a stepped run's shutdown names a task that swallows its CancelledError instead of stepping forever") {
  int steps = 0;
  aio::trace::Recorder recorder;
  const std::exception_ptr error = stepped(&leaves_a_stubborn_task, recorder, steps);
  REQUIRE(error);
  CHECK_THROWS_AS(std::rethrow_exception(error), aio::RuntimeError);
  CHECK(message(error).find("stubborn (swallows_cancellation) caught CancelledError during shutdown") == 0);
  CHECK(steps < 5000);
}
