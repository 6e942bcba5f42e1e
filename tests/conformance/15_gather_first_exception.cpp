// Twin of shared/oracle/15_gather_first_exception.py.
// Without return_exceptions, gather() propagates the FIRST child exception to the
// awaiting task as soon as that child fails; the other children are NOT cancelled
// and keep running in the background.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> fails(aio::Event gate) {
  co_await gate.wait();
  aio::print("fails: raising ValueError");
  throw aio::ValueError("first failure");
}

aio::Coroutine<std::string> keeps_running(std::string name, aio::Event gate) {
  co_await gate.wait();
  aio::print(name + ": finished normally");
  co_return name;
}

aio::Coroutine<void> main_() {
  aio::Event fail_gate, rest_gate;
  auto t1 = aio::create_task(keeps_running("t1", rest_gate));
  auto t2 = aio::create_task(fails(fail_gate));
  auto t3 = aio::create_task(keeps_running("t3", rest_gate));
  aio::get_running_loop().call_soon([fail_gate] { fail_gate.set(); });
  try {
    co_await aio::gather(t1, t2, t3);
  } catch (const aio::ValueError& e) {
    aio::print("main: gather raised", aio::type_name(e), aio::str(e));
  }
  aio::print("main: t1 done =", t1.done(), "t3 done =", t3.done());
  rest_gate.set();
  // Python evaluates print's arguments left to right; C++ leaves their order unspecified,
  // so the two awaits come first, in Python's order.
  auto r1 = co_await t1;
  auto r3 = co_await t3;
  aio::print("main: t1 ->", r1, "t3 ->", r3);
  aio::print("main: t1 cancelled =", t1.cancelled(), "t3 cancelled =", t3.cancelled());
}

int main() { aio::run(main_()); }
