// Issue 13: two tasks that await each other. The deadlock diagnosis names the cycle, and
// cancel() through it cancels each task once (CPython 3.11 recurses into RecursionError).
#include <doctest/doctest.h>

#include <optional>

#include "test_support.hpp"

namespace {

// Task A awaits task B, and B awaits A: each takes its first step before awaiting the other.
struct Cycle {
  std::optional<aio::Task<void>> a, b;
  Log log;
};

aio::Coroutine<void> awaits(Cycle& cycle, std::optional<aio::Task<void>>& other, std::string name) {
  co_await aio::sleep(0);
  try {
    co_await *other;
  } catch (const aio::CancelledError&) {
    cycle.log(name + " cancelled");
    throw;
  }
}

void start(Cycle& cycle) {
  cycle.a = aio::create_task(awaits(cycle, cycle.b, "A"), "A");
  cycle.b = aio::create_task(awaits(cycle, cycle.a, "B"), "B");
}

aio::Coroutine<void> awaits_the_cycle(Cycle& cycle) {
  start(cycle);
  co_await *cycle.a;
}

TEST_CASE("issue 13: a deadlock through an await cycle names the cycle, with the line of each await") {
  Cycle cycle;
  const std::string message = raised_message<aio::DeadlockError>(awaits_the_cycle(cycle));
  CHECK(message.find("A (awaits) waits on <Task pending name='B' coro=<awaits()> wait_for=<Task pending name='A' "
                     "coro=<awaits()> wait_for=...>>") != std::string::npos);
  const std::string at = " at " + std::string(__FILE__) + ":";
  const std::string line = std::to_string(__LINE__ - 23);  // A's and B's `co_await *other`, above
  CHECK(message.ends_with("\n  await cycle: Task A → awaits Task B" + at + line + " → awaits Task A" + at + line));
}

aio::Coroutine<void> cancels_the_cycle(Cycle& cycle) {
  start(cycle);
  co_await aio::sleep(0);
  co_await aio::sleep(0);  // both now wait on each other
  CHECK(cycle.a->cancel());
  try {
    co_await *cycle.b;
  } catch (const aio::CancelledError&) {
    cycle.log("main sees B cancelled");
  }
}

TEST_CASE("issue 13: cancel() through an await cycle cancels each task of the cycle once") {
  Cycle cycle;
  run_virtual(cancels_the_cycle(cycle));
  CHECK(cycle.log.lines == std::vector<std::string>{"A cancelled", "B cancelled", "main sees B cancelled"});
  CHECK(cycle.a->cancelled());
  CHECK(cycle.b->cancelled());
  CHECK(cycle.a->cancelling() == 1);
  CHECK(cycle.b->cancelling() == 1);
}

aio::Coroutine<void> times_out_on_the_cycle(Cycle& cycle) {
  start(cycle);
  try {
    co_await aio::wait_for(*cycle.a, 1);
  } catch (const aio::TimeoutError&) {
    cycle.log("main: TimeoutError");
  }
}

TEST_CASE("issue 13: wait_for on a task in an await cycle times out, cancelling the cycle") {
  Cycle cycle;
  run_virtual(times_out_on_the_cycle(cycle));
  CHECK(cycle.log.lines == std::vector<std::string>{"A cancelled", "B cancelled", "main: TimeoutError"});
}

}  // namespace
