// Twin of shared/oracle/08_future_wakes_next_iteration.py.
// Future.set_result() does not resume the awaiting task directly: it call_soon's the
// future's done callbacks (here the task's wakeup), so the waiter resumes on the NEXT
// loop iteration, after callbacks that were already in the ready queue.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> waiter(aio::Future<int> fut) {
  aio::print("waiter: awaiting the future");
  auto value = co_await fut;
  aio::print("waiter: resumed with", value);
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto fut = loop.create_future<int>();
  auto t = aio::create_task(waiter(fut));
  co_await aio::sleep(0);
  aio::print("main: waiter is suspended; done =", t.done());
  loop.call_soon([] { aio::print("callback queued before set_result"); });
  fut.set_result(7);
  loop.call_soon([] { aio::print("callback queued after set_result"); });
  aio::print("main: set_result(7) returned; future done =", fut.done());
  aio::print("main: waiter has not resumed yet");
  co_await aio::sleep(0);
  aio::print("main: after one sleep(0); waiter done =", t.done());
}

int main() { aio::run(main_()); }
