// Twin of shared/oracle/30_condition.py.
// Condition.wait() releases the lock, sleeps until notified, then must RE-ACQUIRE the
// lock before returning, so notified waiters resume one at a time in FIFO order.
// notify(n) wakes at most n waiters; notify_all() wakes every waiter.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

std::vector<std::string> items;

aio::Coroutine<void> consumer(std::string name, aio::Condition cond) {
  auto ready = [&name] {
    aio::print(name + ": holds the lock, checks predicate, " + aio::str(items.size()) + " item(s)");
    return !items.empty();
  };

  auto held = co_await cond.hold();  // async with cond:
  co_await cond.wait_for(ready);
  aio::print(name + ": took " + items.front());
  items.erase(items.begin());
}

aio::Coroutine<void> main_() {
  aio::Condition cond;
  std::vector<aio::Task<void>> tasks;
  for (int i = 1; i < 5; ++i) tasks.push_back(aio::create_task(consumer("c" + aio::str(i), cond)));
  co_await aio::sleep(0);
  {
    auto held = co_await cond.hold();  // async with cond:
    items.push_back("item-1");
    aio::print("main: notify(1)");
    cond.notify(1);
    aio::print("main: still holding the lock");
  }
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  {
    auto held = co_await cond.hold();  // async with cond:
    items.insert(items.end(), {"item-2", "item-3"});
    aio::print("main: notify_all()");
    cond.notify_all();
  }
  for (int i = 0; i < 3; ++i) co_await tasks[i];
  aio::print("main: c4 still waiting =", !tasks[3].done());
  {
    auto held = co_await cond.hold();  // async with cond:
    items.push_back("item-4");
    cond.notify();
  }
  co_await tasks[3];
  aio::print("main: end");
}

int main() { aio::run(main_()); }
