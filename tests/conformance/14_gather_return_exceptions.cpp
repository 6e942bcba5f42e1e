// Twin of shared/oracle/14_gather_return_exceptions.py.
// gather(..., return_exceptions=True) never raises because of a child: each child's
// exception object is placed in the result list at that child's position, and the
// other children run to completion.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<int> ok(int n) {
  co_await aio::sleep(0);
  aio::print("ok(" + aio::str(n) + ") done");
  co_return n;
}

// `async def` makes bad a coroutine function; in C++ only a co_await or co_return does,
// hence the co_return that the throw never reaches. Declared to return int, like ok, so
// every result slot has one type and the results come as an array, iterable like a list.
aio::Coroutine<int> bad(std::string msg) {
  aio::print("bad(" + msg + ") raising");
  throw aio::ValueError(msg);
  co_return 0;
}

aio::Coroutine<void> main_() {
  // return_exceptions=True is a tag before the awaitables: each slot is an Outcome<int>.
  auto results = co_await aio::gather(aio::return_exceptions, ok(1), bad("boom"), ok(3), bad("bang"));
  for (const auto& r : results) {
    if (r.is_exception()) {
      aio::print("exception:", aio::type_name(r.exception()), aio::str(r.exception()));
    } else {
      aio::print("value:", r.value());
    }
  }
}

int main() { aio::run(main_()); }
