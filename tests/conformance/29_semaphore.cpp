// Twin of shared/oracle/29_semaphore.py.
// Semaphore(2) lets two holders in at once; later acquirers queue FIFO.  Each
// release() hands the slot directly to the first waiter (it resumes next iteration),
// so a waiter can never be overtaken by a newcomer.
#include <string>
#include <utility>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> worker(std::string name, aio::Semaphore sem, int steps) {
  aio::print(name + ": acquire(), locked = " + aio::str(sem.locked()));
  auto held = co_await sem.hold();  // async with sem:
  aio::print(name + ": inside");
  for (int i = 0; i < steps; ++i) co_await aio::sleep(0);
  aio::print(name + ": leaving");
}

aio::Coroutine<void> main_() {
  aio::Semaphore sem(2);
  const std::vector<std::pair<std::string, int>> specs{{"w1", 3}, {"w2", 1}, {"w3", 1}, {"w4", 2}, {"w5", 1}};
  std::vector<aio::Task<void>> tasks;
  for (const auto& [n, s] : specs) tasks.push_back(aio::create_task(worker(n, sem, s)));
  for (auto& t : tasks) co_await t;
  aio::print("main: locked =", sem.locked());
}

int main() { aio::run(main_()); }
