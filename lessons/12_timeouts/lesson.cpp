// Lesson 12: timeouts (the C++ twin of lesson.py).
// `async with asyncio.timeout(d):` is `co_await aio::async_with(aio::timeout(d), block)`, the
// block a lambda coroutine: the timer it arms cancels the task running the block.
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> download(std::string name, double seconds) {  // async def download(name, seconds):
  aio::print(name + ": downloading for " + aio::str(seconds) + "s");
  try {
    co_await aio::sleep(seconds);                                         //         await asyncio.sleep(seconds)
  } catch (const aio::CancelledError&) {                                  //     except asyncio.CancelledError:
    aio::print(name + ": cancelled, cleaning up");
    throw;                                                                //         raise
  }
  aio::print(name + ": finished");
  co_return name + " data";                                               //     return f"{name} data"
}

aio::Coroutine<void> main_() {
  aio::print("main: got", co_await aio::wait_for(download("small", 0.1), 0.5));
  try {
    co_await aio::wait_for(download("big", 1.5), 0.5);                      //         await asyncio.wait_for(download("big", 1.5), timeout=0.5)
  } catch (const aio::TimeoutError&) {                                    //     except TimeoutError:
    aio::print("main: wait_for raised TimeoutError, after big's cleanup");
  }
  try {
    co_await aio::async_with(aio::timeout(0.3), []() -> aio::Coroutine<void> {  // async with asyncio.timeout(0.3):
      co_await download("first", 0.2);                                    //             await download("first", 0.2)
      co_await download("second", 0.2);                                   //             await download("second", 0.2)
    });
  } catch (const aio::TimeoutError&) {                                    //     except TimeoutError:
    aio::print("main: the timeout block raised TimeoutError: one budget for both downloads");
  }
}

COROSCOPE_LESSON(main_)
