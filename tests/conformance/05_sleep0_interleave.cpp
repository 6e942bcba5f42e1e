// Twin of shared/oracle/05_sleep0_interleave.py.
// asyncio.sleep(0) yields for exactly one loop iteration: the task's next step is
// call_soon'ed to the tail of the ready queue, so tasks round-robin.  A task created
// mid-iteration is queued before its creator's next step (it was appended first).
#include <string>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> worker(std::string name, int steps) {
  for (int i = 1; i < steps + 1; ++i) {
    aio::print(name + aio::str(i));
    if (name == "A" && i == 1) {
      aio::create_task(worker("D", 2));
      aio::print("A1 created D");
    }
    co_await aio::sleep(0);
  }
  aio::print(name + " done");
}

aio::Coroutine<void> main_() {
  auto a = aio::create_task(worker("A", 3));
  auto b = aio::create_task(worker("B", 1));
  auto c = aio::create_task(worker("C", 2));
  for (int i = 0; i < 5; ++i) {
    aio::print("main" + aio::str(i));
    co_await aio::sleep(0);
  }
  aio::print("main: A, B, C done =", a.done(), b.done(), c.done());
}

int main() { aio::run(main_()); }
