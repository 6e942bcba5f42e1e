// Twin of shared/oracle/40_run_finalizes_async_generators.py.
// An async generator abandoned half-way is not finished when its consumer stops reading.  When
// main returns, asyncio.run closes every async generator still alive (loop.shutdown_asyncgens),
// which raises GeneratorExit at the generator's co_yield so its cleanup runs before run() returns.
#include <string>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::AsyncGenerator<int> numbers(std::string name) {
  int i = 0;
  aio::Finally cleanup([&] { aio::print(name + ": cleanup at i=" + aio::str(i)); });
  while (true) {
    co_yield i;
    i += 1;
  }
}

aio::AsyncGenerator<int> keep;

aio::Coroutine<void> main_() {
  auto closed = numbers("closed");
  while (auto n = co_await closed.next()) {
    if (*n == 2) break;
  }
  co_await closed.aclose();
  aio::print("main: closed explicitly");
  auto abandoned = numbers("abandoned");
  while (auto n = co_await abandoned.next()) {
    if (*n == 3) break;
  }
  aio::print("main: returning with one generator still open");
  keep = std::move(abandoned);
}

int main() {
  aio::run(main_());
  aio::print("after run");
}
