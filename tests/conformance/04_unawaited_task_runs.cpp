// Twin of shared/oracle/04_unawaited_task_runs.py.
// A task runs even if nobody awaits it: it starts as soon as its creator yields.
// When main returns, asyncio.run cancels every task still pending; the
// CancelledError arrives at that task's await point so its cleanup code runs.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> fire_and_forget() {
  aio::print("background: started");
  co_await aio::sleep(0);
  aio::print("background: finished");
}

aio::Coroutine<void> forever() {
  aio::print("forever: started");
  aio::Finally finally([] { aio::print("forever: finally"); });
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    aio::print("forever: CancelledError at shutdown");
    throw;
  }
}

aio::Coroutine<void> main_() {
  auto t1 = aio::create_task(fire_and_forget());
  auto t2 = aio::create_task(forever());
  aio::print("main: created two tasks, will never await them");
  co_await aio::sleep(0);
  aio::print("main: yielded once");
  co_await aio::sleep(0);
  aio::print("main: returning; background done =", t1.done(), "forever done =", t2.done());
}

int main() {
  aio::run(main_());
  aio::print("after asyncio.run");
}
