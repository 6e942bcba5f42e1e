// Lesson 11: cancellation (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> worker(std::string name) {                           // async def worker(name):
  aio::print(name + ": sleep(10)");
  aio::Finally cleanup([name] { aio::print(name + ": finally runs"); });  //     try: ... finally: print(f"{name}: finally runs")
  try {
    co_await aio::sleep(10);                                              //         await asyncio.sleep(10)
  } catch (const aio::CancelledError&) {                                  //     except asyncio.CancelledError:
    aio::print(name + ": CancelledError raised at the await; re-raising");
    throw;                                                                //         raise
  }
}

aio::Coroutine<void> main_() {
  auto task = aio::create_task(worker("task"));                           //     task = asyncio.create_task(worker("task"))
  co_await aio::sleep(0.1);                                               //     await asyncio.sleep(0.1)
  bool requested = task.cancel();                                         //     cancel() before done(), as the f-string runs them
  aio::print("main: cancel() -> " + aio::str(requested) + ", only a request: done() = " + aio::str(task.done()));
  try {
    co_await task;                                                        //         await task
  } catch (const aio::CancelledError&) {                                  //     except asyncio.CancelledError:
    aio::print("main: await task raised CancelledError; cancelled() =", task.cancelled());
  }
  try {
    co_await aio::wait_for(worker("slow"), 0.2);                          //         await asyncio.wait_for(worker("slow"), timeout=0.2)
  } catch (const aio::TimeoutError&) {                                    //     except TimeoutError:
    aio::print("main: wait_for raised TimeoutError, after slow's cleanup");
  }
}

COROSCOPE_LESSON(main_)
