// Twin of shared/oracle/13_gather_coros_vs_tasks.py.
// gather() wraps each coroutine argument in a new Task (created in argument order,
// so they start in that order); Future/Task arguments are used as they are.  The same
// awaitable passed twice is wrapped once and its result appears twice.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> job(std::string tag) {
  aio::print(tag + ": runs in " + aio::current_task().get_name());
  co_await aio::sleep(0);
  co_return tag;
}

aio::Coroutine<void> main_() {
  auto pre = aio::create_task(job("pre-made"));
  aio::print("main: created the pre-made task");
  auto shared = job("shared");
  auto g = aio::gather(job("coro-A"), pre, shared, job("coro-B"), shared);
  aio::print("main: gather() returned a future; no child has run yet");
  auto results = co_await g;
  aio::print("results:", results);
  aio::print("empty gather:", co_await aio::gather());
}

int main() { aio::run(main_()); }
