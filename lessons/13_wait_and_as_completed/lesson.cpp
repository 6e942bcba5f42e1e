// Lesson 13: wait and as_completed (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <algorithm>
#include <string>
#include <utility>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<std::string> job(std::string name, double seconds) {  // async def job(name, seconds):
  co_await aio::sleep(seconds);                                      //     await asyncio.sleep(seconds)
  aio::print(name + ": finished after " + aio::str(seconds) + "s");
  co_return name;                                                    //     return name
}

// sorted(task.get_name() for task in tasks): wait's sets have no order, so sort them.
std::vector<std::string> names(const std::vector<aio::Task<std::string>>& tasks) {
  std::vector<std::string> sorted;
  for (const auto& task : tasks) sorted.push_back(task.get_name());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

aio::Coroutine<void> main_() {
  const std::vector<std::pair<std::string, double>> jobs{{"slow", 0.3}, {"fast", 0.1}, {"mid", 0.2}};
  std::vector<aio::Task<std::string>> tasks;
  for (const auto& [name, seconds] : jobs) {
    tasks.push_back(aio::create_task(job(name, seconds), name));    //         tasks.append(asyncio.create_task(job(name, seconds), name=name))
  }
  auto [done, pending] = co_await aio::wait(tasks, {.return_when = aio::FIRST_COMPLETED});
  aio::print("main: FIRST_COMPLETED: done", names(done), "pending", names(pending));
  std::tie(done, pending) = co_await aio::wait(tasks, {.timeout = 0.15});
  aio::print("main: timeout=0.15: done", names(done), "pending", names(pending));
  std::tie(done, pending) = co_await aio::wait(tasks);               //     done, pending = await asyncio.wait(tasks)
  aio::print("main: ALL_COMPLETED: done", names(done), "pending", names(pending));
  const std::vector<std::pair<std::string, double>> more{{"c", 0.3}, {"a", 0.1}, {"b", 0.2}};
  std::vector<aio::Task<std::string>> others;
  for (const auto& [name, seconds] : more) {
    others.push_back(aio::create_task(job(name, seconds)));         //         others.append(asyncio.create_task(job(name, seconds)))
  }
  for (auto next_done : aio::as_completed(others)) {                 //     for next_done in asyncio.as_completed(others):
    aio::print("main: as_completed gave", co_await next_done);
  }
}

COROSCOPE_LESSON(main_)
