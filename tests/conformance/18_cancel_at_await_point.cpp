// Twin of shared/oracle/18_cancel_at_await_point.py.
// task.cancel() only REQUESTS cancellation: it cancels the future the task waits on,
// so CancelledError is raised at the task's await point on the next iteration, its
// finally blocks run, and only then is task.cancelled() True.  While pending, cancel()
// returns True (even repeated); on a done task it returns False.
#include <coroscope/asyncio.hpp>
#include <type_traits>
namespace aio = coroscope;

aio::Coroutine<void> sleeper() {
  aio::print("sleeper: going to sleep(10)");
  aio::Finally finally([] { aio::print("sleeper: finally runs"); });
  try {
    co_await aio::sleep(10);
    aio::print("sleeper: never reached");
  } catch (const aio::CancelledError& e) {
    aio::print("sleeper: caught", aio::type_name(e), "at the await point");
    throw;
  }
}

aio::Coroutine<void> main_() {
  auto t = aio::create_task(sleeper());
  co_await aio::sleep(0);
  aio::print("main: cancel() ->", t.cancel());
  aio::print("main: right after cancel(): done =", t.done(), "cancelled =", t.cancelled());
  aio::print("main: cancelling() count =", t.cancelling());
  // Python evaluates print's arguments left to right; C++ does not promise an order.
  bool again = t.cancel();
  aio::print("main: second cancel() ->", again, "count =", t.cancelling());
  try {
    co_await t;
  } catch (const aio::CancelledError& e) {
    aio::print("main: await t raised", aio::type_name(e));
  }
  aio::print("main: now done =", t.done(), "cancelled =", t.cancelled());
  aio::print("main: cancel() on a done task ->", t.cancel());
  try {
    t.result();
  } catch (const aio::CancelledError& e) {
    aio::print("main: t.result() raises", aio::type_name(e));
  }
  aio::print("main: CancelledError is an Exception?", std::is_base_of_v<aio::Exception, aio::CancelledError>);
}

int main() { aio::run(main_()); }
