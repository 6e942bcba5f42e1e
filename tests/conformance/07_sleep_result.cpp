// Twin of shared/oracle/07_sleep_result.py.
// asyncio.sleep(delay, result) returns `result` when it wakes; the default is None.
// A delay <= 0 takes the sleep(0) path: one bare yield, still returning result.
#include <string>
#include <vector>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> main_() {
  auto r1 = co_await aio::sleep(0.01, std::string("timer result"));
  aio::print("sleep(0.01, 'timer result') ->", r1);
  // The list gets a name first: g++ 11 and 12 reject a braced list inside a co_await
  // expression ("array used as initializer", a compiler bug; clang accepts it).
  std::vector<int> numbers = {1, 2, 3};
  auto r2 = co_await aio::sleep(0, numbers);
  aio::print("sleep(0, [1, 2, 3]) ->", r2);
  auto r3 = co_await aio::sleep(-5, 7);
  aio::print("sleep(-5, 7) ->", r3);
  auto r4 = co_await aio::sleep(0.01);
  aio::print("sleep(0.01) ->", r4);
}

int main() { aio::run(main_()); }
