// Twin of shared/oracle/24_wait_first_all.py.
// asyncio.wait(tasks, return_when=...) never raises the tasks' exceptions: it returns
// (done, pending) sets.  FIRST_COMPLETED returns after the first task finishes,
// FIRST_EXCEPTION after the first failure, ALL_COMPLETED (default) after all of them;
// on timeout the unfinished tasks come back in pending.  Sets are unordered: sort them.
#include <algorithm>
#include <coroscope/asyncio.hpp>
#include <string>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<std::string> job(std::string name, double delay, bool fail = false) {
  co_await aio::sleep(delay);
  if (fail) throw aio::ValueError(name);
  co_return name;
}

std::vector<std::string> names(const std::vector<aio::Task<std::string>>& tasks) {
  std::vector<std::string> sorted;
  for (const auto& t : tasks) sorted.push_back(t.get_name());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

aio::Coroutine<void> main_() {
  auto t1 = aio::create_task(job("a", 0.01), "a");
  auto t2 = aio::create_task(job("b", 0.06, true), "b");
  auto t3 = aio::create_task(job("c", 0.11), "c");
  std::vector<aio::Task<std::string>> all{t1, t2, t3};
  auto [done, pending] = co_await aio::wait(all, {.return_when = aio::FIRST_COMPLETED});
  aio::print("FIRST_COMPLETED: done", names(done), "pending", names(pending));
  std::tie(done, pending) = co_await aio::wait(all, {.return_when = aio::FIRST_EXCEPTION});
  aio::print("FIRST_EXCEPTION: done", names(done), "pending", names(pending));
  aio::print("b's exception:", aio::type_name(t2.exception()));
  std::tie(done, pending) = co_await aio::wait(all, {.timeout = 0.01});
  aio::print("timeout=0.01: done", names(done), "pending", names(pending));
  std::tie(done, pending) = co_await aio::wait(all);
  aio::print("ALL_COMPLETED: done", names(done), "pending", names(pending));
  std::vector<aio::Task<std::string>> just_t1{t1};
  std::tie(done, pending) = co_await aio::wait(just_t1);
  aio::print("already done: done", names(done), "pending", names(pending));
}

int main() { aio::run(main_()); }
