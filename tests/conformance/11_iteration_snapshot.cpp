// Twin of shared/oracle/11_iteration_snapshot.py.
// One loop iteration (_run_once) first appends due timers to the ready queue, then
// runs exactly the callbacks that were ready at that moment (ntodo snapshot):
// callbacks call_soon'ed during an iteration run in the NEXT iteration.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

void chain(aio::EventLoop& loop, int n, aio::Future<void> done) {
  aio::print("chain " + aio::str(n));
  if (n < 4) {
    loop.call_soon([&loop, n, done] { chain(loop, n + 1, done); });
  } else {
    done.set_result();
  }
}

void arm(aio::EventLoop& loop) {
  aio::print("arm: call_later(0, timer)");
  loop.call_later(0, [] { aio::print("timer"); });
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  aio::Future<void> done = loop.create_future();
  loop.call_soon([&loop, done] { chain(loop, 1, done); });
  loop.call_soon([&loop] { arm(loop); });
  co_await done;
  aio::print("main: done");
}

int main() { aio::run(main_()); }
