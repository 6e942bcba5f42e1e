// asyncio.Event: set, clear, is_set, wait (Lib/asyncio/locks.py).
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> waiter(Log& log, std::string name, aio::Event event) {
  log(name + " waits");
  const bool result = co_await event.wait();
  log(name + " woke: " + aio::str(result) + ", is_set = " + aio::str(event.is_set()));
}

aio::Coroutine<void> sets_with_three_waiters(Log& log) {
  aio::Event event;
  auto w1 = aio::create_task(waiter(log, "w1", event));
  auto w2 = aio::create_task(waiter(log, "w2", event));
  auto w3 = aio::create_task(waiter(log, "w3", event));
  co_await aio::sleep(0);
  CHECK(event.waiter_count() == 3);
  event.set();
  log("set() returned");
  co_await aio::sleep(0);
  log("main after one sleep(0)");
  CHECK(event.waiter_count() == 0);
  CHECK(w1.done());
  CHECK(w2.done());
  CHECK(w3.done());
}

aio::Coroutine<void> waits_on_a_set_event(Log& log) {
  aio::Event event;
  event.set();
  event.set();  // a second set() changes nothing
  aio::get_running_loop().call_soon([&log] { log("callback scheduled before wait()"); });
  const std::uint64_t iteration = aio::get_running_loop().iteration();
  const bool result = co_await event.wait();
  log("wait() returned " + aio::str(result));
  CHECK(aio::get_running_loop().iteration() == iteration);
  CHECK(event.waiter_count() == 0);
  co_await aio::sleep(0);
}

aio::Coroutine<void> clears_between_waiters(Log& log) {
  aio::Event event;
  event.set();
  event.clear();
  CHECK_FALSE(event.is_set());
  auto late = aio::create_task(waiter(log, "late", event));
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  CHECK_FALSE(late.done());
  CHECK(event.waiter_count() == 1);
  log("main: set()");
  event.set();
  co_await late;
}

aio::Coroutine<void> cancels_a_waiter(Log& log) {
  aio::Event event;
  auto first = aio::create_task(waiter(log, "first", event));
  auto second = aio::create_task(waiter(log, "second", event));
  co_await aio::sleep(0);
  CHECK(event.waiter_count() == 2);
  first.cancel();
  co_await aio::sleep(0);
  CHECK(first.cancelled());
  CHECK(event.waiter_count() == 1);
  event.set();
  co_await second;
}

aio::Coroutine<bool> waits_on(aio::Event event) { co_return co_await event.wait(); }

aio::Coroutine<void> leaves_a_waiter_pending(aio::Event event) {
  aio::create_task(waits_on(event));
  co_await aio::sleep(0);
  CHECK(event.waiter_count() == 1);
}

}  // namespace

TEST_CASE("Event.set wakes every waiter in FIFO order on the next iteration, never inside set()") {
  Log log;
  run_virtual(sets_with_three_waiters(log));
  CHECK(log.lines == Lines{"w1 waits", "w2 waits", "w3 waits", "set() returned", "w1 woke: True, is_set = True",
                           "w2 woke: True, is_set = True", "w3 woke: True, is_set = True", "main after one sleep(0)"});
}

TEST_CASE("Event.wait on a set event returns True without suspending") {
  Log log;
  run_virtual(waits_on_a_set_event(log));
  CHECK(log.lines == Lines{"wait() returned True", "callback scheduled before wait()"});
}

TEST_CASE("Event.clear makes later waiters block until the next set()") {
  Log log;
  run_virtual(clears_between_waiters(log));
  CHECK(log.lines == Lines{"late waits", "main: set()", "late woke: True, is_set = True"});
}

TEST_CASE("a cancelled Event waiter is removed from the waiters, and set() wakes the rest") {
  Log log;
  run_virtual(cancels_a_waiter(log));
  CHECK(log.lines == Lines{"first waits", "second waits", "second woke: True, is_set = True"});
}

TEST_CASE("an Event waiter whose loop closes while it waits is removed from the waiters") {
  aio::Event event;
  {
    VirtualLoop loop;
    auto task = loop->create_task(waits_on(event));
    task.task_state().set_log_destroy_pending(false);  // pending on purpose: close() destroys its frame
    CHECK(loop->step() == aio::StepResult::ran);
    CHECK(event.waiter_count() == 1);
    loop->close();
  }
  CHECK(event.waiter_count() == 0);
}

TEST_CASE("an Event that has waited on one loop raises RuntimeError when waited on from another") {
  aio::Event event;
  run_virtual(leaves_a_waiter_pending(event));
  CHECK_THROWS_WITH_AS(run_virtual(waits_on(event)), "Event is bound to a different event loop", aio::RuntimeError);
}
