// Twin of shared/oracle/03_create_task_fifo.py.
// Tasks start in the order they were created: create_task appends the task's first
// step to the FIFO ready queue, and every later step re-enters at the tail.
// Awaiting a task that is already done does not suspend.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<std::string> worker(std::string name) {
  aio::print(name + ": step 1");
  co_await aio::sleep(0);
  aio::print(name + ": step 2");
  co_return name;
}

aio::Coroutine<void> main_() {
  std::vector<aio::Task<std::string>> tasks;
  for (const char* n : {"A", "B", "C"}) tasks.push_back(aio::create_task(worker(n)));
  aio::print("main: created A, B, C");
  for (const auto& t : tasks) {
    aio::print("main: awaiting", co_await t);
  }
  aio::print("main: done");
}

int main() { aio::run(main_()); }
