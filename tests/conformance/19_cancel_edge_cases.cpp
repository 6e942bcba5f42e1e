// Twin of shared/oracle/19_cancel_edge_cases.py.
// Cancellation edge cases: a task cancelled before its first step never runs its
// body; a task may catch CancelledError and return normally (then it is NOT
// cancelled); a task cancelled while running finishes cancelled even if it returns.
#include <coroscope/asyncio.hpp>
#include <string>
#include <utility>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<std::string> never_started() {
  aio::Finally finally([] { aio::print("never_started: finally (not expected)"); });
  aio::print("never_started: body runs (not expected)");
  co_return "";
}

aio::Coroutine<std::string> refuses() {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    aio::print("refuses: caught CancelledError, returning normally");
  }
  co_return "refused";
}

aio::Coroutine<std::string> self_cancel() {
  aio::print("self_cancel: cancel() on myself ->", aio::current_task().cancel());
  aio::print("self_cancel: still running, returning a value without awaiting");
  co_return "ignored";
}

aio::Coroutine<void> main_() {
  auto t1 = aio::create_task(never_started());
  aio::print("main: cancel before first step ->", t1.cancel());
  auto t2 = aio::create_task(refuses());
  auto t3 = aio::create_task(self_cancel());
  co_await aio::sleep(0);
  aio::print("main: t2.cancel() ->", t2.cancel());
  std::vector<std::pair<std::string, aio::Task<std::string>>> named{{"t1", t1}, {"t2", t2}, {"t3", t3}};
  for (auto& [name, t] : named) {
    try {
      auto result = co_await t;
      aio::print("main: " + name + " result ->", result);
    } catch (const aio::CancelledError&) {
      aio::print("main: " + name + " raised CancelledError");
    }
    aio::print("main: " + name + " cancelled = " + aio::str(t.cancelled()));
  }
}

int main() { aio::run(main_()); }
