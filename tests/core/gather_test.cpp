// gather (DESIGN.md rule 8).
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<std::string> work(Log& log, std::string name, double delay) {
  log(name + " starts in " + aio::current_task().get_name());
  co_await aio::sleep(delay);
  log(name + " finishes");
  co_return name;
}

aio::Coroutine<int> fails_after(Log& log, double delay) {
  co_await aio::sleep(delay);
  log("failing");
  throw aio::ValueError("child failed");
}

aio::Coroutine<int> number(int n) { co_return n; }

aio::Coroutine<void> gathers_in_argument_order(Log& log) {
  auto results = co_await aio::gather(work(log, "slow", 0.3), work(log, "fast", 0.1), work(log, "mid", 0.2));
  log(aio::str(results));
  auto mixed = co_await aio::gather(number(1), work(log, "text", 0));
  CHECK(std::get<0>(mixed) == 1);
  CHECK(std::get<1>(mixed) == "text");
  // Issue 15: Python's gather returns a list, whatever its items' types.
  CHECK(aio::str(mixed) == "[1, 'text']");
  const auto& [n, text] = mixed;
  CHECK(n == 1);
  CHECK(text == "text");
  const std::tuple<int, std::string> as_tuple = mixed;
  CHECK(as_tuple == std::tuple<int, std::string>{1, "text"});
  std::vector<aio::Coroutine<int>> coros;
  for (int i = 0; i < 4; ++i) coros.push_back(number(i));
  std::vector<int> numbers = co_await aio::gather(std::move(coros));
  CHECK(numbers == std::vector<int>{0, 1, 2, 3});
}

// arg_to_fut: a task passed twice gets one done callback, so gather finishes when each
// distinct child has (counting the repeat twice would wait forever), with the result twice.
aio::Coroutine<void> repeated_task_in_a_vector() {
  aio::Task<int> seven = aio::create_task(number(7));
  aio::Task<int> eight = aio::create_task(number(8));
  std::vector<aio::Task<int>> tasks{seven, eight, seven};
  std::vector<int> numbers = co_await aio::gather(std::move(tasks));
  CHECK(numbers == std::vector<int>{7, 8, 7});
  std::vector<aio::Task<int>> again{eight, eight};
  std::vector<int> twice = co_await aio::gather(std::move(again));
  CHECK(twice == std::vector<int>{8, 8});
}

aio::Coroutine<void> first_exception_propagates(Log& log) {
  auto sibling = aio::create_task(work(log, "sibling", 0.2));
  try {
    co_await aio::gather(sibling, fails_after(log, 0.1));
  } catch (const aio::ValueError& e) {
    log(std::string("gather raised ") + e.what());
  }
  CHECK_FALSE(sibling.done());
  std::string result = co_await sibling;  // not cancelled: it runs to its end
  CHECK(result == "sibling");
}

aio::Coroutine<void> returns_exceptions(Log& log) {
  auto results = co_await aio::gather(aio::return_exceptions, number(1), fails_after(log, 0), number(3));
  CHECK(results[0].value() == 1);
  CHECK(results[1].is_exception());
  CHECK(aio::message_of(results[1].exception()) == "child failed");
  CHECK(results[2].value() == 3);
}

aio::Coroutine<void> cancels_children(Log& log) {
  auto a = aio::create_task(work(log, "a", 1));
  auto b = aio::create_task(work(log, "b", 1));
  auto outer = aio::gather(a, b);
  co_await aio::sleep(0);
  CHECK(outer.cancel());
  try {
    co_await outer;
  } catch (const aio::CancelledError&) {
    log("gather raised CancelledError");
  }
  CHECK(a.cancelled());
  CHECK(b.cancelled());
  CHECK_FALSE(outer.cancelled());  // it ended with a CancelledError *exception*
}

}  // namespace

TEST_CASE("rule 8: gather wraps coroutines in tasks in argument order and returns results in argument order") {
  Log log;
  run_virtual(gathers_in_argument_order(log));
  REQUIRE(log.lines.size() >= 7);
  CHECK(log.lines[0].starts_with("slow starts in Task-"));
  CHECK(log.lines[1].starts_with("fast starts in Task-"));
  CHECK(log.lines[2].starts_with("mid starts in Task-"));
  CHECK(Lines(log.lines.begin() + 3, log.lines.begin() + 7) ==
        Lines{"fast finishes", "mid finishes", "slow finishes", "['slow', 'fast', 'mid']"});
}

TEST_CASE("rule 8: gather of a vector that repeats a task waits for it once and repeats its result") {
  run_virtual(repeated_task_in_a_vector());
}

TEST_CASE("rule 8: the first exception reaches the awaiter and the other children keep running") {
  Log log;
  run_virtual(first_exception_propagates(log));
  CHECK(log.lines == Lines{"sibling starts in Task-" + log.lines[0].substr(log.lines[0].rfind('-') + 1), "failing",
                           "gather raised child failed", "sibling finishes"});
}

TEST_CASE("rule 8: with return_exceptions each child's exception takes its result slot") {
  Log log;
  run_virtual(returns_exceptions(log));
}

TEST_CASE("rule 8: cancelling the gather cancels every child") {
  Log log;
  run_virtual(cancels_children(log));
  CHECK(log.lines.back() == "gather raised CancelledError");
}
