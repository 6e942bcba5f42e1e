// sleep (DESIGN.md rule 7).
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

std::uint64_t iteration() { return aio::get_running_loop().iteration(); }

aio::Coroutine<void> yields_one_iteration(std::vector<std::uint64_t>& iterations) {
  iterations.push_back(iteration());
  co_await aio::sleep(0);
  iterations.push_back(iteration());
  co_await aio::sleep(-1);
  iterations.push_back(iteration());
}

aio::Coroutine<void> sleeps_for(double delay) {
  aio::EventLoop& loop = aio::get_running_loop();
  const double start = loop.time();
  auto result = co_await aio::sleep(delay, std::string("done"));
  CHECK(result == "done");
  const double slept = loop.time() - start;
  CHECK(slept >= delay);
  if (loop.clock().name() == "virtual") CHECK(slept == delay);
}

aio::Coroutine<void> sleeper(Log& log) {
  try {
    co_await aio::sleep(100);
  } catch (const aio::CancelledError&) {
    log("cancelled at the co_await");
    throw;
  }
}

aio::Coroutine<void> cancels_sleeper(Log& log) {
  aio::EventLoop& loop = aio::get_running_loop();
  auto task = aio::create_task(sleeper(log));
  co_await aio::sleep(0);
  CHECK(loop.timer_count() == 1);
  task.cancel();
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  CHECK(task.cancelled());
  // The timer of the cancelled sleep was cancelled, and dropped at the head of the heap.
  CHECK(loop.timer_count() == 0);
  CHECK(loop.time() == 0.0);
}

}  // namespace

TEST_CASE("rule 7: sleep(0) and sleep(-1) yield exactly one iteration") {
  std::vector<std::uint64_t> iterations;
  run_virtual(yields_one_iteration(iterations));
  REQUIRE(iterations.size() == 3);
  CHECK(iterations[1] == iterations[0] + 1);
  CHECK(iterations[2] == iterations[1] + 1);
}

TEST_CASE("rule 7: sleep(d, result) waits d seconds of loop time and returns result") {
  run_virtual(sleeps_for(2.5));
  aio::run(sleeps_for(0.01), {.clock = aio::ClockKind::real});
}

TEST_CASE("rule 7: cancelling a sleeping task cancels its timer") {
  Log log;
  run_virtual(cancels_sleeper(log));
  CHECK(log.lines == Lines{"cancelled at the co_await"});
}

namespace {
// Issue 15: asyncio.sleep is a coroutine in Python, so a lesson writes
// create_task(sleep(1)), gather(sleep(0.1, 1), sleep(0.2, 2)) and wait_for(sleep(5), 1).
aio::Coroutine<void> sleep_where_a_coroutine_goes(Log& log) {
  aio::EventLoop& loop = aio::get_running_loop();
  auto task = aio::create_task(aio::sleep(1, std::string("slept")));
  log(task.state()->describe());
  log(co_await task);
  auto both = co_await aio::gather(aio::sleep(0.1, 1), aio::sleep(0.2, 2));
  log(aio::str(both) + " at t=" + aio::str(loop.time()));
  try {
    co_await aio::wait_for(aio::sleep(5), 1);
  } catch (const aio::TimeoutError&) {
    log("TimeoutError at t=" + aio::str(loop.time()));
  }
  auto none = aio::create_task(aio::sleep(0));
  co_await none;
  log(aio::str(none.result()));
}
}  // namespace

TEST_CASE("issue 15: sleep() goes where Python takes a coroutine: create_task, gather, wait_for") {
  Log log;
  run_virtual(sleep_where_a_coroutine_goes(log));
  CHECK(log.lines == Lines{"<Task pending name='Task-2' coro=<sleep()>>", "slept", "[1, 2] at t=1.2",
                           "TimeoutError at t=2.2", "None"});
}
