// asyncio.Lock: acquire, release, locked, `async with` (Lib/asyncio/locks.py). The expected
// orders are what the same programs print on CPython 3.11.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> contender(Log& log, std::string name, aio::Lock lock) {
  log(name + " acquires");
  try {
    auto held = co_await lock.hold();
    log(name + " holds");
    co_await aio::sleep(0);
    log(name + " releases");
  } catch (const aio::CancelledError&) {
    log(name + " cancelled");
    throw;
  }
}

aio::Coroutine<void> serves_waiters_fifo(Log& log) {
  aio::Lock lock;
  co_await lock.acquire();
  std::vector<aio::Task<void>> tasks;
  for (std::string name : {"w1", "w2", "w3"}) tasks.push_back(aio::create_task(contender(log, name, lock)));
  co_await aio::sleep(0);
  CHECK(lock.waiter_count() == 3);
  log("main releases");
  lock.release();
  for (auto& t : tasks) co_await t;
  CHECK_FALSE(lock.locked());
}

aio::Coroutine<void> refuses_a_newcomer(Log& log) {
  aio::Lock lock;
  co_await lock.acquire();
  auto first = aio::create_task(contender(log, "first", lock));
  co_await aio::sleep(0);
  lock.release();
  log("main released; locked = " + aio::str(lock.locked()));
  co_await lock.acquire();
  log("main re-acquired");
  lock.release();
  co_await first;
}

aio::Coroutine<void> takes_a_lock_whose_waiters_are_cancelled(Log& log) {
  aio::Lock lock;
  co_await lock.acquire();
  auto w = aio::create_task(contender(log, "w", lock));
  co_await aio::sleep(0);
  w.cancel();
  lock.release();
  const std::uint64_t iteration = aio::get_running_loop().iteration();
  const bool result = co_await lock.acquire();
  log("main took it at once: " + aio::str(result));
  CHECK(aio::get_running_loop().iteration() == iteration);
  lock.release();
  try {
    co_await w;
  } catch (const aio::CancelledError&) {
  }
}

aio::Coroutine<void> cancels_a_woken_waiter(Log& log) {
  aio::Lock lock;
  co_await lock.acquire();
  auto w1 = aio::create_task(contender(log, "w1", lock));
  auto w2 = aio::create_task(contender(log, "w2", lock));
  co_await aio::sleep(0);
  lock.release();
  w1.cancel();
  log("main released and cancelled w1");
  co_await w2;
  log("w1 cancelled = " + aio::str(w1.cancelled()));
}

aio::Coroutine<void> raises_inside_the_block(Log& log, aio::Lock lock) {
  auto held = co_await lock.hold();
  log("inside: locked = " + aio::str(lock.locked()));
  throw aio::ValueError("boom");
}

aio::Coroutine<void> releases_when_the_block_raises(Log& log) {
  aio::Lock lock;
  try {
    co_await raises_inside_the_block(log, lock);
  } catch (const aio::ValueError&) {
    log("after the block raised: locked = " + aio::str(lock.locked()));
  }
}

aio::Coroutine<void> holds_forever(aio::Lock lock) {
  auto held = co_await lock.hold();
  co_await aio::sleep(3600);
}

aio::Coroutine<void> releases_when_the_holder_is_cancelled(Log& log) {
  aio::Lock lock;
  auto holder = aio::create_task(holds_forever(lock));
  co_await aio::sleep(0);
  log("holder inside: locked = " + aio::str(lock.locked()));
  holder.cancel();
  try {
    co_await holder;
  } catch (const aio::CancelledError&) {
    log("holder cancelled: locked = " + aio::str(lock.locked()));
  }
}

aio::Coroutine<void> shows_its_waiters_as_lock_futures() {
  aio::Lock lock;
  co_await lock.acquire();
  auto w = aio::create_task(holds_forever(lock));
  co_await aio::sleep(0);
  CHECK(waiting_on(w) == "Lock.acquire");
  w.cancel();
  lock.release();
}

aio::Coroutine<void> releases_twice(Log& log) {
  aio::Lock lock;
  co_await lock.acquire();
  lock.release();
  try {
    lock.release();
  } catch (const aio::RuntimeError& e) {
    log(aio::type_name(e) + ": " + e.what());
  }
}

aio::Coroutine<void> releases_inside_the_block(Log& log) {
  aio::get_running_loop().set_exception_handler([&log](aio::EventLoop&, const aio::ExceptionContext& context) {
    log(context.message + " / " + aio::type_name(context.exception) + ": " + aio::message_of(context.exception));
  });
  aio::Lock lock;
  {
    auto held = co_await lock.hold();
    lock.release();
    log("released by hand inside the block");
  }
  log("after the block");
}

aio::Coroutine<void> waits_on(aio::Lock lock) { co_await lock.acquire(); }

aio::Coroutine<void> leaves_a_waiter_pending(aio::Lock lock) {
  co_await lock.acquire();
  aio::create_task(waits_on(lock));
  co_await aio::sleep(0);
}

}  // namespace

TEST_CASE("Lock waiters take the lock in FIFO order, each one iteration after the previous release") {
  Log log;
  run_virtual(serves_waiters_fifo(log));
  CHECK(log.lines == Lines{"w1 acquires", "w2 acquires", "w3 acquires", "main releases", "w1 holds", "w1 releases",
                           "w2 holds", "w2 releases", "w3 holds", "w3 releases"});
}

TEST_CASE("a released Lock reads unlocked, yet a newcomer's acquire() queues behind the woken waiter") {
  Log log;
  run_virtual(refuses_a_newcomer(log));
  CHECK(log.lines ==
        Lines{"first acquires", "main released; locked = False", "first holds", "first releases", "main re-acquired"});
}

TEST_CASE("a free Lock whose only waiters are cancelled is taken without suspending") {
  Log log;
  run_virtual(takes_a_lock_whose_waiters_are_cancelled(log));
  CHECK(log.lines == Lines{"w acquires", "main took it at once: True", "w cancelled"});
}

TEST_CASE("a Lock waiter cancelled after release() woke it passes the lock on to the next waiter") {
  Log log;
  run_virtual(cancels_a_woken_waiter(log));
  CHECK(log.lines == Lines{"w1 acquires", "w2 acquires", "main released and cancelled w1", "w1 cancelled", "w2 holds",
                           "w2 releases", "w1 cancelled = True"});
}

TEST_CASE("leaving a Lock's hold() scope by an exception releases the lock, as `async with` does") {
  Log log;
  run_virtual(releases_when_the_block_raises(log));
  CHECK(log.lines == Lines{"inside: locked = True", "after the block raised: locked = False"});
}

TEST_CASE("a task cancelled inside a Lock's hold() scope releases the lock") {
  Log log;
  run_virtual(releases_when_the_holder_is_cancelled(log));
  CHECK(log.lines == Lines{"holder inside: locked = True", "holder cancelled: locked = False"});
}

TEST_CASE("a task waiting in Lock.acquire waits on a future of kind lock") {
  run_virtual(shows_its_waiters_as_lock_futures());
}

TEST_CASE("Lock.release on an unlocked lock raises RuntimeError('Lock is not acquired.')") {
  Log log;
  run_virtual(releases_twice(log));
  CHECK(log.lines == Lines{"RuntimeError: Lock is not acquired."});
}

TEST_CASE("a release() that fails when a hold() scope ends is reported to the loop's exception handler") {
  Log log;
  run_virtual(releases_inside_the_block(log));
  CHECK(log.lines == Lines{"released by hand inside the block",
                           "Exception ignored when leaving `async with`: release() raised / RuntimeError: Lock is not "
                           "acquired.",
                           "after the block"});
}

TEST_CASE("a Lock waiter whose loop closes while it waits is removed from the waiters") {
  aio::Lock lock;
  {
    VirtualLoop loop;
    loop->run_until_complete(lock.acquire());
    auto waiter = loop->create_task(waits_on(lock));
    waiter.task_state().set_log_destroy_pending(false);  // pending on purpose: close() destroys its frame
    CHECK(loop->step() == aio::StepResult::ran);
    CHECK(lock.waiter_count() == 1);
    loop->close();
  }
  CHECK(lock.waiter_count() == 0);
  CHECK(lock.locked());
}

TEST_CASE("a task inside a Lock's hold() scope when its loop closes releases the lock") {
  // The release cannot wake the waiter on a closed loop: like CPython, which reports the
  // RuntimeError as "Exception ignored", the guard reports it (on stderr) and does not throw.
  aio::Lock lock;
  {
    VirtualLoop loop;
    auto holder = loop->create_task(holds_forever(lock));
    auto waiter = loop->create_task(waits_on(lock));
    holder.task_state().set_log_destroy_pending(false);
    waiter.task_state().set_log_destroy_pending(false);
    CHECK(loop->step() == aio::StepResult::ran);
    CHECK(loop->step() == aio::StepResult::ran);
    CHECK(lock.waiter_count() == 1);
    loop->close();
  }
  CHECK(lock.waiter_count() == 0);
  CHECK_FALSE(lock.locked());
}

TEST_CASE("a Lock that has waited on one loop raises RuntimeError when waited on from another") {
  aio::Lock lock;
  run_virtual(leaves_a_waiter_pending(lock));
  CHECK_THROWS_WITH_AS(run_virtual(waits_on(lock)), "Lock is bound to a different event loop", aio::RuntimeError);
}

namespace {
aio::Coroutine<void> block_that_raises(Log& log, aio::Lock lock) {
  log(std::string("inside, locked = ") + (lock.locked() ? "True" : "False"));
  co_await aio::sleep(0);
  throw aio::ValueError("block failed");
}

aio::Coroutine<void> uses_async_with(Log& log) {
  aio::Lock lock;
  try {
    co_await aio::async_with(lock, [&]() -> aio::Coroutine<void> { return block_that_raises(log, lock); });
  } catch (const aio::ValueError& e) {
    log(std::string("caught ") + e.what() + ", locked = " + (lock.locked() ? "True" : "False"));
  }
}
}  // namespace

TEST_CASE("async_with(lock, block) acquires before the block and releases after it, also when it raises") {
  Log log;
  run_virtual(uses_async_with(log));
  CHECK(log.lines == Lines{"inside, locked = True", "caught block failed, locked = False"});
}
