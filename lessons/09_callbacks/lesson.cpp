// Lesson 09: callbacks (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

void say(std::string what) { aio::print("callback: " + what); }  // def say(what): print(f"callback: {what}")

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();                     //     loop = asyncio.get_running_loop()
  double start = loop.time();                                         //     start = loop.time()
  loop.call_later(0.2, [] { say("call_later(0.2)"); });               //     loop.call_later(0.2, say, "call_later(0.2)")
  loop.call_at(start + 0.1, [] { say("call_at(start + 0.1)"); });     //     loop.call_at(start + 0.1, say, ...)
  loop.call_soon([] { say("call_soon #1"); });                        //     loop.call_soon(say, "call_soon #1")
  loop.call_soon([] { say("call_soon #2"); });                        //     loop.call_soon(say, "call_soon #2")
  aio::Handle handle = loop.call_soon([] { say("call_soon #3"); });   //     handle = loop.call_soon(say, "call_soon #3")
  handle.cancel();                                                    //     handle.cancel()
  loop.call_later(0, [] { say("call_later(0)"); });                   //     loop.call_later(0, say, "call_later(0)")
  aio::print("main: six callbacks scheduled, #3 cancelled; none has run yet");
  co_await aio::sleep(0);                                             //     await asyncio.sleep(0)
  aio::print("main: resumed after call_soon #1 and #2");
  auto fut = loop.create_future<std::string>();                       //     fut = loop.create_future()
  fut.add_done_callback([](const aio::Future<std::string>& f) { say("done callback 1 sees " + aio::repr(f.result())); });
  fut.add_done_callback([](const aio::Future<std::string>&) { say("done callback 2"); });
  fut.set_result("ok");                                               //     fut.set_result("ok")
  aio::print("main: set_result queued both done callbacks");
  co_await aio::sleep(0.3);                                           //     await asyncio.sleep(0.3)
  aio::print("main: done");
}

COROSCOPE_LESSON(main_)
