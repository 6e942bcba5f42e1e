// asyncio.shield (CPython 3.11's tasks.shield): the outer future follows the inner one, but
// cancelling the outer (or the task awaiting it) does not cancel the inner.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<std::string> important(Log& log, aio::Future<void> gate) {
  log("important: started");
  co_await gate;
  log("important: finished anyway");
  co_return "saved";
}

aio::Coroutine<std::string> caller(Log& log, aio::Task<std::string> inner) {
  try {
    co_return co_await aio::shield(inner);
  } catch (const aio::CancelledError&) {
    log("caller: CancelledError while awaiting shield");
    throw;
  }
}

aio::Coroutine<void> cancels_the_awaiter(Log& log) {
  aio::Future<void> gate;
  auto inner = aio::create_task(important(log, gate));
  auto c = aio::create_task(caller(log, inner));
  co_await aio::sleep(0);
  log("main: cancelling caller -> " + aio::str(c.cancel()));
  try {
    co_await c;
  } catch (const aio::CancelledError&) {
    log("main: caller cancelled = " + aio::str(c.cancelled()) + ", inner cancelled = " + aio::str(inner.cancelled()));
  }
  gate.set_result();
  std::string result = co_await inner;
  log("main: inner result -> " + result);
}

aio::Coroutine<int> answer() {
  co_await aio::sleep(0);
  co_return 42;
}

aio::Coroutine<void> fails() {
  co_await aio::sleep(0);
  throw aio::ValueError("inner failed");
}

aio::Coroutine<void> follows_the_inner(Log& log) {
  int result = co_await aio::shield(answer());
  log("result: " + aio::str(result));
  try {
    co_await aio::shield(fails());
  } catch (const aio::ValueError& e) {
    log("exception: " + aio::type_name(e) + ": " + e.message());
  }
  aio::Future<int> inner;
  aio::Future<int> outer = aio::shield(inner);
  inner.cancel();
  try {
    co_await outer;
  } catch (const aio::CancelledError&) {
    log("inner cancelled -> outer cancelled = " + aio::str(outer.cancelled()));
  }
}

aio::Coroutine<void> cancels_the_outer_future(Log& log) {
  aio::Future<int> inner;
  aio::Future<int> outer = aio::shield(inner);
  log("outer.cancel() -> " + aio::str(outer.cancel()));
  co_await aio::sleep(0);
  log("inner cancelled = " + aio::str(inner.cancelled()));
  inner.set_result(7);
  co_await aio::sleep(0);
  log("inner result = " + aio::str(inner.result()));
}

aio::Coroutine<void> shields_a_finished_task(Log& log) {
  auto task = aio::create_task(answer());
  co_await task;
  aio::Future<int> done = aio::shield(task);
  log("shield of a done task returns it: " + aio::str(done == task));
}

}  // namespace

TEST_CASE("shield: cancelling the awaiter raises CancelledError in it, and the inner task keeps running") {
  Log log;
  run_virtual(cancels_the_awaiter(log));
  CHECK(log.lines == Lines{"important: started", "main: cancelling caller -> True",
                           "caller: CancelledError while awaiting shield",
                           "main: caller cancelled = True, inner cancelled = False", "important: finished anyway",
                           "main: inner result -> saved"});
}

TEST_CASE("shield: the outer future gets the inner's result, exception or cancellation") {
  Log log;
  run_virtual(follows_the_inner(log));
  CHECK(log.lines ==
        Lines{"result: 42", "exception: ValueError: inner failed", "inner cancelled -> outer cancelled = True"});
}

TEST_CASE("shield: cancelling the outer future does not cancel the inner, which can still finish") {
  Log log;
  run_virtual(cancels_the_outer_future(log));
  CHECK(log.lines == Lines{"outer.cancel() -> True", "inner cancelled = False", "inner result = 7"});
}

TEST_CASE("shield of a finished task returns that task itself") {
  Log log;
  run_virtual(shields_a_finished_task(log));
  CHECK(log.lines == Lines{"shield of a done task returns it: True"});
}
