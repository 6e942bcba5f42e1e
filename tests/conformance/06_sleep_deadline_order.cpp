// Twin of shared/oracle/06_sleep_deadline_order.py.
// asyncio.sleep(d) with d > 0 arms a call_later timer; timers fire in deadline order,
// not in the order the tasks were created or started.  Any sleep(0) task gets its
// turns long before the earliest timer fires.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> sleeper(std::string name, double delay) {
  aio::print(name + ": sleep(" + aio::str(delay) + ")");
  co_await aio::sleep(delay);
  aio::print(name + ": woke");
}

aio::Coroutine<void> spinner() {
  for (int i = 0; i < 3; ++i) {
    aio::print("spinner: sleep(0) #" + aio::str(i));
    co_await aio::sleep(0);
  }
}

aio::Coroutine<void> main_() {
  std::vector<aio::Task<void>> tasks;
  tasks.push_back(aio::create_task(sleeper("C", 0.03)));
  tasks.push_back(aio::create_task(sleeper("A", 0.01)));
  tasks.push_back(aio::create_task(spinner()));
  tasks.push_back(aio::create_task(sleeper("B", 0.02)));
  for (const auto& t : tasks) {
    co_await t;
  }
  aio::print("main: all woke");
}

int main() { aio::run(main_()); }
