// asyncio.wait_for (CPython 3.11's tasks.wait_for): a coroutine becomes a task when wait_for
// starts running; on timeout that task is cancelled and awaited before TimeoutError is raised.
#include <doctest/doctest.h>

#include <optional>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

double now() { return aio::get_running_loop().time(); }

aio::Coroutine<void> slow(Log& log) {
  log("slow: started");
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    log("slow: cleanup at " + aio::str(now()));
    throw;
  }
}

aio::Coroutine<std::string> quick(double delay) {
  co_await aio::sleep(delay);
  co_return "quick result";
}

aio::Coroutine<std::string> task_name() {
  co_await aio::sleep(0);
  co_return aio::current_task().get_name();
}

int task_number(const std::string& name) { return std::stoi(name.substr(name.find('-') + 1)); }

aio::Coroutine<void> times_out(Log& log) {
  try {
    co_await aio::wait_for(slow(log), 0.05);
  } catch (const aio::TimeoutError& e) {
    log("main: " + aio::type_name(e) + " at " + aio::str(now()));
  }
}

aio::Coroutine<void> gets_result_in_time(Log& log) {
  std::string result = co_await aio::wait_for(quick(0.01), 0.2);
  log("main: " + result + " at " + aio::str(now()));
}

aio::Coroutine<void> awaits_wait_for(Log& log) {
  try {
    co_await aio::wait_for(slow(log), 10);
  } catch (const aio::CancelledError&) {
    log("outer: CancelledError at " + aio::str(now()));
    throw;
  }
}

aio::Coroutine<void> cancels_the_awaiter(Log& log) {
  auto outer = aio::create_task(awaits_wait_for(log));
  co_await aio::sleep(1);
  log("main: outer.cancel() -> " + aio::str(outer.cancel()));
  try {
    co_await outer;
  } catch (const aio::CancelledError&) {
    log("main: outer cancelled = " + aio::str(outer.cancelled()));
  }
}

aio::Coroutine<void> times_out_on_a_task(Log& log) {
  auto task = aio::create_task(slow(log));
  try {
    co_await aio::wait_for(task, 0.01);
  } catch (const aio::TimeoutError&) {
    log("main: timed out; task cancelled = " + aio::str(task.cancelled()));
  }
}

aio::Coroutine<void> cancels_at_once(Log& log) {
  auto task = aio::create_task(slow(log));
  co_await aio::sleep(0);
  try {
    co_await aio::wait_for(task, 0);
  } catch (const aio::TimeoutError&) {
    log("main: timeout=0 -> TimeoutError at " + aio::str(now()));
  }
  auto finished = aio::create_task(quick(0));
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  std::string result = co_await aio::wait_for(finished, -1);
  log("main: timeout=-1 on a finished task -> " + result);
}

aio::Coroutine<void> waits_without_limit(Log& log) {
  std::string result = co_await aio::wait_for(quick(30), std::nullopt);
  log("main: " + result + " at " + aio::str(now()));
  std::string inner = co_await aio::wait_for(task_name(), std::nullopt);
  log("inline in the awaiting task: " + aio::str(inner == aio::current_task().get_name()));
}

aio::Coroutine<void> wraps_when_started(Log& log) {
  auto waiting = aio::wait_for(task_name(), 1);
  auto created_after = aio::create_task(task_name());
  std::string inner = co_await std::move(waiting);
  log("inner task numbered after a task created later: " +
      aio::str(task_number(inner) == task_number(created_after.get_name()) + 1));
  co_await created_after;
}

}  // namespace

TEST_CASE("wait_for: a timeout cancels the inner task, waits for its cleanup, then raises TimeoutError") {
  Log log;
  run_virtual(times_out(log));
  CHECK(log.lines == Lines{"slow: started", "slow: cleanup at 0.05", "main: TimeoutError at 0.05"});
}

TEST_CASE("wait_for: a result ready in time is returned, without waiting for the timeout") {
  Log log;
  run_virtual(gets_result_in_time(log));
  CHECK(log.lines == Lines{"main: quick result at 0.01"});
}

TEST_CASE("wait_for: cancelling the task that awaits it cancels the inner task and waits for its cleanup") {
  Log log;
  run_virtual(cancels_the_awaiter(log));
  CHECK(log.lines == Lines{"slow: started", "main: outer.cancel() -> True", "slow: cleanup at 1.0",
                           "outer: CancelledError at 1.0", "main: outer cancelled = True"});
}

TEST_CASE("wait_for: a task given to wait_for is cancelled on timeout, and is not done before wait_for raises") {
  Log log;
  run_virtual(times_out_on_a_task(log));
  CHECK(log.lines == Lines{"slow: started", "slow: cleanup at 0.01", "main: timed out; task cancelled = True"});
}

TEST_CASE("wait_for: timeout <= 0 cancels a pending future at once, and returns a done one's result") {
  Log log;
  run_virtual(cancels_at_once(log));
  CHECK(log.lines == Lines{"slow: started", "slow: cleanup at 0.0", "main: timeout=0 -> TimeoutError at 0.0",
                           "main: timeout=-1 on a finished task -> quick result"});
}

TEST_CASE("wait_for: timeout=None waits as long as it takes and runs a coroutine inline, with no task") {
  Log log;
  run_virtual(waits_without_limit(log));
  CHECK(log.lines == Lines{"main: quick result at 30.0", "inline in the awaiting task: True"});
}

TEST_CASE("wait_for: a coroutine becomes a task (a Task-N) when wait_for starts running, not when it is called") {
  Log log;
  run_virtual(wraps_when_started(log));
  CHECK(log.lines == Lines{"inner task numbered after a task created later: True"});
}
