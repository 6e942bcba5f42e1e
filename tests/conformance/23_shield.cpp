// Twin of shared/oracle/23_shield.py.
// shield(aw) returns an outer future: cancelling the task that awaits it (or the outer
// future) raises CancelledError in that awaiter, but the inner task is NOT cancelled
// and keeps running to completion.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> important(aio::Event gate) {
  aio::print("important: started");
  co_await gate.wait();
  aio::print("important: finished anyway");
  co_return "saved";
}

aio::Coroutine<std::string> caller(aio::Task<std::string> inner) {
  try {
    co_return co_await aio::shield(inner);
  } catch (const aio::CancelledError&) {
    aio::print("caller: CancelledError while awaiting shield");
    throw;
  }
}

aio::Coroutine<void> main_() {
  aio::Event gate;
  auto inner = aio::create_task(important(gate));
  auto c = aio::create_task(caller(inner));
  co_await aio::sleep(0);
  aio::print("main: cancelling caller ->", c.cancel());
  try {
    co_await c;
  } catch (const aio::CancelledError&) {
    aio::print("main: caller cancelled =", c.cancelled(), "inner cancelled =", inner.cancelled());
  }
  gate.set();
  auto result = co_await inner;
  aio::print("main: inner result ->", result);
  auto done = aio::shield(inner);
  aio::print("main: shield of a done task returns it:", done == inner);
}

int main() { aio::run(main_()); }
