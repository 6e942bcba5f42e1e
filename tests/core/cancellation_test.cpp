// Issue 5, rule 1 (cancellation) and rule 5 (run cancels what is left): Task.cancel as
// CPython 3.11's tasks.py and _asynciomodule.c do it.
#include <doctest/doctest.h>

#include "test_support.hpp"

namespace {

aio::Coroutine<void> sleeper(Log& log, double delay) {
  try {
    co_await aio::sleep(delay);
    log("woke");
  } catch (const aio::CancelledError& e) {
    log("cancelled at the await: '" + aio::str(e) + "'");
    throw;
  }
}

aio::Coroutine<void> cancel_requests(Log& log) {
  auto t = aio::create_task(sleeper(log, 10));
  co_await aio::sleep(0);
  log("cancel -> " + aio::str(t.cancel("stop")));
  log("done right after cancel: " + aio::str(t.done()));
  log("cancelling = " + aio::str(t.cancelling()));
  try {
    co_await t;
  } catch (const aio::CancelledError& e) {
    log("awaiter got: '" + aio::str(e) + "'");
  }
  log("cancelled = " + aio::str(t.cancelled()));
  log("cancel on a done task -> " + aio::str(t.cancel()));
  log("time " + aio::str(aio::get_running_loop().time()));
}

TEST_CASE("issue 5 rule 1: cancel() requests; CancelledError with the message is raised at the co_await") {
  Log log;
  run_virtual(cancel_requests(log));
  CHECK(log.lines == std::vector<std::string>{"cancel -> True", "done right after cancel: False", "cancelling = 1",
                                              "cancelled at the await: 'stop'", "awaiter got: 'stop'",
                                              "cancelled = True", "cancel on a done task -> False",
                                              // the sleep's timer was cancelled: the clock never jumped to 10
                                              "time 0.0"});
}

aio::Coroutine<int> suppresses() {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    co_return 7;
  }
  co_return 0;
}

aio::Coroutine<void> counts() {
  auto t = aio::create_task(suppresses());
  co_await aio::sleep(0);
  CHECK(t.cancel());
  CHECK(t.cancel());
  CHECK(t.cancelling() == 2);
  CHECK(t.uncancel() == 1);
  auto result = co_await t;
  CHECK(result == 7);
  CHECK_FALSE(t.cancelled());
  CHECK(t.uncancel() == 0);
  CHECK(t.uncancel() == 0);  // never below 0
}

TEST_CASE("issue 5 rule 1: a task may suppress CancelledError; cancelling() counts requests, uncancel() undoes one") {
  run_virtual(counts());
}

aio::Coroutine<void> never_runs(Log& log) {
  log("body ran");
  co_return;
}

aio::Coroutine<void> cancel_before_start(Log& log) {
  auto t = aio::create_task(never_runs(log));
  CHECK(t.cancel());
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
    log("cancelled before its first step");
  }
}

TEST_CASE("issue 5 rule 1: a task cancelled before its first step never runs its body") {
  Log log;
  run_virtual(cancel_before_start(log));
  CHECK(log.lines == std::vector<std::string>{"cancelled before its first step"});
}

aio::Coroutine<void> awaits_inner(aio::Task<void> inner) { co_await inner; }

aio::Coroutine<void> cancel_chain(Log& log) {
  auto inner = aio::create_task(sleeper(log, 10));
  auto outer = aio::create_task(awaits_inner(inner));
  co_await aio::sleep(0);
  outer.cancel("from main");
  try {
    co_await outer;
  } catch (const aio::CancelledError&) {
  }
  log("inner cancelled = " + aio::str(inner.cancelled()) + ", outer cancelled = " + aio::str(outer.cancelled()));
}

TEST_CASE("issue 5 rule 1: cancelling a task that awaits another task cancels the inner one") {
  Log log;
  run_virtual(cancel_chain(log));
  CHECK(log.lines == std::vector<std::string>{"cancelled at the await: 'from main'",
                                              "inner cancelled = True, outer cancelled = True"});
}

aio::Coroutine<void> self_cancel() {
  aio::current_task().cancel();
  co_return;
}

aio::Coroutine<void> ends_cancelled() {
  auto t = aio::create_task(self_cancel());
  try {
    co_await t;
  } catch (const aio::CancelledError&) {
  }
  CHECK(t.cancelled());
}

TEST_CASE("issue 5 rule 1: a task that cancels itself and returns without awaiting ends cancelled") {
  run_virtual(ends_cancelled());
}

aio::Coroutine<void> cleanup_raises(Log& log) {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    log("cleanup runs");
    throw aio::ValueError("cleanup failed");
  }
}

aio::Coroutine<void> leaves_tasks(Log& log) {
  aio::get_running_loop().set_exception_handler([&log](aio::EventLoop&, const aio::ExceptionContext& context) {
    log(context.message + ": " + aio::str(context.exception));
  });
  aio::create_task(cleanup_raises(log));
  co_await aio::sleep(0);
  log("main returns");
}

TEST_CASE("issue 5 rule 5: run cancels the tasks left when main returns, runs their cleanup, reports their errors") {
  Log log;
  run_virtual(leaves_tasks(log));
  CHECK(log.lines == std::vector<std::string>{"main returns", "cleanup runs",
                                              "unhandled exception during asyncio.run() shutdown: cleanup failed"});
}

}  // namespace
