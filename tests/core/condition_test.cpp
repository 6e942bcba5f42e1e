// asyncio.Condition: wait, wait_for, notify, notify_all, `async with` (Lib/asyncio/locks.py).
// The expected orders are what the same programs print on CPython 3.11.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> waiter(Log& log, std::string name, aio::Condition cond) {
  auto held = co_await cond.hold();
  log(name + " waits");
  bool result = false;
  try {
    result = co_await cond.wait();
  } catch (const aio::CancelledError&) {
    log(name + " cancelled; holds the lock = " + aio::str(cond.locked()));
    throw;
  }
  log(name + " woke: " + aio::str(result));
  co_await aio::sleep(0);
  log(name + " leaves");
}

aio::Coroutine<void> reacquires_before_returning(Log& log) {
  aio::Condition cond;
  auto w = aio::create_task(waiter(log, "w", cond));
  co_await aio::sleep(0);
  {
    auto held = co_await cond.hold();
    cond.notify();
    log("main notified, still holds the lock");
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    log("main releases");
  }
  co_await w;
}

aio::Coroutine<void> notifies_n_then_all(Log& log) {
  aio::Condition cond;
  std::vector<aio::Task<void>> tasks;
  for (std::string name : {"w1", "w2", "w3", "w4"}) tasks.push_back(aio::create_task(waiter(log, name, cond)));
  co_await aio::sleep(0);
  CHECK(cond.waiter_count() == 4);
  {
    auto held = co_await cond.hold();
    log("main notify(2)");
    cond.notify(2);
  }
  co_await tasks[0];
  co_await tasks[1];
  log("w3 done = " + aio::str(tasks[2].done()));
  {
    auto held = co_await cond.hold();
    log("main notify_all()");
    cond.notify_all();
  }
  for (auto& t : tasks) co_await t;
}

aio::Coroutine<void> skips_a_cancelled_waiter(Log& log) {
  aio::Condition cond;
  auto w1 = aio::create_task(waiter(log, "w1", cond));
  auto w2 = aio::create_task(waiter(log, "w2", cond));
  co_await aio::sleep(0);
  w1.cancel();
  {
    auto held = co_await cond.hold();
    log("main cancelled w1, notify(1)");
    cond.notify(1);
  }
  co_await w2;
  CHECK(w1.cancelled());
}

aio::Coroutine<void> awaits_cancelled(Log& log, aio::Task<void> w) {
  try {
    co_await w;
  } catch (const aio::CancelledError&) {
    log("w cancelled = " + aio::str(w.cancelled()));
  }
}

aio::Coroutine<void> cancels_a_waiter_while_it_waits(Log& log) {
  aio::Condition cond;
  auto w = aio::create_task(waiter(log, "w", cond));
  co_await aio::sleep(0);
  {
    auto held = co_await cond.hold();
    w.cancel();
    log("main cancelled w, holds the lock");
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    log("main releases");
  }
  co_await awaits_cancelled(log, w);
}

aio::Coroutine<void> cancels_a_waiter_while_it_reacquires(Log& log) {
  aio::Condition cond;
  auto w = aio::create_task(waiter(log, "w", cond));
  co_await aio::sleep(0);
  {
    auto held = co_await cond.hold();
    cond.notify();
    co_await aio::sleep(0);
    co_await aio::sleep(0);
    w.cancel();
    log("main cancelled w while it re-acquires");
    co_await aio::sleep(0);
    log("main releases");
  }
  co_await awaits_cancelled(log, w);
}

aio::Coroutine<void> waits_for_two(Log& log, aio::Condition cond, const int& state) {
  auto held = co_await cond.hold();
  const int result = co_await cond.wait_for([&] {
    log("predicate sees " + aio::str(state));
    return state >= 2 ? state : 0;
  });
  log("wait_for returned " + aio::str(result));
}

aio::Coroutine<void> checks_the_predicate_after_each_wakeup(Log& log) {
  aio::Condition cond;
  int state = 0;
  auto t = aio::create_task(waits_for_two(log, cond, state));
  co_await aio::sleep(0);
  for (int i = 0; i < 2; ++i) {
    {
      auto held = co_await cond.hold();
      state += 1;
      cond.notify();
    }
    co_await aio::sleep(0);
    co_await aio::sleep(0);
  }
  co_await t;
}

aio::Coroutine<void> waits_and_notifies_without_the_lock(Log& log) {
  aio::Condition cond;
  try {
    co_await cond.wait();
  } catch (const aio::RuntimeError& e) {
    log(aio::type_name(e) + ": " + e.what());
  }
  try {
    cond.notify();
  } catch (const aio::RuntimeError& e) {
    log(aio::type_name(e) + ": " + e.what());
  }
}

aio::Coroutine<void> shares_a_lock(Log& log) {
  aio::Lock lock;
  aio::Condition cond(lock);
  {
    auto held = co_await cond.hold();
    log("inside cond: lock.locked() = " + aio::str(lock.locked()));
  }
  co_await lock.acquire();
  log("lock acquired: cond.locked() = " + aio::str(cond.locked()));
  cond.release();
  log("cond released: lock.locked() = " + aio::str(lock.locked()));
}

aio::Coroutine<void> shows_its_waiters_as_condition_futures() {
  aio::Condition cond;
  Log log;
  auto w = aio::create_task(waiter(log, "w", cond));
  co_await aio::sleep(0);
  CHECK(waiting_on(w) == "Condition.wait");
  w.cancel();
  try {
    co_await w;
  } catch (const aio::CancelledError&) {
  }
}

}  // namespace

TEST_CASE("a notified Condition waiter resumes only once the notifier releases the lock") {
  Log log;
  run_virtual(reacquires_before_returning(log));
  CHECK(log.lines ==
        Lines{"w waits", "main notified, still holds the lock", "main releases", "w woke: True", "w leaves"});
}

TEST_CASE("Condition.notify(n) wakes the first n waiters, one at a time; notify_all wakes the rest") {
  Log log;
  run_virtual(notifies_n_then_all(log));
  CHECK(log.lines == Lines{"w1 waits", "w2 waits", "w3 waits", "w4 waits", "main notify(2)", "w1 woke: True",
                           "w1 leaves", "w2 woke: True", "w2 leaves", "w3 done = False", "main notify_all()",
                           "w3 woke: True", "w3 leaves", "w4 woke: True", "w4 leaves"});
}

TEST_CASE("Condition.notify skips a cancelled waiter and wakes the next one") {
  Log log;
  run_virtual(skips_a_cancelled_waiter(log));
  CHECK(log.lines == Lines{"w1 waits", "w2 waits", "main cancelled w1, notify(1)",
                           "w1 cancelled; holds the lock = True", "w2 woke: True", "w2 leaves"});
}

TEST_CASE("a Condition waiter cancelled while it waits takes the lock again before CancelledError reaches it") {
  Log log;
  run_virtual(cancels_a_waiter_while_it_waits(log));
  CHECK(log.lines == Lines{"w waits", "main cancelled w, holds the lock", "main releases",
                           "w cancelled; holds the lock = True", "w cancelled = True"});
}

TEST_CASE("a Condition waiter cancelled while it re-acquires the lock still takes it, then raises CancelledError") {
  Log log;
  run_virtual(cancels_a_waiter_while_it_reacquires(log));
  CHECK(log.lines == Lines{"w waits", "main cancelled w while it re-acquires", "main releases",
                           "w cancelled; holds the lock = True", "w cancelled = True"});
}

TEST_CASE("Condition.wait_for checks its predicate first and after every wake-up, and returns its value") {
  Log log;
  run_virtual(checks_the_predicate_after_each_wakeup(log));
  CHECK(log.lines == Lines{"predicate sees 0", "predicate sees 1", "predicate sees 2", "wait_for returned 2"});
}

TEST_CASE("Condition.wait and notify without the lock raise RuntimeError") {
  Log log;
  run_virtual(waits_and_notifies_without_the_lock(log));
  CHECK(log.lines ==
        Lines{"RuntimeError: cannot wait on un-acquired lock", "RuntimeError: cannot notify on un-acquired lock"});
}

TEST_CASE("a Condition made on a Lock shares it: locked, acquire and release are the lock's") {
  Log log;
  run_virtual(shares_a_lock(log));
  CHECK(log.lines == Lines{"inside cond: lock.locked() = True", "lock acquired: cond.locked() = True",
                           "cond released: lock.locked() = False"});
}

TEST_CASE("a task waiting in Condition.wait waits on a future of kind condition") {
  run_virtual(shows_its_waiters_as_condition_futures());
}
