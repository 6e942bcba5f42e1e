// Lesson 19: deadlock (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <algorithm>
#include <string>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<void> worker(std::string name, aio::Lock mine, aio::Lock theirs) {  // async def worker(name, mine, theirs):
  auto held = co_await mine.hold();                                   //     async with mine:
  aio::print(name + ": holds its own lock and wants the other one");
  co_await aio::sleep(0);                                             //         await asyncio.sleep(0)
  auto also_held = co_await theirs.hold();                            //         async with theirs:
  aio::print(name + ": never gets here");
}

// sorted(task.get_name() for task in tasks): wait's sets have no order, so sort them.
std::vector<std::string> names(const std::vector<aio::Task<void>>& tasks) {
  std::vector<std::string> sorted;
  for (const auto& task : tasks) sorted.push_back(task.get_name());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

aio::Coroutine<void> main_() {
  aio::Lock lock_a;                                                   //     lock_a = asyncio.Lock()
  aio::Lock lock_b;                                                   //     lock_b = asyncio.Lock()
  auto a = aio::create_task(worker("a", lock_a, lock_b), "a");        //     a = asyncio.create_task(worker("a", lock_a, lock_b), name="a")
  auto b = aio::create_task(worker("b", lock_b, lock_a), "b");        //     b = asyncio.create_task(worker("b", lock_b, lock_a), name="b")
  const std::vector<aio::Task<void>> both{a, b};
  auto [done, pending] = co_await aio::wait(both, {.timeout = 1});    //     done, pending = await asyncio.wait([a, b], timeout=1)
  aio::print("main: after 1s, done", names(done), "pending", names(pending));
  aio::print("main: a waits for lock_b, held by b; b waits for lock_a, held by a");
  a.cancel();                                                         //     a.cancel()
  b.cancel();                                                         //     b.cancel()
  co_await aio::wait(both);                                           //     await asyncio.wait([a, b])
  aio::print("main: cancelled both; locked:", lock_a.locked(), lock_b.locked());
}

COROSCOPE_LESSON(main_)
