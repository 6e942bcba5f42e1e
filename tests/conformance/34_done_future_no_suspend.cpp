// Twin of shared/oracle/34_done_future_no_suspend.py.
// Awaiting an already-done future (or a finished task) returns its result at once:
// Future.__await__ only yields when the future is pending, so the task does not
// suspend and no other task gets to run.  Awaiting a pending one does suspend.
#include <coroscope/asyncio.hpp>

#include <string>
namespace aio = coroscope;

aio::Coroutine<void> bystander() {
  aio::print("bystander: ran");
  co_return;
}

aio::Coroutine<std::string> no_await_inside() { co_return "plain return"; }

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto done_fut = loop.create_future<std::string>();
  done_fut.set_result("ready");
  auto finished = aio::create_task(no_await_inside());
  co_await aio::sleep(0);
  aio::create_task(bystander());
  aio::print("main: await done future ->", co_await done_fut);
  aio::print("main: await finished task ->", co_await finished);
  aio::print("main: await coroutine without awaits ->", co_await no_await_inside());
  aio::print("main: bystander has not run yet: nothing above suspended");
  auto pending = loop.create_future<std::string>();
  loop.call_soon([pending] { pending.set_result("later"); });
  aio::print("main: await pending future ->", co_await pending);
}

int main() { aio::run(main_()); }
