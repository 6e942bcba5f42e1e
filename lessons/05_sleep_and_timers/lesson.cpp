// Lesson 05: sleep(delay) and timers (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <cmath>
#include <string>
namespace aio = coroscope;

// Python's round(x, 1).
double round1(double x) { return std::round(x * 10) / 10; }

aio::Coroutine<void> nap(std::string name, double delay, double start) {   // async def nap(name, delay, start):
  aio::print(name + ": sleep(" + aio::str(delay) + ")");
  co_await aio::sleep(delay);                                              //     await asyncio.sleep(delay)
  double now = aio::get_running_loop().time();                             //     now = asyncio.get_running_loop().time()
  aio::print(name + ": woke at +" + aio::str(round1(now - start)) + "s");  //     print(f"{name}: woke at +{round(now - start, 1)}s")
}

void ring(aio::Future<std::string> fut) {                                  // def ring(fut):
  fut.set_result("ring");                                                  //     fut.set_result("ring")
  aio::print("timer: set_result('ring') returned; the waiter has not resumed yet");
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();                          //     loop = asyncio.get_running_loop()
  double start = loop.time();                                              //     start = loop.time()
  auto slow = aio::create_task(nap("slow", 0.3, start));                   //     slow = asyncio.create_task(nap("slow", 0.3, start))
  auto fast = aio::create_task(nap("fast", 0.1, start));                   //     fast = asyncio.create_task(nap("fast", 0.1, start))
  auto fut = loop.create_future<std::string>();                            //     fut = loop.create_future()
  loop.call_later(0.2, [fut] { ring(fut); });                              //     loop.call_later(0.2, ring, fut)
  aio::print("main: two naps and a timer scheduled; waiting on a future");
  aio::print("main: the future gave", co_await fut);                       //     print("main: the future gave", await fut)
  co_await slow;                                                           //     await slow
  aio::print("main: done at +" + aio::str(round1(loop.time() - start)) + "s; fast done:", fast.done());
}

COROSCOPE_LESSON(main_)
