// Lesson 01: coroutines and asyncio.run (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
namespace aio = coroscope;

aio::Coroutine<std::string> greet(std::string name, double delay) {  // async def greet(name, delay):
  aio::print(name + ": start");
  co_await aio::sleep(delay);                                        //     await asyncio.sleep(delay)
  aio::print(name + ": done after " + aio::str(delay) + "s");
  co_return "hello " + name;
}

aio::Coroutine<void> main_() {
  auto coro = greet("inline", 0.5);
  aio::print("main: greet() returned a coroutine; its body has not run");
  auto result = co_await coro;
  aio::print("main: awaiting it ran it inside main's task:", result);
  auto task = aio::create_task(greet("task", 1.0));
  aio::print("main: the task is scheduled, not started");
  aio::print("main: the task finished with", co_await task);
}

COROSCOPE_LESSON(main_)
