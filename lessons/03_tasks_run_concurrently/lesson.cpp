// Lesson 03: tasks run concurrently (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
namespace aio = coroscope;

aio::Coroutine<void> worker(std::string name, int steps) {  // async def worker(name, steps):
  for (int i = 0; i < steps; ++i) {                         //     for i in range(steps):
    aio::print(name + ": step " + aio::str(i));
    co_await aio::sleep(0);                                 //         await asyncio.sleep(0)
  }
  aio::print(name + ": done");
}

aio::Coroutine<void> main_() {
  auto a = aio::create_task(worker("a", 3));                //     a = asyncio.create_task(worker("a", 3))
  auto b = aio::create_task(worker("b", 2));                //     b = asyncio.create_task(worker("b", 2))
  aio::print("main: created a and b; neither has started");
  co_await aio::sleep(0);                                   //     await asyncio.sleep(0)
  aio::print("main: a and b ran their first step; creating late");
  auto late = aio::create_task(worker("late", 1));          //     late = asyncio.create_task(worker("late", 1))
  co_await aio::sleep(0);                                   //     await asyncio.sleep(0)
  aio::print("main: resumed after late's first step");
  co_await a;                                               //     await a
  aio::print("main: a is done; b and late finished before it:", b.done(), late.done());
}

COROSCOPE_LESSON(main_)
