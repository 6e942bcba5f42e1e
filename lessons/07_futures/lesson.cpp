// Lesson 07: futures (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

void deliver(aio::Future<std::string> fut, std::string parcel) {  // def deliver(fut, parcel):
  aio::print("courier: set_result(" + aio::repr(parcel) + ")");
  fut.set_result(parcel);                                         //     fut.set_result(parcel)
  aio::print("courier: done() = " + aio::str(fut.done()) + ", and the waiter has not resumed yet");
}

aio::Coroutine<void> receive(aio::Future<std::string> fut) {      // async def receive(fut):
  aio::print("receiver: awaiting the future");
  std::string parcel = co_await fut;                              //     parcel = await fut
  aio::print("receiver: resumed with " + aio::repr(parcel));
}

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();                 //     loop = asyncio.get_running_loop()
  auto fut = loop.create_future<std::string>();                   //     fut = loop.create_future()
  aio::print("main: a new future, done() =", fut.done());
  auto receiver = aio::create_task(receive(fut));                 //     receiver = asyncio.create_task(receive(fut))
  loop.call_soon([fut] { deliver(fut, "books"); });               //     loop.call_soon(deliver, fut, "books")
  co_await receiver;                                              //     await receiver
  aio::print("main: result() =", aio::repr(fut.result()));
  aio::print("main: awaiting a done future returns at once:", aio::repr(co_await fut));
  try {
    fut.set_result("more books");                                 //         fut.set_result("more books")
  } catch (const aio::InvalidStateError& e) {                     //     except asyncio.InvalidStateError as e:
    aio::print("main: a second set_result raised InvalidStateError:", aio::str(e));
  }
}

COROSCOPE_LESSON(main_)
