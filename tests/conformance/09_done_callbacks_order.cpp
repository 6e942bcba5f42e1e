// Twin of shared/oracle/09_done_callbacks_order.py.
// Done callbacks run in registration order, each via call_soon when the future
// completes (never synchronously inside set_result).  remove_done_callback returns
// how many registrations it removed.  A Task's own done callbacks work the same way.
#include <string>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::DoneCallback<std::string> make_cb(std::string name) {
  return
      [name](const aio::Future<std::string>& fut) { aio::print(name + ": future result = " + aio::str(fut.result())); };
}

aio::Coroutine<std::string> job() {
  aio::print("job: running");
  co_return "job-result";
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto fut = loop.create_future<std::string>();
  auto cb1 = make_cb("cb1"), cb2 = make_cb("cb2"), cb3 = make_cb("cb3");
  fut.add_done_callback(cb1);
  fut.add_done_callback(cb2);
  fut.add_done_callback(cb3);
  fut.add_done_callback(cb2);
  aio::print("removed cb2 registrations:", fut.remove_done_callback(cb2));
  loop.call_soon([] { aio::print("plain call_soon queued before set_result"); });
  fut.set_result("x");
  aio::print("main: set_result returned; no callback has run yet");
  co_await aio::sleep(0);
  aio::print("main: after sleep(0)");
  auto t = aio::create_task(job());
  t.add_done_callback(make_cb("task-cb1"));
  t.add_done_callback(make_cb("task-cb2"));
  co_await aio::sleep(0);
  aio::print("main: task done =", t.done());
  co_await aio::sleep(0);
  aio::print("main: end");
}

int main() { aio::run(main_()); }
