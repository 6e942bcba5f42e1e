// Twin of shared/oracle/27_event.py.
// Event.set() resolves every waiter's future at once, in the order they started
// waiting, so they resume in FIFO order on the next iteration.  wait() on an already
// set event returns True without suspending; clear() makes later waiters block again.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> waiter(std::string name, aio::Event ev) {
  aio::print(name + ": waiting");
  co_await ev.wait();
  aio::print(name + ": woke, is_set = " + aio::str(ev.is_set()));
}

aio::Coroutine<void> main_() {
  aio::Event ev;
  std::vector<aio::Task<void>> tasks;
  for (std::string n : {"w1", "w2", "w3"}) tasks.push_back(aio::create_task(waiter(n, ev)));
  co_await aio::sleep(0);
  aio::print("main: set()");
  ev.set();
  aio::print("main: set() returned; nobody has resumed yet");
  co_await aio::sleep(0);
  aio::print("main: after one sleep(0)");
  const bool result = co_await ev.wait();
  aio::print("main: wait() on a set event ->", result);
  ev.clear();
  auto late = aio::create_task(waiter("late", ev));
  co_await aio::sleep(0);
  aio::print("main: late waiter blocked; done =", late.done());
  ev.set();
  co_await late;
  for (auto& t : tasks) co_await t;
  aio::print("main: end");
}

int main() { aio::run(main_()); }
