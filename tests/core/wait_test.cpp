// Issue 5, rule 3: asyncio.wait and asyncio.as_completed (3.11's tasks.py).
#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {

aio::Coroutine<std::string> job(std::string name, double delay, bool fail = false) {
  co_await aio::sleep(delay);
  if (fail) throw aio::ValueError(name);
  co_return name;
}

std::vector<std::string> names(const std::vector<aio::Task<std::string>>& tasks) {
  std::vector<std::string> result;
  for (const auto& t : tasks) result.push_back(t.get_name());
  return result;
}

aio::Coroutine<void> waits(Log& log) {
  // Created c, a, b: the result vectors come in this creation order, whatever the argument order.
  auto c = aio::create_task(job("c", 3), "c");
  auto a = aio::create_task(job("a", 1), "a");
  auto b = aio::create_task(job("b", 2, true), "b");
  std::vector<aio::Task<std::string>> fs{a, b, c, a};
  auto [done, pending] = co_await aio::wait(fs, {.return_when = aio::FIRST_COMPLETED});
  log("first completed " + aio::str(names(done)) + " " + aio::str(names(pending)));
  std::tie(done, pending) = co_await aio::wait(fs, {.timeout = 0.5});
  log("timeout " + aio::str(names(done)) + " " + aio::str(names(pending)) + " at " +
      aio::str(aio::get_running_loop().time()));
  std::tie(done, pending) = co_await aio::wait(fs, {.return_when = aio::FIRST_EXCEPTION});
  log("first exception " + aio::str(names(done)) + " " + aio::str(names(pending)));
  std::tie(done, pending) = co_await aio::wait(fs);
  log("all " + aio::str(names(done)) + " " + aio::str(names(pending)));
}

TEST_CASE(
    "issue 5 rule 3: wait returns (done, pending) for FIRST_COMPLETED, a timeout, FIRST_EXCEPTION, ALL_COMPLETED") {
  Log log;
  run_virtual(waits(log));
  CHECK(log.lines == std::vector<std::string>{"first completed ['a'] ['c', 'b']", "timeout ['a'] ['c', 'b'] at 1.5",
                                              "first exception ['a', 'b'] ['c']", "all ['c', 'a', 'b'] []"});
}

aio::Coroutine<void> waits_for(std::vector<aio::Future<int>> fs, Log& log) {
  co_await aio::wait(fs);
  log("wait returned");
}

aio::Coroutine<void> wakes_one_hop_later(Log& log) {
  aio::Future<int> f;
  std::vector<aio::Future<int>> fs{f};
  auto waiter = aio::create_task(waits_for(fs, log));
  co_await aio::sleep(0);
  f.set_result(1);
  log("set_result");
  co_await aio::sleep(0);
  log("one iteration: _on_completion ran");
  co_await aio::sleep(0);
  log("two iterations");
  co_await waiter;
}

TEST_CASE("issue 5 rule 3: wait's caller resumes one iteration after the done callback that released it") {
  Log log;
  run_virtual(wakes_one_hop_later(log));
  CHECK(log.lines ==
        std::vector<std::string>{"set_result", "one iteration: _on_completion ran", "wait returned", "two iterations"});
}

aio::Coroutine<void> waits_on_nothing() {
  std::vector<aio::Task<int>> none;
  try {
    co_await aio::wait(none);
  } catch (const aio::ValueError& e) {
    CHECK(aio::str(e) == "Set of Tasks/Futures is empty.");
    co_return;
  }
  FAIL("no ValueError");
}

TEST_CASE("issue 5 rule 3: wait on nothing raises ValueError") { run_virtual(waits_on_nothing()); }

aio::Coroutine<void> completion_order(Log& log) {
  std::vector<aio::Coroutine<std::string>> coros;
  coros.push_back(job("slow", 3));
  coros.push_back(job("fast", 1));
  coros.push_back(job("broken", 2, true));
  coros.push_back(job("never", 10));
  for (auto next_done : aio::as_completed(std::move(coros), 5)) {
    try {
      auto result = co_await next_done;
      log(result + " at " + aio::str(aio::get_running_loop().time()));
    } catch (const aio::ValueError& e) {
      log("ValueError " + aio::str(e));
    } catch (const aio::TimeoutError&) {
      log("TimeoutError at " + aio::str(aio::get_running_loop().time()));
    }
  }
}

TEST_CASE("issue 5 rule 3: as_completed gives results in completion order, then TimeoutError after the timeout") {
  Log log;
  run_virtual(completion_order(log));
  CHECK(log.lines ==
        std::vector<std::string>{"fast at 1.0", "ValueError broken", "slow at 3.0", "TimeoutError at 5.0"});
}

}  // namespace
