// Issue 5, rule 3: asyncio.timeout / timeout_at (3.11's timeouts.py).
#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {

aio::Coroutine<void> expires(Log& log) {
  aio::Timeout cm = aio::timeout(1.5);
  CHECK(cm.when() == doctest::Approx(aio::get_running_loop().time() + 1.5));
  try {
    co_await aio::async_with(cm, []() -> aio::Coroutine<void> { co_await aio::sleep(10); });
  } catch (const aio::TimeoutError&) {
    log("TimeoutError at " + aio::str(aio::get_running_loop().time()) + ", expired = " + aio::str(cm.expired()));
  }
  log("cancelling = " + aio::str(aio::current_task().cancelling()));
  CHECK_THROWS_AS(cm.reschedule(5), aio::RuntimeError);  // Cannot change state of expired Timeout
}

TEST_CASE("issue 5 rule 3: timeout() cancels the block at its deadline and the exit raises TimeoutError") {
  Log log;
  run_virtual(expires(log));
  CHECK(log.lines == std::vector<std::string>{"TimeoutError at 1.5, expired = True", "cancelling = 0"});
}

aio::Coroutine<void> in_time() {
  aio::Timeout cm = aio::timeout(1);
  co_await aio::async_with(cm, []() -> aio::Coroutine<void> { co_await aio::sleep(0.5); });
  CHECK_FALSE(cm.expired());
  aio::Timeout none = aio::timeout(std::nullopt);
  co_await aio::async_with(none, []() -> aio::Coroutine<void> { co_await aio::sleep(100); });
  CHECK_FALSE(none.expired());
  CHECK(aio::get_running_loop().time() == doctest::Approx(100.5));
}

TEST_CASE("issue 5 rule 3: a block that ends in time, or timeout(None), is left alone") { run_virtual(in_time()); }

aio::Coroutine<void> reschedules(aio::Timeout& cm) {
  cm.reschedule(aio::get_running_loop().time() + 3);
  co_await aio::sleep(10);
}

aio::Coroutine<void> moved_deadline() {
  aio::Timeout cm = aio::timeout_at(aio::get_running_loop().time() + 1);
  try {
    co_await aio::async_with(cm, [&]() -> aio::Coroutine<void> { co_await reschedules(cm); });
  } catch (const aio::TimeoutError&) {
  }
  CHECK(aio::get_running_loop().time() == doctest::Approx(3));
  CHECK(cm.when() == doctest::Approx(3));
}

TEST_CASE("issue 5 rule 3: timeout_at() takes a loop time, and reschedule() moves the deadline") {
  run_virtual(moved_deadline());
}

aio::Coroutine<void> guarded(Log& log) {
  try {
    co_await aio::async_with(aio::timeout(5), []() -> aio::Coroutine<void> { co_await aio::sleep(10); });
  } catch (const aio::CancelledError&) {
    log("CancelledError, not TimeoutError");
    throw;
  }
}

aio::Coroutine<void> cancelled_from_outside(Log& log) {
  auto t = aio::create_task(guarded(log));
  co_await aio::sleep(1);
  t.cancel();
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
    log("task cancelled = " + aio::str(t.cancelled()));
  }
}

TEST_CASE("issue 5 rule 3: a cancellation from outside passes through a timeout that did not expire") {
  Log log;
  run_virtual(cancelled_from_outside(log));
  CHECK(log.lines == std::vector<std::string>{"CancelledError, not TimeoutError", "task cancelled = True"});
}

aio::Coroutine<void> expires_and_cancelled(Log& log) {
  try {
    co_await aio::async_with(aio::timeout(1), []() -> aio::Coroutine<void> { co_await aio::sleep(10); });
  } catch (const aio::CancelledError&) {
    log("CancelledError: the outside request is still pending");
    throw;
  }
}

aio::Coroutine<void> both(Log& log) {
  auto t = aio::create_task(expires_and_cancelled(log));
  // Both at t=1: main's cancel() (its timer was scheduled first), then the timeout.
  aio::get_running_loop().call_later(1, [t] { t.cancel(); });
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
    log("task cancelled = " + aio::str(t.cancelled()));
  }
}

TEST_CASE("issue 5 rule 3: an expired timeout raises TimeoutError only when uncancel() brings cancelling() to 0") {
  Log log;
  run_virtual(both(log));
  CHECK(log.lines ==
        std::vector<std::string>{"CancelledError: the outside request is still pending", "task cancelled = True"});
}

aio::Coroutine<void> zero(Log& log) {
  try {
    co_await aio::async_with(aio::timeout(0), [&]() -> aio::Coroutine<void> {
      log("body starts");
      co_await aio::sleep(0);
      log("not reached");
    });
  } catch (const aio::TimeoutError&) {
    log("TimeoutError");
  }
}

TEST_CASE("issue 5 rule 3: timeout(0) lets the block start and interrupts its first await") {
  Log log;
  run_virtual(zero(log));
  CHECK(log.lines == std::vector<std::string>{"body starts", "TimeoutError"});
}

}  // namespace
