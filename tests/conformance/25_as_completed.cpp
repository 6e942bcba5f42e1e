// Twin of shared/oracle/25_as_completed.py.
// as_completed(tasks) yields awaitables that produce results in COMPLETION order
// (deadline order here), not in argument order.  Each `await` returns the next
// finished task's result, or raises its exception.
#include <coroscope/asyncio.hpp>
#include <string>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<std::string> job(std::string name, double delay, bool fail = false) {
  co_await aio::sleep(delay);
  if (fail) throw aio::ValueError(name);
  co_return name;
}

aio::Coroutine<void> main_() {
  std::vector<aio::Task<std::string>> tasks{
      aio::create_task(job("slow", 0.04)),
      aio::create_task(job("fast", 0.01)),
      aio::create_task(job("broken", 0.02, true)),
      aio::create_task(job("mid", 0.03)),
  };
  int i = 0;
  for (auto next_done : aio::as_completed(tasks)) {
    try {
      auto result = co_await next_done;
      aio::print("completion " + aio::str(i) + ": result", result);
    } catch (const aio::ValueError& e) {
      aio::print("completion " + aio::str(i) + ": raised", aio::type_name(e), aio::str(e));
    }
    ++i;
  }
}

int main() { aio::run(main_()); }
