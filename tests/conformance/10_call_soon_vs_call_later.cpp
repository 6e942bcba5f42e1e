// Twin of shared/oracle/10_call_soon_vs_call_later.py.
// call_soon callbacks run FIFO on the next iteration.  call_later timers run when
// due, in deadline order; a due timer is appended to the ready queue AFTER the
// callbacks already there, so call_later(0) runs after call_soon'ed callbacks.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  loop.call_later(0.02, [] { aio::print("call_later(0.02)"); });
  loop.call_later(0.01, [] { aio::print("call_later(0.01)"); });
  loop.call_soon([] { aio::print("call_soon #1"); });
  loop.call_later(0, [] { aio::print("call_later(0)"); });
  loop.call_soon([] { aio::print("call_soon #2"); });
  aio::TimerHandle h1 = loop.call_later(0.015, [] { aio::print("cancelled call_later: never printed"); });
  aio::Handle h2 = loop.call_soon([] { aio::print("cancelled call_soon: never printed"); });
  h1.cancel();
  h2.cancel();
  loop.call_soon([] { aio::print("call_soon #3"); });
  aio::print("main: everything scheduled, now sleep(0.05)");
  co_await aio::sleep(0.05);
  aio::print("main: woke");
}

int main() { aio::run(main_()); }
