// asyncio.run (DESIGN.md rule 11) and closing a loop with work still pending.
#include <doctest/doctest.h>

#include <cstdlib>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> forever(Log& log) {
  try {
    co_await aio::sleep(1000);
  } catch (const aio::CancelledError&) {
    log("forever: cancelled at shutdown");
    throw;
  }
}

aio::Coroutine<int> leaves_a_task_pending(Log& log) {
  aio::create_task(forever(log));
  co_await aio::sleep(0);
  log("main returns");
  co_return 7;
}

aio::Coroutine<void> nested_run() {
  CHECK_THROWS_WITH_AS(aio::run(nested_run()), "asyncio.run() cannot be called from a running event loop",
                       aio::RuntimeError);
  co_return;
}

aio::Coroutine<int> main_raises() {
  co_await aio::sleep(0);
  throw aio::ValueError("main failed");
}

aio::Coroutine<void> waits_forever(aio::Future<int> never) { co_await never; }

}  // namespace

TEST_CASE("rule 11: run returns main's result after cancelling and draining the tasks still pending") {
  Log log;
  CHECK(run_virtual(leaves_a_task_pending(log)) == 7);
  CHECK(log.lines == Lines{"main returns", "forever: cancelled at shutdown"});
}

TEST_CASE("rule 11: run inside a running loop raises RuntimeError") { run_virtual(nested_run()); }

TEST_CASE("rule 11: main's exception reaches run's caller") {
  CHECK_THROWS_WITH_AS(run_virtual(main_raises()), "main failed", aio::ValueError);
}

TEST_CASE("closing a loop with pending tasks destroys their frames (no leaks under LSan)") {
  VirtualLoop loop;
  aio::Future<int> never(*loop);
  auto task = loop->create_task(waits_forever(never));
  loop->step();  // the task suspends on `never`: task -> never -> wakeup -> task is a cycle
  CHECK(task.task_state().fut_waiter() == never.state());
  loop->close();
  CHECK(task.task_state().fut_waiter() == nullptr);
}

namespace {

aio::Coroutine<void> swallows_cancellation(Log& log) {
  for (;;) {
    try {
      co_await aio::sleep(1);
    } catch (const aio::CancelledError&) {
      log("stubborn: caught CancelledError");
    }
  }
}

aio::Coroutine<void> leaves_a_stubborn_task(Log& log) {
  aio::create_task(swallows_cancellation(log), "stubborn");
  co_await aio::sleep(0);
}

TEST_CASE("issue 13: on the virtual clock, a task that swallows the shutdown's CancelledError is named, not spun on") {
  Log log;
  const std::string message = raised_message<aio::RuntimeError>(leaves_a_stubborn_task(log));
  CHECK(
      message.starts_with("stubborn (swallows_cancellation) caught CancelledError during shutdown and never "
                          "finished: the virtual clock jumped to its next timer 1000 times"));
  CHECK(log.lines == Lines{"stubborn: caught CancelledError"});
}

}  // namespace

namespace {

aio::Coroutine<void> returns_at_once() { co_return; }

TEST_CASE("issue 13: a COROSCOPE_CLOCK that names no clock is an error, not silently ignored") {
  const char* saved = std::getenv("COROSCOPE_CLOCK");
  const std::string previous = saved ? saved : "";
  setenv("COROSCOPE_CLOCK", "bogus", 1);
  CHECK_THROWS_WITH_AS(aio::run(returns_at_once()), "COROSCOPE_CLOCK must be 'virtual' or 'real', not 'bogus'",
                       aio::ValueError);
  if (saved) {
    setenv("COROSCOPE_CLOCK", previous.c_str(), 1);
  } else {
    unsetenv("COROSCOPE_CLOCK");
  }
}

}  // namespace
