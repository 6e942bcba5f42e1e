// asyncio.Queue, PriorityQueue, LifoQueue: put, get, the _nowait forms, task_done, join
// (Lib/asyncio/queues.py). The expected orders are what the same programs print on CPython 3.11.
#include <doctest/doctest.h>

#include <utility>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> getter(Log& log, std::string name, aio::Queue<std::string> q) {
  log(name + " gets");
  std::string item;
  try {
    item = co_await q.get();
  } catch (const aio::CancelledError&) {
    log(name + " cancelled");
    throw;
  }
  log(name + " got " + item);
}

aio::Coroutine<void> putter(Log& log, std::string name, aio::Queue<std::string> q, std::string item) {
  log(name + " puts " + item);
  try {
    co_await q.put(item);
  } catch (const aio::CancelledError&) {
    log(name + " cancelled");
    throw;
  }
  log(name + " put " + item);
}

aio::Coroutine<void> awaits_cancelled(aio::Task<void> task) {
  try {
    co_await task;
  } catch (const aio::CancelledError&) {
  }
}

aio::Coroutine<void> get_waits_for_an_item(Log& log) {
  aio::Queue<std::string> q;
  auto g = aio::create_task(getter(log, "g", q));
  co_await aio::sleep(0);
  q.put_nowait("x");
  log("main put x");
  co_await aio::sleep(0);
  log("main after one sleep(0)");
  co_await g;
}

aio::Coroutine<void> put_waits_for_a_slot(Log& log) {
  aio::Queue<std::string> q(1);
  q.put_nowait("a");
  auto p = aio::create_task(putter(log, "p", q, "b"));
  co_await aio::sleep(0);
  log("main got " + q.get_nowait());
  co_await aio::sleep(0);
  log("main after one sleep(0): qsize = " + aio::str(q.qsize()));
  co_await p;
}

aio::Coroutine<void> serves_getters_fifo(Log& log) {
  aio::Queue<std::string> q;
  std::vector<aio::Task<void>> tasks;
  for (std::string name : {"g1", "g2", "g3"}) tasks.push_back(aio::create_task(getter(log, name, q)));
  co_await aio::sleep(0);
  for (std::string item : {"1", "2", "3"}) q.put_nowait(item);
  for (auto& t : tasks) co_await t;
}

aio::Coroutine<void> cancels_a_woken_getter(Log& log) {
  aio::Queue<std::string> q;
  auto g1 = aio::create_task(getter(log, "g1", q));
  auto g2 = aio::create_task(getter(log, "g2", q));
  co_await aio::sleep(0);
  q.put_nowait("x");
  g1.cancel();
  log("main put x and cancelled g1");
  co_await g2;
  log("qsize = " + aio::str(q.qsize()));
  co_await awaits_cancelled(g1);
}

aio::Coroutine<void> cancels_a_woken_putter(Log& log) {
  aio::Queue<std::string> q(1);
  q.put_nowait("a");
  auto p1 = aio::create_task(putter(log, "p1", q, "b"));
  auto p2 = aio::create_task(putter(log, "p2", q, "c"));
  co_await aio::sleep(0);
  log("main got " + q.get_nowait());
  p1.cancel();
  co_await p2;
  const std::string item = q.get_nowait();  // before qsize(): C++ leaves the order of `+`'s operands open
  log("main got " + item + ", qsize = " + aio::str(q.qsize()));
  co_await awaits_cancelled(p1);
}

aio::Coroutine<void> joins_and_waits_for_task_done(Log& log, aio::Queue<std::string> q) {
  co_await q.join();
  log("join() returned");
}

aio::Coroutine<void> waits_for_every_task_done(Log& log) {
  aio::Queue<std::string> q;
  co_await q.join();
  log("join() on a fresh queue returned at once");
  q.put_nowait("1");
  q.put_nowait("2");
  auto t = aio::create_task(joins_and_waits_for_task_done(log, q));
  q.get_nowait();
  q.get_nowait();
  q.task_done();
  co_await aio::sleep(0);
  log("one task_done: join done = " + aio::str(t.done()));
  CHECK(waiting_on(t) == "Queue.join");
  q.task_done();
  log("second task_done");
  co_await t;
}

aio::Coroutine<void> shows_its_waiters_as_queue_futures() {
  Log log;
  aio::Queue<std::string> empty;
  auto g = aio::create_task(getter(log, "g", empty));
  aio::Queue<std::string> full(1);
  full.put_nowait("a");
  auto p = aio::create_task(putter(log, "p", full, "b"));
  co_await aio::sleep(0);
  CHECK(waiting_on(g) == "Queue.get");
  CHECK(waiting_on(p) == "Queue.put");
  empty.put_nowait("x");
  full.get_nowait();
  co_await g;
  co_await p;
}

}  // namespace

TEST_CASE("Queue.get suspends on an empty queue and resumes one iteration after put_nowait") {
  Log log;
  run_virtual(get_waits_for_an_item(log));
  CHECK(log.lines == Lines{"g gets", "main put x", "g got x", "main after one sleep(0)"});
}

TEST_CASE("Queue.put suspends on a full queue and resumes one iteration after get_nowait") {
  Log log;
  run_virtual(put_waits_for_a_slot(log));
  CHECK(log.lines == Lines{"p puts b", "main got a", "p put b", "main after one sleep(0): qsize = 1"});
}

TEST_CASE("Queue getters are served in the order they began waiting") {
  Log log;
  run_virtual(serves_getters_fifo(log));
  CHECK(log.lines == Lines{"g1 gets", "g2 gets", "g3 gets", "g1 got 1", "g2 got 2", "g3 got 3"});
}

TEST_CASE("a Queue getter cancelled after put_nowait woke it passes the item on to the next getter") {
  Log log;
  run_virtual(cancels_a_woken_getter(log));
  CHECK(log.lines ==
        Lines{"g1 gets", "g2 gets", "main put x and cancelled g1", "g1 cancelled", "g2 got x", "qsize = 0"});
}

TEST_CASE("a Queue putter cancelled after get_nowait woke it passes the free slot on to the next putter") {
  Log log;
  run_virtual(cancels_a_woken_putter(log));
  CHECK(log.lines ==
        Lines{"p1 puts b", "p2 puts c", "main got a", "p1 cancelled", "p2 put c", "main got c, qsize = 0"});
}

TEST_CASE("put_nowait on a full Queue raises QueueFull, get_nowait on an empty one QueueEmpty") {
  aio::Queue<int> q(1);
  q.put_nowait(1);
  CHECK(q.full());
  CHECK_THROWS_WITH_AS(q.put_nowait(2), "", aio::QueueFull);
  CHECK(q.get_nowait() == 1);
  CHECK_THROWS_WITH_AS(q.get_nowait(), "", aio::QueueEmpty);
  CHECK(aio::type_name(aio::QueueFull()) == "QueueFull");
  CHECK(aio::type_name(aio::QueueEmpty()) == "QueueEmpty");
}

TEST_CASE("Queue.task_done called more often than items were put raises ValueError") {
  aio::Queue<int> q;
  q.put_nowait(1);
  q.get_nowait();
  q.task_done();
  CHECK_THROWS_WITH_AS(q.task_done(), "task_done() called too many times", aio::ValueError);
}

TEST_CASE("Queue.join returns at once with nothing unfinished, else when the last task_done is called") {
  Log log;
  run_virtual(waits_for_every_task_done(log));
  CHECK(log.lines == Lines{"join() on a fresh queue returned at once", "one task_done: join done = False",
                           "second task_done", "join() returned"});
}

TEST_CASE("tasks waiting in Queue.get and Queue.put wait on futures of kinds queue_get and queue_put") {
  run_virtual(shows_its_waiters_as_queue_futures());
}

TEST_CASE("a Queue with maxsize 0 or less is never full") {
  aio::Queue<int> q;
  for (int i = 0; i < 100; ++i) q.put_nowait(i);
  CHECK(q.qsize() == 100);
  CHECK_FALSE(q.full());
  CHECK(q.maxsize() == 0);
  aio::Queue<int> negative(-1);
  negative.put_nowait(1);
  CHECK_FALSE(negative.full());
}

TEST_CASE("PriorityQueue gives the smallest item first, by operator<, also when passed on as a Queue") {
  aio::PriorityQueue<std::pair<int, std::string>> pq;
  aio::Queue<std::pair<int, std::string>> q = pq;
  for (auto item : {std::pair{3, std::string("c")}, {1, "a"}, {2, "b"}, {1, "A"}}) q.put_nowait(item);
  std::vector<std::pair<int, std::string>> items;
  while (!q.empty()) items.push_back(q.get_nowait());
  CHECK(aio::str(items) == "[(1, 'A'), (1, 'a'), (2, 'b'), (3, 'c')]");
}

TEST_CASE("LifoQueue gives the item put last first") {
  aio::LifoQueue<int> q;
  for (int i : {1, 2, 3}) q.put_nowait(i);
  std::vector<int> items;
  while (!q.empty()) items.push_back(q.get_nowait());
  CHECK(aio::str(items) == "[3, 2, 1]");
}
