// Twin of shared/oracle/01_run_returns_value.py.
// asyncio.run(coro) creates a fresh event loop, wraps coro in a Task, runs the loop
// until that Task is done, closes the loop and returns the Task's result.
// Calling an async function only creates a coroutine object: its body runs later.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<int> main_() {
  aio::print("main: body starts");
  co_await aio::sleep(0);
  aio::print("main: after sleep(0)");
  co_return 42;
}

int main() {
  aio::print("before: create coroutine object");
  auto coro = main_();
  aio::print("coroutine created, body not run yet");
  auto result = aio::run(std::move(coro));
  aio::print("asyncio.run returned", result);
}
