// asyncio.Semaphore and BoundedSemaphore: acquire, release, locked, `async with`
// (Lib/asyncio/locks.py, 3.11.7). The expected orders are what the same programs print on
// CPython 3.11.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> worker(Log& log, std::string name, aio::Semaphore sem) {
  log(name + " acquires, locked = " + aio::str(sem.locked()));
  try {
    auto held = co_await sem.hold();
    log(name + " inside");
    co_await aio::sleep(0);
    log(name + " leaves");
  } catch (const aio::CancelledError&) {
    log(name + " cancelled, value = " + aio::str(sem.value()));
    throw;
  }
}

aio::Coroutine<void> awaits_all(std::vector<aio::Task<void>> tasks) {
  for (auto& t : tasks) {
    try {
      co_await t;
    } catch (const aio::CancelledError&) {
    }
  }
}

aio::Coroutine<void> admits_two(Log& log) {
  aio::Semaphore sem(2);
  std::vector<aio::Task<void>> tasks;
  for (std::string name : {"w1", "w2", "w3", "w4"}) tasks.push_back(aio::create_task(worker(log, name, sem)));
  co_await awaits_all(tasks);
  log("value = " + aio::str(sem.value()));
}

aio::Coroutine<void> hands_the_slot_to_the_waiter(Log& log) {
  aio::Semaphore sem(1);
  co_await sem.acquire();
  auto w = aio::create_task(worker(log, "w", sem));
  co_await aio::sleep(0);
  sem.release();
  log("main released: value = " + aio::str(sem.value()) + ", locked = " + aio::str(sem.locked()));
  co_await sem.acquire();
  log("main re-acquired");
  sem.release();
  co_await w;
}

aio::Coroutine<void> cancels_a_waiter_after_the_handoff(Log& log) {
  aio::Semaphore sem(0);
  auto w1 = aio::create_task(worker(log, "w1", sem));
  auto w2 = aio::create_task(worker(log, "w2", sem));
  co_await aio::sleep(0);
  sem.release();
  w1.cancel();
  log("main released and cancelled w1: value = " + aio::str(sem.value()));
  std::vector<aio::Task<void>> both{w2, w1};
  co_await awaits_all(both);
  log("value = " + aio::str(sem.value()));
}

aio::Coroutine<void> cancels_a_waiter_before_the_handoff(Log& log) {
  aio::Semaphore sem(0);
  auto w1 = aio::create_task(worker(log, "w1", sem));
  co_await aio::sleep(0);
  w1.cancel();
  std::vector<aio::Task<void>> cancelled{w1};
  co_await awaits_all(cancelled);
  log("value = " + aio::str(sem.value()) + ", locked = " + aio::str(sem.locked()));
}

aio::Coroutine<void> wakes_the_next_waiter_when_slots_are_left(Log& log) {
  aio::Semaphore sem(0);
  auto w1 = aio::create_task(worker(log, "w1", sem));
  co_await aio::sleep(0);
  sem.release();
  sem.release();
  log("main released twice: value = " + aio::str(sem.value()) + ", locked = " + aio::str(sem.locked()));
  co_await sem.acquire();
  log("main acquired: value = " + aio::str(sem.value()));
  sem.release();
  co_await w1;
}

aio::Coroutine<void> releases_a_bounded_semaphore(Log& log) {
  aio::BoundedSemaphore bounded(2);
  aio::Semaphore as_semaphore = bounded;
  {
    auto held = co_await as_semaphore.hold();
    log("inside: value = " + aio::str(bounded.value()));
  }
  log("after: value = " + aio::str(bounded.value()));
  try {
    as_semaphore.release();
  } catch (const aio::ValueError& e) {
    log(aio::type_name(e) + ": " + e.what());
  }
}

aio::Coroutine<void> shows_its_waiters_as_semaphore_futures() {
  aio::Semaphore sem(0);
  Log log;
  auto w = aio::create_task(worker(log, "w", sem));
  co_await aio::sleep(0);
  CHECK(waiting_on(w) == "Semaphore.acquire");
  w.cancel();
  std::vector<aio::Task<void>> cancelled{w};
  co_await awaits_all(cancelled);
}

}  // namespace

TEST_CASE("Semaphore(2) admits two tasks at once and the others in FIFO order as slots free up") {
  Log log;
  run_virtual(admits_two(log));
  CHECK(log.lines == Lines{"w1 acquires, locked = False", "w1 inside", "w2 acquires, locked = False", "w2 inside",
                           "w3 acquires, locked = True", "w4 acquires, locked = True", "w1 leaves", "w2 leaves",
                           "w3 inside", "w4 inside", "w3 leaves", "w4 leaves", "value = 2"});
}

TEST_CASE("Semaphore.release hands the slot to the first waiter, so a newcomer cannot overtake it") {
  Log log;
  run_virtual(hands_the_slot_to_the_waiter(log));
  CHECK(log.lines == Lines{"w acquires, locked = True", "main released: value = 0, locked = True", "w inside",
                           "w leaves", "main re-acquired"});
}

TEST_CASE("a Semaphore waiter cancelled after it was handed a slot passes the slot to the next waiter") {
  Log log;
  run_virtual(cancels_a_waiter_after_the_handoff(log));
  CHECK(log.lines == Lines{"w1 acquires, locked = True", "w2 acquires, locked = True",
                           "main released and cancelled w1: value = 0", "w1 cancelled, value = 0", "w2 inside",
                           "w2 leaves", "value = 1"});
}

TEST_CASE("a Semaphore waiter cancelled before any release takes no slot") {
  Log log;
  run_virtual(cancels_a_waiter_before_the_handoff(log));
  CHECK(log.lines == Lines{"w1 acquires, locked = True", "w1 cancelled, value = 0", "value = 0, locked = True"});
}

TEST_CASE("a woken Semaphore waiter that finds slots left wakes the next waiter") {
  Log log;
  run_virtual(wakes_the_next_waiter_when_slots_are_left(log));
  CHECK(log.lines == Lines{"w1 acquires, locked = True", "main released twice: value = 1, locked = True", "w1 inside",
                           "main acquired: value = 0", "w1 leaves"});
}

TEST_CASE("Semaphore with a negative value raises ValueError; a plain Semaphore may be released above it") {
  CHECK_THROWS_WITH_AS(aio::Semaphore(-1), "Semaphore initial value must be >= 0", aio::ValueError);
  aio::Semaphore sem(1);
  sem.release();
  CHECK(sem.value() == 2);
}

TEST_CASE("BoundedSemaphore.release above the initial value raises ValueError, also through a Semaphore copy") {
  Log log;
  run_virtual(releases_a_bounded_semaphore(log));
  CHECK(log.lines ==
        Lines{"inside: value = 1", "after: value = 2", "ValueError: BoundedSemaphore released too many times"});
}

TEST_CASE("a task waiting in Semaphore.acquire waits on a future of kind semaphore") {
  run_virtual(shows_its_waiters_as_semaphore_futures());
}
