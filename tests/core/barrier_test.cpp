// asyncio.Barrier: wait, reset, abort, parties, n_waiting, broken (Lib/asyncio/locks.py, new
// in 3.11). The expected orders are what the same programs print on CPython 3.11.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> party(Log& log, std::string name, aio::Barrier barrier) {
  log(name + " arrives, n_waiting = " + aio::str(barrier.n_waiting()));
  int index = 0;
  try {
    index = co_await barrier.wait();
  } catch (const aio::BrokenBarrierError& e) {
    log(name + ": " + aio::type_name(e) + ": " + e.what());
    co_return;
  } catch (const aio::CancelledError&) {
    log(name + " cancelled");
    throw;
  }
  log(name + " passes with index " + aio::str(index));
}

aio::Coroutine<void> starts_parties(Log& log, aio::Barrier barrier, std::vector<std::string> names) {
  std::vector<aio::Task<void>> tasks;
  for (const std::string& name : names) tasks.push_back(aio::create_task(party(log, name, barrier)));
  for (auto& t : tasks) co_await t;
}

aio::Coroutine<void> releases_everyone(Log& log) {
  aio::Barrier barrier(3);
  std::vector<std::string> names{"a", "b", "c"};
  co_await starts_parties(log, barrier, names);
  log("n_waiting = " + aio::str(barrier.n_waiting()) + ", broken = " + aio::str(barrier.broken()));
}

aio::Coroutine<void> holds_newcomers_for_the_next_round(Log& log) {
  aio::Barrier barrier(2);
  std::vector<std::string> names{"a1", "a2", "b1", "b2"};
  co_await starts_parties(log, barrier, names);
}

aio::Coroutine<void> aborts(Log& log) {
  aio::Barrier barrier(3);
  auto a = aio::create_task(party(log, "a", barrier));
  auto b = aio::create_task(party(log, "b", barrier));
  co_await aio::sleep(0);
  co_await barrier.abort();
  log("aborted: broken = " + aio::str(barrier.broken()));
  co_await a;
  co_await b;
  co_await party(log, "late", barrier);
}

aio::Coroutine<void> resets(Log& log) {
  aio::Barrier barrier(3);
  auto a = aio::create_task(party(log, "a", barrier));
  auto b = aio::create_task(party(log, "b", barrier));
  co_await aio::sleep(0);
  co_await barrier.reset();
  log("reset: broken = " + aio::str(barrier.broken()));
  co_await a;
  co_await b;
  std::vector<std::string> names{"c", "d", "e"};
  co_await starts_parties(log, barrier, names);
}

aio::Coroutine<void> cancels_a_party(Log& log) {
  aio::Barrier barrier(2);
  auto a = aio::create_task(party(log, "a", barrier));
  co_await aio::sleep(0);
  log("n_waiting = " + aio::str(barrier.n_waiting()));
  CHECK(waiting_on(a) == "Condition.wait");  // Barrier waits through its Condition
  a.cancel();
  try {
    co_await a;
  } catch (const aio::CancelledError&) {
  }
  log("after cancel: n_waiting = " + aio::str(barrier.n_waiting()));
  std::vector<std::string> names{"b", "c"};
  co_await starts_parties(log, barrier, names);
}

}  // namespace

TEST_CASE("Barrier.wait releases every party when the last arrives; the last passes first, then the others in order") {
  Log log;
  run_virtual(releases_everyone(log));
  CHECK(log.lines == Lines{"a arrives, n_waiting = 0", "b arrives, n_waiting = 1", "c arrives, n_waiting = 2",
                           "c passes with index 2", "a passes with index 0", "b passes with index 1",
                           "n_waiting = 0, broken = False"});
}

TEST_CASE("tasks reaching a Barrier while it drains wait for the next round") {
  Log log;
  run_virtual(holds_newcomers_for_the_next_round(log));
  CHECK(log.lines == Lines{"a1 arrives, n_waiting = 0", "a2 arrives, n_waiting = 1", "a2 passes with index 1",
                           "b1 arrives, n_waiting = 0", "b2 arrives, n_waiting = 0", "a1 passes with index 0",
                           "b2 passes with index 1", "b1 passes with index 0"});
}

TEST_CASE("Barrier.abort raises BrokenBarrierError in the waiting parties and in every later wait()") {
  Log log;
  run_virtual(aborts(log));
  CHECK(log.lines == Lines{"a arrives, n_waiting = 0", "b arrives, n_waiting = 1", "aborted: broken = True",
                           "a: BrokenBarrierError: Abort or reset of barrier",
                           "b: BrokenBarrierError: Abort or reset of barrier", "late arrives, n_waiting = 0",
                           "late: BrokenBarrierError: Barrier aborted"});
}

TEST_CASE("Barrier.reset breaks the current round and leaves the barrier ready for the next") {
  Log log;
  run_virtual(resets(log));
  CHECK(log.lines == Lines{"a arrives, n_waiting = 0", "b arrives, n_waiting = 1", "reset: broken = False",
                           "a: BrokenBarrierError: Abort or reset of barrier",
                           "b: BrokenBarrierError: Abort or reset of barrier", "c arrives, n_waiting = 0",
                           "d arrives, n_waiting = 1", "e arrives, n_waiting = 2", "e passes with index 2",
                           "c passes with index 0", "d passes with index 1"});
}

TEST_CASE("a party cancelled in Barrier.wait leaves the barrier, which still trips with the others") {
  Log log;
  run_virtual(cancels_a_party(log));
  CHECK(log.lines == Lines{"a arrives, n_waiting = 0", "n_waiting = 1", "a cancelled", "after cancel: n_waiting = 0",
                           "b arrives, n_waiting = 0", "c arrives, n_waiting = 1", "c passes with index 1",
                           "b passes with index 0"});
}

TEST_CASE("Barrier(0) raises ValueError('parties must be > 0')") {
  CHECK_THROWS_WITH_AS(aio::Barrier(0), "parties must be > 0", aio::ValueError);
  CHECK(aio::Barrier(3).parties() == 3);
}
