// Twin of shared/oracle/37_run_shutdown.py.
// When main finishes, asyncio.run stops the loop after the current iteration, then
// cancels the tasks still pending and runs the loop until they finish.  Callbacks
// already queued with call_soon still run; timers that are not yet due never fire.
#include <coroscope/asyncio.hpp>

#include <string>
namespace aio = coroscope;

aio::Coroutine<void> late_starter() {
  aio::print("late_starter: first step runs before the loop stops");
  try {
    co_await aio::sleep(0);
    aio::print("late_starter: never reached");
  } catch (const aio::CancelledError&) {
    aio::print("late_starter: cancelled during shutdown");
    throw;
  }
}

aio::Coroutine<std::string> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  loop.call_later(0.2, [] { aio::print("timer: never fires"); });
  loop.call_soon([] { aio::print("call_soon: queued by main, still runs"); });
  aio::create_task(late_starter());
  aio::print("main: returning");
  co_return "main result";
}

int main() { aio::print("asyncio.run ->", aio::run(main_())); }
