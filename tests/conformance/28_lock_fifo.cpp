// Twin of shared/oracle/28_lock_fifo.py.
// Lock is fair: waiters get the lock in FIFO order.  release() only wakes the first
// waiter (who takes the lock on the next iteration); meanwhile the lock reads as
// unlocked, yet a newcomer's acquire() still queues behind the existing waiters.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> contender(std::string name, aio::Lock lock) {
  aio::print(name + ": acquire(), locked = " + aio::str(lock.locked()));
  auto held = co_await lock.hold();  // async with lock:
  aio::print(name + ": holds the lock");
  co_await aio::sleep(0);
  aio::print(name + ": releases");
}

aio::Coroutine<void> holder(aio::Lock lock) {
  co_await lock.acquire();
  aio::print("holder: acquired without waiting");
  co_await aio::sleep(0);
  lock.release();
  aio::print("holder: released; locked =", lock.locked());
  co_await lock.acquire();
  aio::print("holder: re-acquired only after A, B, C");
  lock.release();
}

aio::Coroutine<void> main_() {
  aio::Lock lock;
  std::vector<aio::Task<void>> tasks{aio::create_task(holder(lock))};
  for (std::string n : {"A", "B", "C"}) tasks.push_back(aio::create_task(contender(n, lock)));
  for (auto& t : tasks) co_await t;
  aio::print("main: locked =", lock.locked());
}

int main() { aio::run(main_()); }
