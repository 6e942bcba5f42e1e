// Lesson 16: Semaphore (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>
namespace aio = coroscope;

// A real timer fires a little late, never early: round down to a tenth of a second.
double tenths(double seconds) { return std::floor(seconds * 10 + 0.01) / 10; }

aio::Coroutine<void> download(std::string name, double seconds, aio::Semaphore slots, double start) {
  aio::EventLoop& loop = aio::get_running_loop();                  //     loop = asyncio.get_running_loop()
  aio::print(name + ": wants a slot, locked() = " + aio::str(slots.locked()));
  {
    auto held = co_await slots.hold();                             //     async with slots:
    aio::print(name + ": downloading at +" + aio::str(tenths(loop.time() - start)) + "s");
    co_await aio::sleep(seconds);                                  //         await asyncio.sleep(seconds)
  }
  aio::print(name + ": gave its slot back at +" + aio::str(tenths(loop.time() - start)) + "s");
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();                  //     loop = asyncio.get_running_loop()
  double start = loop.time();                                      //     start = loop.time()
  aio::Semaphore slots(2);                                         //     slots = asyncio.Semaphore(2)
  const std::vector<std::pair<std::string, double>> downloads{{"a", 0.1}, {"b", 0.3}, {"c", 0.1}, {"d", 0.2}};
  std::vector<aio::Task<void>> tasks;
  for (const auto& [name, seconds] : downloads) {
    tasks.push_back(aio::create_task(download(name, seconds, slots, start)));
  }
  for (auto& task : tasks) co_await task;                          //     for task in tasks: await task
  aio::print("main: all four done at +" + aio::str(tenths(loop.time() - start)) + "s, two at a time");
}

COROSCOPE_LESSON(main_)
