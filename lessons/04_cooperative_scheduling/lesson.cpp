// Lesson 04: cooperative scheduling (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> polite(std::string name, int turns) {  // async def polite(name, turns):
  for (int turn = 0; turn < turns; ++turn) {                //     for turn in range(turns):
    aio::print(name + ": turn " + aio::str(turn) + ", then sleep(0)");
    co_await aio::sleep(0);                                 //         await asyncio.sleep(0)
  }
  aio::print(name + ": finished");
}

// No co_await anywhere, so it is a coroutine only by its co_return: once started, it runs to
// the end in one step, like an async def that never awaits.
aio::Coroutine<void> greedy(std::string name, int turns) {  // async def greedy(name, turns):
  for (int turn = 0; turn < turns; ++turn) {                //     for turn in range(turns):
    aio::print(name + ": turn " + aio::str(turn) + ", never yielding");
  }
  aio::print(name + ": finished");
  co_return;
}

aio::Coroutine<void> main_() {
  auto a = aio::create_task(polite("a", 3));                //     a = asyncio.create_task(polite("a", 3))
  auto g = aio::create_task(greedy("g", 3));                //     g = asyncio.create_task(greedy("g", 3))
  auto c = aio::create_task(polite("c", 2));                //     c = asyncio.create_task(polite("c", 2))
  aio::print("main: a, g and c are in the ready queue; main awaits a");
  co_await a;                                               //     await a
  aio::print("main: a is done; g and c finished before it:", g.done(), c.done());
}

COROSCOPE_LESSON(main_)
