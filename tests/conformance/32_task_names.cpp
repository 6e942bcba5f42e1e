// Twin of shared/oracle/32_task_names.py.
// Unnamed tasks get "Task-N" from ONE process-wide counter; asyncio.run's main task
// is Task-1.  asyncio.create_task(name=...) and helpers that wrap coroutines (gather,
// wait_for, shield) consume numbers; loop.create_task(name=...) does not.
#include <coroscope/asyncio.hpp>

#include <algorithm>
#include <string>
#include <vector>
namespace aio = coroscope;

// sorted(x.get_name() for x in tasks)
std::vector<std::string> sorted_names(const std::vector<aio::AnyTask>& tasks) {
  std::vector<std::string> names;
  for (const aio::AnyTask& x : tasks) names.push_back(x.get_name());
  std::sort(names.begin(), names.end());
  return names;
}

aio::Coroutine<void> whoami(std::string tag) {
  aio::print(tag + ": current_task is " + aio::current_task().get_name());
  co_await aio::sleep(0);
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  co_await whoami("main (inline await)");
  auto t = aio::create_task(whoami("created"));
  auto named = aio::create_task(whoami("asyncio.create_task name="), "worker");
  auto via_loop = loop.create_task(whoami("loop.create_task name="), "via-loop");
  auto t2 = aio::create_task(whoami("next unnamed"));
  co_await aio::sleep(0);
  aio::print("all_tasks:", sorted_names(aio::all_tasks()));
  co_await aio::gather(whoami("gather child 1"), whoami("gather child 2"));
  co_await aio::wait_for(whoami("wait_for child"), 1);
  co_await aio::shield(whoami("shield child"));
  t2.set_name("renamed");
  aio::print("renamed:", t2.get_name(), "| others:", t.get_name(), named.get_name(), via_loop.get_name());
  aio::print("all_tasks now:", sorted_names(aio::all_tasks()));
}

int main() {
  aio::run(main_());
  // The first run's shutdown steps (shutdown_asyncgens, shutdown_default_executor)
  // are run as tasks too, so they consume two more numbers.
  aio::run(whoami("second asyncio.run"));
}
