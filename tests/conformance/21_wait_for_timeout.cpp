// Twin of shared/oracle/21_wait_for_timeout.py.
// wait_for(aw, timeout) wraps a coroutine in a new Task.  On timeout it cancels that
// task and WAITS for it to finish (its cleanup runs first), then raises TimeoutError
// (the builtin one in 3.11).  If aw finishes in time, its result is returned.
#include <coroscope/asyncio.hpp>
#include <string>
#include <type_traits>
namespace aio = coroscope;

aio::Coroutine<void> slow() {
  aio::print("slow: running in " + aio::current_task().get_name() + ", sleep(10)");
  aio::Finally finally([] { aio::print("slow: cleanup after cancellation"); });
  co_await aio::sleep(10);
}

aio::Coroutine<std::string> quick() {
  co_await aio::sleep(0.01);
  aio::print("quick: finished");
  co_return "quick result";
}

aio::Coroutine<void> main_() {
  aio::print("main: runs in", aio::current_task().get_name());
  auto result = co_await aio::wait_for(quick(), 0.2);
  aio::print("main:", result);
  try {
    co_await aio::wait_for(slow(), 0.05);
  } catch (const aio::TimeoutError& e) {
    aio::print("main: caught", aio::type_name(e));
    // asyncio.TimeoutError is the builtin TimeoutError since 3.11: one class, as here.
    aio::print("main: asyncio.TimeoutError is TimeoutError:", std::is_same_v<aio::TimeoutError, aio::TimeoutError>);
  }
  auto t = aio::create_task(slow());
  try {
    co_await aio::wait_for(t, 0.01);
  } catch (const aio::TimeoutError&) {
    aio::print("main: timed out on a task; task cancelled =", t.cancelled());
  }
}

int main() { aio::run(main_()); }
