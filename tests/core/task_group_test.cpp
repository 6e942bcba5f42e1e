// Issue 5, rule 4: asyncio.TaskGroup (3.11's taskgroups.py) and its ExceptionGroup.
#include <doctest/doctest.h>

#include <optional>

#include "test_support.hpp"

namespace {

aio::Coroutine<int> after(double delay, int value) {
  co_await aio::sleep(delay);
  co_return value;
}

aio::Coroutine<void> raises_after(double delay, std::string message) {
  co_await aio::sleep(delay);
  throw aio::ValueError(message);
}

aio::Coroutine<void> sleeps_logging(Log& log, std::string name) {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    log(name + " cancelled");
    throw;
  }
}

aio::Coroutine<void> waits_for_children(Log& log) {
  std::optional<aio::Task<int>> a, b;
  co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) {
    a = tg.create_task(after(1, 10));
    b = tg.create_task(after(2, 20), "b");
    log("body ends");
  });
  log("exit at " + aio::str(aio::get_running_loop().time()) + ": " + aio::str(a->result()) + " " +
      aio::str(b->result()) + " " + b->get_name());
}

TEST_CASE("issue 5 rule 4: leaving a TaskGroup waits for every child") {
  Log log;
  run_virtual(waits_for_children(log));
  CHECK(log.lines == std::vector<std::string>{"body ends", "exit at 2.0: 10 20 b"});
}

aio::Coroutine<void> first_failure(Log& log) {
  try {
    co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
      tg.create_task(raises_after(1, "one"));
      tg.create_task(raises_after(1, "two"));
      tg.create_task(sleeps_logging(log, "sibling"));
      co_await sleeps_logging(log, "body");
    });
  } catch (const aio::ExceptionGroup& eg) {
    std::vector<std::string> errors;
    for (const auto& e : eg.exceptions()) errors.push_back(aio::type_name(e) + " " + aio::str(e));
    log(aio::str(eg) + " " + aio::str(errors));
    log("message: " + eg.message());
  }
  log("cancelling = " + aio::str(aio::current_task().cancelling()));
}

TEST_CASE("issue 5 rule 4: the first failure cancels the siblings and the body; all errors come out as one group") {
  Log log;
  run_virtual(first_failure(log));
  CHECK(log.lines == std::vector<std::string>{
                         "sibling cancelled", "body cancelled",
                         "unhandled errors in a TaskGroup (2 sub-exceptions) ['ValueError one', 'ValueError two']",
                         "message: unhandled errors in a TaskGroup", "cancelling = 0"});
}

aio::Coroutine<void> group_in_task(Log& log) {
  co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
    tg.create_task(sleeps_logging(log, "child"));
    co_await sleeps_logging(log, "body");
  });
}

aio::Coroutine<void> parent_cancelled(Log& log) {
  auto t = aio::create_task(group_in_task(log));
  co_await aio::sleep(1);
  t.cancel();
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
    log("parent cancelled = " + aio::str(t.cancelled()));
  }
}

TEST_CASE("issue 5 rule 4: cancelling the parent cancels the children and CancelledError propagates") {
  Log log;
  run_virtual(parent_cancelled(log));
  CHECK(log.lines == std::vector<std::string>{"body cancelled", "child cancelled", "parent cancelled = True"});
}

aio::Coroutine<void> body_raises(Log& log) {
  try {
    co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) {
      tg.create_task(sleeps_logging(log, "child"));
      throw aio::RuntimeError("body failed");
    });
  } catch (const aio::ExceptionGroup& eg) {
    log(aio::str(eg) + " " + aio::type_name(eg.exceptions().at(0)));
  }
}

TEST_CASE("issue 5 rule 4: an error in the body cancels the children and joins the group") {
  Log log;
  run_virtual(body_raises(log));
  CHECK(log.lines ==
        // The child never started: cancelled before its first step, it runs none of its body.
        std::vector<std::string>{"unhandled errors in a TaskGroup (1 sub-exception) RuntimeError"});
}

aio::Coroutine<void> create_task_rules() {
  aio::TaskGroup tg;
  CHECK_THROWS_WITH_AS(tg.create_task(after(0, 1)), "TaskGroup <TaskGroup> has not been entered", aio::RuntimeError);
  try {
    co_await aio::async_with(tg, [&]() -> aio::Coroutine<void> {
      tg.create_task(raises_after(0, "x"));
      co_await aio::sleep(1);
    });
  } catch (const aio::ExceptionGroup&) {
  }
  CHECK_THROWS_WITH_AS(tg.create_task(after(0, 1)), "TaskGroup <TaskGroup cancelling> is finished", aio::RuntimeError);
}

TEST_CASE("issue 5 rule 4: create_task needs an entered group that is still running") {
  run_virtual(create_task_rules());
}

TEST_CASE(
    "issue 5 rule 4: an ExceptionGroup splits by type, and a group with a CancelledError is a BaseExceptionGroup") {
  auto value = std::make_exception_ptr(aio::ValueError("v"));
  auto type = std::make_exception_ptr(aio::TypeError("t"));
  auto group = aio::make_exception_group("errors", {value, type});
  auto [match, rest] = aio::exception_group_of(group)->split<aio::ValueError>();
  CHECK(aio::str(match) == "errors (1 sub-exception)");
  CHECK(aio::exception_group_of(match)->exceptions().at(0) == value);
  CHECK(aio::exception_group_of(rest)->exceptions().at(0) == type);
  CHECK(aio::type_name(group) == "ExceptionGroup");
  auto base = aio::make_exception_group("mixed", {value, std::make_exception_ptr(aio::CancelledError())});
  CHECK(aio::type_name(base) == "BaseExceptionGroup");
  CHECK_THROWS_AS(aio::make_exception_group("none", {}), aio::ValueError);
}

}  // namespace
