// Twin of shared/oracle/33_custom_awaitable.py.
// Any object whose __await__ returns an iterator is awaitable.  Delegating with
// `yield from future` suspends the task on that future exactly like `await future`;
// a bare `yield` (None) gives up one loop iteration, which is how sleep(0) works.
//
// In C++, a type whose operator co_await returns a Coroutine plays Python's __await__:
// `co_await` applies operator co_await until it gets an awaiter, and awaiting the
// coroutine runs its body inline, as `yield from` does. aio::BareYield is the bare `yield`.
#include <coroscope/asyncio.hpp>

#include <string>
namespace aio = coroscope;

class Ticket {
 public:
  explicit Ticket(aio::EventLoop& loop) : fut_(loop.create_future<int>()) {}

  void punch(int value) const { fut_.set_result(value); }

  // __await__
  aio::Coroutine<std::string> operator co_await() const {
    aio::print("Ticket.__await__: delegating to the future");
    int value = co_await fut_;
    co_return "ticket(" + aio::str(value) + ")";
  }

 private:
  aio::Future<int> fut_;
};

class YieldOnce {
 public:
  // __await__
  aio::Coroutine<std::string> operator co_await() const {
    co_await aio::BareYield{};
    co_return "yielded once";
  }
};

aio::Coroutine<void> bystander(std::string label) {
  aio::print("bystander: ran while main was suspended in " + label);
  co_return;
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  Ticket ticket(loop);
  aio::create_task(bystander("await ticket"));
  loop.call_soon([ticket] { ticket.punch(5); });
  aio::print("main: awaiting ticket");
  aio::print("main:", co_await ticket);
  aio::create_task(bystander("await YieldOnce()"));
  aio::print("main:", co_await YieldOnce());
}

int main() { aio::run(main_()); }
