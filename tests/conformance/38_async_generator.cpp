// Twin of shared/oracle/38_async_generator.py.
// An async generator mixes `co_await` and `co_yield`; `async for` pulls one item at a time, and
// each `co_await` inside the generator suspends the *consumer's* task.  Two consumers of two
// generators interleave at every sleep(0), because both generators run inside their consumers'
// tasks.
#include <optional>
#include <string>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::AsyncGenerator<int> ticks(std::string name, int n) {
  for (int i = 0; i < n; ++i) {
    aio::print(name + ": producing " + aio::str(i));
    co_await aio::sleep(0);
    co_yield i;
  }
  aio::print(name + ": exhausted");
}

aio::Coroutine<int> consume(std::string name, int n) {
  int total = 0;
  for (auto values = ticks(name, n); std::optional<int> value = co_await values.next();) {
    aio::print(name + ": got " + aio::str(*value));
    total += *value;
  }
  co_return total;
}

aio::Coroutine<void> main_() {
  auto totals = co_await aio::gather(consume("a", 3), consume("b", 2));
  aio::print("totals:", totals);
  auto squares = co_await aio::collect(ticks("c", 3), [](int i) { return i * i; });
  aio::print("squares:", squares);
}

int main() { aio::run(main_()); }
