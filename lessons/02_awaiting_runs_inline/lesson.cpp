// Lesson 02: awaiting a coroutine runs it inline (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <cmath>
#include <string>
namespace aio = coroscope;

// A real timer fires a little late, never early: round down to a tenth of a second.
double tenths(double seconds) { return std::floor(seconds * 10 + 0.01) / 10; }

aio::Coroutine<std::string> brew(std::string drink, double seconds) {  // async def brew(drink, seconds):
  aio::print(drink + ": brewing in " + aio::current_task().get_name());
  co_await aio::sleep(seconds);                                        //     await asyncio.sleep(seconds)
  aio::print(drink + ": ready after " + aio::str(seconds) + "s");
  co_return "a cup of " + drink;                                       //     return f"a cup of {drink}"
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();                      //     loop = asyncio.get_running_loop()
  double start = loop.time();                                          //     start = loop.time()
  aio::print("main: running in", aio::current_task().get_name());
  std::string coffee = co_await brew("coffee", 0.3);                   //     coffee = await brew("coffee", 0.3)
  aio::print("main: got " + coffee + " at +" + aio::str(tenths(loop.time() - start)) + "s");
  std::string tea = co_await brew("tea", 0.2);                         //     tea = await brew("tea", 0.2)
  aio::print("main: got " + tea + " at +" + aio::str(tenths(loop.time() - start)) + "s: the two waits add up");
}

COROSCOPE_LESSON(main_)
