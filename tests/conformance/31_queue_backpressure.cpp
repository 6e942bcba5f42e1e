// Twin of shared/oracle/31_queue_backpressure.py.
// Queue(maxsize=2): put() suspends while the queue is full and is woken by the next
// get(); get() suspends while it is empty and is woken by the next put().
// join() waits until task_done() has been called once for every item put.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> producer(aio::Queue<int> q) {
  for (int i = 1; i < 6; ++i) {
    aio::print("producer: put(" + aio::str(i) + ") qsize=" + aio::str(q.qsize()) + " full=" + aio::str(q.full()));
    co_await q.put(i);
    aio::print("producer: put(" + aio::str(i) + ") done");
  }
  aio::print("producer: finished");
}

aio::Coroutine<void> consumer(aio::Queue<int> q) {
  for (;;) {
    int item = co_await q.get();
    aio::print("consumer: got " + aio::str(item));
    co_await aio::sleep(0);
    q.task_done();
    aio::print("consumer: task_done(" + aio::str(item) + ")");
  }
}

aio::Coroutine<void> main_() {
  aio::Queue<int> q(2);
  auto cons = aio::create_task(consumer(q));
  auto prod = aio::create_task(producer(q));
  co_await prod;
  aio::print("main: producer done; join()");
  co_await q.join();
  aio::print("main: join() returned; qsize =", q.qsize());
  cons.cancel();
  try {
    co_await cons;
  } catch (const aio::CancelledError&) {
    aio::print("main: consumer cancelled");
  }
  try {
    q.get_nowait();
  } catch (const aio::QueueEmpty&) {
    aio::print("main: get_nowait on empty queue -> QueueEmpty");
  }
}

int main() { aio::run(main_()); }
