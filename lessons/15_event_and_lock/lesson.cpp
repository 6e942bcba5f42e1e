// Lesson 15: Event and Lock (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> runner(std::string name, aio::Event start) {  // async def runner(name, start):
  aio::print(name + ": waiting for the start signal");
  co_await start.wait();                                           //     await start.wait()
  aio::print(name + ": off");
}

aio::Coroutine<void> customer(std::string name, aio::Lock lock) {  // async def customer(name, lock):
  aio::print(name + ": queues for the lock");
  auto held = co_await lock.hold();                                //     async with lock:
  aio::print(name + ": holds the lock");
  co_await aio::sleep(0.1);                                        //         await asyncio.sleep(0.1)
  aio::print(name + ": releases the lock");
}

aio::Coroutine<void> main_() {
  aio::Event start;                                                //     start = asyncio.Event()
  auto r1 = aio::create_task(runner("r1", start));                 //     r1 = asyncio.create_task(runner("r1", start))
  auto r2 = aio::create_task(runner("r2", start));                 //     r2 = asyncio.create_task(runner("r2", start))
  co_await aio::sleep(0);                                          //     await asyncio.sleep(0)
  start.set();                                                     //     start.set()
  aio::print("main: set() returned; the runners resume in the next iteration");
  co_await r1;                                                     //     await r1
  co_await r2;                                                     //     await r2
  aio::Lock lock;                                                  //     lock = asyncio.Lock()
  co_await lock.acquire();                                         //     await lock.acquire()
  aio::print("main: holds the lock");
  auto a = aio::create_task(customer("A", lock));                  //     a = asyncio.create_task(customer("A", lock))
  auto b = aio::create_task(customer("B", lock));                  //     b = asyncio.create_task(customer("B", lock))
  co_await aio::sleep(0);                                          //     await asyncio.sleep(0)
  lock.release();                                                  //     lock.release()
  aio::print("main: released it; locked() =", lock.locked(), "but A has been promised it");
  co_await lock.acquire();                                         //     await lock.acquire()
  aio::print("main: got the lock again only after A and B");
  lock.release();                                                  //     lock.release()
  co_await a;                                                      //     await a
  co_await b;                                                      //     await b
}

COROSCOPE_LESSON(main_)
