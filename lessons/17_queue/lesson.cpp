// Lesson 17: Queue (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> producer(aio::Queue<int> queue, int count) {  // async def producer(queue, count):
  for (int item = 0; item < count; ++item) {                       //     for item in range(count):
    aio::print("producer: put(" + aio::str(item) + "), qsize() = " + aio::str(queue.qsize()) +
               ", full() = " + aio::str(queue.full()));
    co_await queue.put(item);                                      //         await queue.put(item)
  }
  aio::print("producer: all items put");
}

aio::Coroutine<void> consumer(std::string name, aio::Queue<int> queue) {  // async def consumer(name, queue):
  for (;;) {                                                       //     while True:
    int item = co_await queue.get();                               //         item = await queue.get()
    aio::print(name + ": got " + aio::str(item));
    co_await aio::sleep(0);                                        //         await asyncio.sleep(0)
    queue.task_done();                                             //         queue.task_done()
  }
}

aio::Coroutine<void> main_() {
  aio::Queue<int> queue(2);                                        //     queue = asyncio.Queue(maxsize=2)
  auto c1 = aio::create_task(consumer("c1", queue));               //     c1 = asyncio.create_task(consumer("c1", queue))
  auto c2 = aio::create_task(consumer("c2", queue));               //     c2 = asyncio.create_task(consumer("c2", queue))
  co_await producer(queue, 5);                                     //     await producer(queue, 5)
  aio::print("main: join() waits until every item is done");
  co_await queue.join();                                           //     await queue.join()
  aio::print("main: join() returned; qsize() =", queue.qsize());
  c1.cancel();                                                     //     c1.cancel()
  c2.cancel();                                                     //     c2.cancel()
  for (auto& consumer_task : {c1, c2}) {                           //     for consumer_task in (c1, c2):
    try {
      co_await consumer_task;                                      //             await consumer_task
    } catch (const aio::CancelledError&) {                         //         except asyncio.CancelledError:
      aio::print("main: a consumer was cancelled");
    }
  }
}

COROSCOPE_LESSON(main_)
