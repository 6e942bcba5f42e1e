// Lesson 18: the blocking-call pitfall (the C++ twin of lesson.py).
// time.sleep is std::this_thread::sleep_for and time.monotonic() the steady clock: both are
// real time, whichever clock the loop runs on, so the lesson blocks for real.
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <chrono>
#include <string>
#include <thread>
#include <vector>
namespace aio = coroscope;

// Python's time.monotonic(), in seconds.
double monotonic() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

aio::Coroutine<void> ticker(std::vector<double>& ticks, int count) {  // async def ticker(ticks, count):
  for (int i = 0; i < count; ++i) {                                   //     for i in range(count):
    ticks.push_back(monotonic());                                     //         ticks.append(time.monotonic())
    aio::print("ticker: tick " + aio::str(i));
    co_await aio::sleep(0.1);                                         //         await asyncio.sleep(0.1)
  }
}

aio::Coroutine<void> main_() {
  std::vector<double> ticks;                                          //     ticks = []
  auto task = aio::create_task(ticker(ticks, 3));                     //     task = asyncio.create_task(ticker(ticks, 3))
  co_await aio::sleep(0);                                             //     await asyncio.sleep(0)
  aio::print("main: time.sleep(0.5), a blocking call");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));        //     time.sleep(0.5)
  aio::print("main: woke; ticks while main blocked the loop:", ticks.size() - 1);
  co_await task;                                                      //     await task
  aio::print("main: tick 1 came at least 0.5s after tick 0:", ticks[1] - ticks[0] >= 0.5);
  ticks.clear();                                                      //     ticks.clear()
  task = aio::create_task(ticker(ticks, 3));                          //     task = asyncio.create_task(ticker(ticks, 3))
  aio::print("main: await asyncio.sleep(0.35), which lets the loop run");
  co_await aio::sleep(0.35);                                          //     await asyncio.sleep(0.35)
  aio::print("main: woke; ticks while main awaited:", ticks.size());
  co_await task;                                                      //     await task
}

COROSCOPE_LESSON(main_)
