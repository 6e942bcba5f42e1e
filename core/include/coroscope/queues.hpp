#pragma once
// Queue, PriorityQueue, LifoQueue: asyncio.Queue and friends (Lib/asyncio/queues.py) — items
// passed from producer tasks to consumer tasks, with back-pressure.
//
//     q = asyncio.Queue(maxsize=2)              aio::Queue<int> q(2);
//     await q.put(item)                         co_await q.put(item);
//     item = await q.get()                      int item = co_await q.get();
//     q.put_nowait(item) / q.get_nowait()       q.put_nowait(item) / q.get_nowait()
//     q.task_done(); await q.join()             q.task_done(); co_await q.join();
//     except asyncio.QueueFull / QueueEmpty:    catch (const aio::QueueFull&) / (const aio::QueueEmpty&)
//     asyncio.PriorityQueue() / LifoQueue()     aio::PriorityQueue<T> / aio::LifoQueue<T>
//
// The rules, straight from queues.py:
// - put() suspends while the queue is full (maxsize > 0 items); get() suspends while it is
//   empty. Each get_nowait() wakes the first waiting put(), each put_nowait() the first
//   waiting get(); the woken task resumes one iteration later and checks again.
// - A waiter that was woken but is cancelled before it resumes passes the wake-up on to the
//   next one in line, so no item and no free slot is ever left with nobody to take it.
// - join() suspends until task_done() has been called once for every item put; one call too
//   many raises ValueError('task_done() called too many times').
// - PriorityQueue<T> gives the smallest item first, comparing with operator< as heapq does
//   (equal items come out in no promised order, as with heapq); LifoQueue<T> the newest.
//
// A lesson (a producer and a consumer with back-pressure):
//
//     aio::Coroutine<void> producer(aio::Queue<int> q) {
//       for (int i = 1; i <= 3; ++i) {                   // for i in range(1, 4):
//         co_await q.put(i);                             //     await q.put(i)
//         aio::print("put", i);                          //     print("put", i)
//       }
//     }
//
//     aio::Coroutine<void> consumer(aio::Queue<int> q) {
//       for (;;) {                                       // while True:
//         int item = co_await q.get();                   //     item = await q.get()
//         aio::print("got", item);                       //     print("got", item)
//         q.task_done();                                 //     q.task_done()
//       }
//     }
//
//     aio::Coroutine<void> main_() {
//       aio::Queue<int> q(1);                            // q = asyncio.Queue(maxsize=1)
//       auto c = aio::create_task(consumer(q));
//       co_await producer(q);                            // prints: put 1, got 1, put 2, got 2,
//       co_await q.join();                               //         put 3, got 3
//       c.cancel();
//     }
//
// A Queue is a reference to shared state: copies are the same queue. A PriorityQueue or
// LifoQueue passed on as a Queue<T> keeps its order (_put and _get are virtual in Python).
#include <algorithm>
#include <cstddef>
#include <deque>
#include <utility>

#include "coroscope/coroutine.hpp"
#include "coroscope/detail/waiters.hpp"
#include "coroscope/event.hpp"
#include "coroscope/mixins.hpp"

namespace coroscope {

// asyncio.QueueEmpty: get_nowait() on an empty queue.
class QueueEmpty : public Exception {
  using Exception::Exception;
};
// asyncio.QueueFull: put_nowait() on a full queue.
class QueueFull : public Exception {
  using Exception::Exception;
};

namespace detail {

// What asyncio.Queue does whatever its items' type: the waiters, the bookkeeping of
// task_done/join, and the loops of put() and get() that wait for a slot or an item.
class QueueBase : public RefCounted, public LoopBoundMixin {
 public:
  QueueBase(int maxsize, const char* type_name);

  // len(self._queue).
  virtual std::size_t qsize() const noexcept = 0;
  bool empty() const noexcept { return qsize() == 0; }
  bool full() const noexcept;

  // The `while self.full():` loop of Queue.put and the `while self.empty():` loop of
  // Queue.get, which are the same but for their condition and their waiters.
  Coroutine<void> wait_while(bool (QueueBase::*blocked)() const noexcept, Waiters<void>& waiters, FutureKind kind);
  // The bookkeeping of Queue.put_nowait once the item is in.
  void item_put();
  void task_done();
  // Queue._wakeup_next: wake the first waiter that is not cancelled, dropping the others.
  static void wakeup_next(Waiters<void>& waiters);

  int maxsize;               // Queue._maxsize: 0 or less means no limit
  Waiters<void> getters;     // Queue._getters: one future per get() waiting for an item
  Waiters<void> putters;     // Queue._putters: one future per put() waiting for a slot
  int unfinished_tasks = 0;  // Queue._unfinished_tasks: items put and not yet task_done()
  Event finished;            // Queue._finished: set while unfinished_tasks == 0
};

// asyncio.Queue's storage: a FIFO.
template <class T>
class QueueState : public QueueBase {
 public:
  explicit QueueState(int maxsize, const char* type_name = "Queue") : QueueBase(maxsize, type_name) {}

  std::size_t qsize() const noexcept final { return queue.size(); }

  void put_nowait(T item) {
    if (full()) throw QueueFull();
    put(std::move(item));
    item_put();
  }
  T get_nowait() {
    if (empty()) throw QueueEmpty();
    T item = get();
    wakeup_next(putters);
    return item;
  }

 protected:
  // Queue._put and Queue._get, the two methods a subclass overrides (with Queue._init, whose
  // part here is the storage: a deque for Queue, used as a heap or a stack by the others).
  virtual void put(T item) { queue.push_back(std::move(item)); }
  virtual T get() {
    T item = std::move(queue.front());
    queue.pop_front();
    return item;
  }

  std::deque<T> queue;  // Queue._queue
};

// heapq's order, smallest first, with operator< alone (heapq compares with < only):
// std::push_heap and std::pop_heap keep the largest by their comparison on top, so they are
// given the reverse of <.
struct HeapqOrder {
  template <class T>
  bool operator()(const T& a, const T& b) const {
    return b < a;
  }
};

template <class T>
class PriorityQueueState final : public QueueState<T> {
 public:
  explicit PriorityQueueState(int maxsize) : QueueState<T>(maxsize, "PriorityQueue") {}

 private:
  void put(T item) override {
    this->queue.push_back(std::move(item));
    std::push_heap(this->queue.begin(), this->queue.end(), HeapqOrder{});
  }
  T get() override {
    std::pop_heap(this->queue.begin(), this->queue.end(), HeapqOrder{});
    T item = std::move(this->queue.back());
    this->queue.pop_back();
    return item;
  }
};

template <class T>
class LifoQueueState final : public QueueState<T> {
 public:
  explicit LifoQueueState(int maxsize) : QueueState<T>(maxsize, "LifoQueue") {}

 private:
  T get() override {
    T item = std::move(this->queue.back());
    this->queue.pop_back();
    return item;
  }
};

}  // namespace detail

template <class T>
class Queue {
 public:
  // asyncio.Queue(maxsize=0): at most `maxsize` items, or no limit when it is 0 or less.
  explicit Queue(int maxsize = 0) : Queue(new detail::QueueState<T>(maxsize)) {}

  // Queue.qsize(), Queue.maxsize, Queue.empty(), Queue.full().
  std::size_t qsize() const noexcept { return state_->qsize(); }
  int maxsize() const noexcept { return state_->maxsize; }
  bool empty() const noexcept { return state_->empty(); }
  bool full() const noexcept { return state_->full(); }

  // Queue.put(item): suspends while the queue is full, then puts the item.
  Coroutine<void> put(T item) const { return put(state_, std::move(item)); }
  // Queue.put_nowait(item): QueueFull if the queue is full.
  void put_nowait(T item) const { state_->put_nowait(std::move(item)); }
  // Queue.get(): suspends while the queue is empty, then removes and returns an item.
  Coroutine<T> get() const { return get(state_); }
  // Queue.get_nowait(): QueueEmpty if the queue is empty.
  T get_nowait() const { return state_->get_nowait(); }

  // Queue.task_done(): one item got earlier is fully processed.
  void task_done() const { state_->task_done(); }
  // Queue.join(): suspends until every item put has been marked task_done().
  Coroutine<void> join() const { return join(state_); }

 protected:
  explicit Queue(detail::QueueState<T>* state) : state_(state) {}

 private:
  // Each coroutine holds its own reference to the queue, as a Python frame holds `self`.
  static Coroutine<void> put(detail::Ref<detail::QueueState<T>> q, T item) {
    co_await q->wait_while(&detail::QueueBase::full, q->putters, FutureKind::queue_put);
    q->put_nowait(std::move(item));
  }
  static Coroutine<T> get(detail::Ref<detail::QueueState<T>> q) {
    co_await q->wait_while(&detail::QueueBase::empty, q->getters, FutureKind::queue_get);
    co_return q->get_nowait();
  }
  static Coroutine<void> join(detail::Ref<detail::QueueState<T>> q) {
    if (q->unfinished_tasks > 0) co_await q->finished.wait();
  }

  detail::Ref<detail::QueueState<T>> state_;
};

// asyncio.PriorityQueue(maxsize=0): get() returns the smallest item (operator<), as heapq.
template <class T>
class PriorityQueue : public Queue<T> {
 public:
  explicit PriorityQueue(int maxsize = 0) : Queue<T>(new detail::PriorityQueueState<T>(maxsize)) {}
};

// asyncio.LifoQueue(maxsize=0): get() returns the item put last.
template <class T>
class LifoQueue : public Queue<T> {
 public:
  explicit LifoQueue(int maxsize = 0) : Queue<T>(new detail::LifoQueueState<T>(maxsize)) {}
};

}  // namespace coroscope
