// Issue 13: Ctrl-C. A signal handler calls interrupt_main(); the loop's wait raises
// KeyboardInterrupt, and asyncio.run's shutdown cancels what is pending and runs its cleanup.
#include <doctest/doctest.h>
#include <sys/time.h>

#include <chrono>
#include <coroscope/lesson.hpp>
#include <coroscope/trace/recorder.hpp>
#include <csignal>

#include "test_support.hpp"

namespace {

extern "C" void on_alarm(int) { aio::interrupt_main(); }

// A SIGALRM, `seconds` from now, whose handler interrupts the main thread as Ctrl-C would.
struct InterruptAfter {
  explicit InterruptAfter(double seconds) {
    std::signal(SIGALRM, on_alarm);
    const itimerval timer{{0, 0}, {0, static_cast<suseconds_t>(seconds * 1e6)}};
    setitimer(ITIMER_REAL, &timer, nullptr);
  }
  ~InterruptAfter() { std::signal(SIGALRM, SIG_DFL); }
};

aio::Coroutine<void> sleeps_a_long_time(Log& log) {
  try {
    co_await aio::sleep(60);
  } catch (const aio::CancelledError&) {
    log("main: cancelled by the shutdown");
    throw;
  }
}

aio::Coroutine<void> waits_forever(Log& log) {
  aio::Event never_set;
  try {
    co_await never_set.wait();
  } catch (const aio::CancelledError&) {
    log("main: cancelled by the shutdown");
    throw;
  }
}

double seconds_to_interrupt(aio::Coroutine<void> main, aio::Tracer* tracer = nullptr) {
  const auto start = std::chrono::steady_clock::now();
  InterruptAfter alarm(0.05);
  CHECK_THROWS_AS(aio::run(std::move(main), {.clock = aio::ClockKind::real, .tracer = tracer}), aio::KeyboardInterrupt);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST_CASE("issue 13: a signal cuts a real-clock sleep short with KeyboardInterrupt, and the shutdown runs") {
  Log log;
  coroscope::trace::Recorder recorder;
  CHECK(seconds_to_interrupt(sleeps_a_long_time(log), &recorder) < 10);
  CHECK(log.lines == std::vector<std::string>{"main: cancelled by the shutdown"});
  bool interrupted = false;
  for (std::size_t i = 0; i < recorder.size(); ++i)
    interrupted |= recorder[i].kind == aio::TraceKind::diagnostic &&
                   recorder[i].detail == static_cast<std::uint8_t>(aio::Diagnostic::interrupted);
  CHECK(interrupted);
}

TEST_CASE("issue 13: a signal ends the endless wait of a real clock with nothing scheduled") {
  Log log;
  CHECK(seconds_to_interrupt(waits_forever(log)) < 10);
  CHECK(log.lines == std::vector<std::string>{"main: cancelled by the shutdown"});
  CHECK_FALSE(aio::interrupt_pending());
}

aio::Coroutine<void> interrupted_main() {
  aio::interrupt_main();
  co_await aio::sleep(1);
}

TEST_CASE("issue 13: a lesson stopped by KeyboardInterrupt exits with status 130") {
  CHECK(aio::lesson_main(&interrupted_main) == aio::exit_interrupted);
}

}  // namespace
