// Twin of shared/oracle/20_gather_child_cancelled.py.
// If a gather() child is cancelled, gather treats it like a child raising
// CancelledError: the awaiting task gets CancelledError, but the gather future and
// the other children are NOT cancelled.  Cancelling the gather future cancels every
// child, yet gather.cancelled() stays False: it finishes with a CancelledError exception.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> child(std::string name, aio::Event gate) {
  try {
    co_await gate.wait();
    aio::print(name + ": finished");
    co_return name;
  } catch (const aio::CancelledError&) {
    aio::print(name + ": cancelled");
    throw;
  }
}

aio::Coroutine<void> main_() {
  aio::Event gate;
  auto a = aio::create_task(child("a", gate));
  auto b = aio::create_task(child("b", gate));
  auto c = aio::create_task(child("c", gate));
  auto g = aio::gather(a, b, c);
  aio::get_running_loop().call_soon([b] { b.cancel(); });
  try {
    co_await g;
  } catch (const aio::CancelledError&) {
    aio::print("main: await gather raised CancelledError");
  }
  aio::print("main: gather cancelled =", g.cancelled(), "a, b, c cancelled =", a.cancelled(), b.cancelled(),
             c.cancelled());
  gate.set();
  co_await aio::sleep(0);
  aio::print("main: a, c done =", a.done(), c.done());

  auto d = aio::create_task(child("d", aio::Event()));
  auto e = aio::create_task(child("e", aio::Event()));
  auto g2 = aio::gather(d, e);
  co_await aio::sleep(0);
  aio::print("main: g2.cancel() ->", g2.cancel());
  try {
    co_await g2;
  } catch (const aio::CancelledError&) {
    aio::print("main: await g2 raised CancelledError");
  }
  aio::print("main: g2 cancelled =", g2.cancelled(), "d, e cancelled =", d.cancelled(), e.cancelled());
}

int main() { aio::run(main_()); }
