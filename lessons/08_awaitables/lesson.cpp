// Lesson 08: awaitables (the C++ twin of lesson.py).
// Python's __await__ is operator co_await here: it returns a Coroutine, and awaiting that runs
// its body inline, as `yield from` does. aio::BareYield is Python's bare `yield`.
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<int> double_(int x) {                       // async def double(x):
  co_await aio::sleep(0.1);                                //     await asyncio.sleep(0.1)
  co_return 2 * x;                                         //     return 2 * x
}

class Countdown {                                          // class Countdown:
 public:
  explicit Countdown(int start) : start_(start) {}

  aio::Coroutine<std::string> operator co_await() const {  //     def __await__(self):
    for (int n = start_; n > 0; --n) {                     //         for n in range(self.start, 0, -1):
      aio::print("countdown: " + aio::str(n));
      co_await aio::BareYield{};                           //             yield
    }
    co_return "liftoff";                                   //         return "liftoff"
  }

 private:
  int start_;
};

class Parcel {                                             // class Parcel:
 public:
  explicit Parcel(aio::EventLoop& loop) : fut_(loop.create_future<std::string>()) {
    loop.call_later(0.1, [fut = fut_] { fut.set_result("a parcel"); });
  }

  aio::Coroutine<std::string> operator co_await() const {  //     def __await__(self):
    aio::print("Parcel.__await__: waiting on its future");
    co_return co_await fut_;                               //         return (yield from self.fut)
  }

 private:
  aio::Future<std::string> fut_;
};

aio::Coroutine<void> bystander() {                         // async def bystander():
  aio::print("bystander: ran while main was counting down");
  co_return;
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();          //     loop = asyncio.get_running_loop()
  aio::print("main: a coroutine gave", co_await double_(1));
  auto task = aio::create_task(double_(2));                //     task = asyncio.create_task(double(2))
  aio::print("main: a task gave", co_await task);
  auto fut = loop.create_future<int>();                    //     fut = loop.create_future()
  loop.call_soon([fut] { fut.set_result(6); });            //     loop.call_soon(fut.set_result, 6)
  aio::print("main: a future gave", co_await fut);
  aio::create_task(bystander());                           //     asyncio.create_task(bystander())
  aio::print("main: Countdown(3) gave", co_await Countdown(3));
  aio::print("main: Parcel gave", co_await Parcel(loop));
}

COROSCOPE_LESSON(main_)
