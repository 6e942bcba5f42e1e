// Lesson 10: exceptions in tasks (the C++ twin of lesson.py).
// `del forgotten` is reset() on the std::optional that holds the task: the last reference goes
// away at once, as CPython's reference count makes it go.
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
namespace aio = coroscope;

// Python's str.isdigit() for ASCII text.
bool isdigit(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

aio::Coroutine<int> parse(std::string text) {                        // async def parse(text):
  co_await aio::sleep(0.1);                                          //     await asyncio.sleep(0.1)
  if (!isdigit(text)) throw aio::ValueError("not a number: " + aio::repr(text));
  co_return std::stoi(text);                                         //     return int(text)
}

aio::Coroutine<int> load(std::string text) {                         // async def load(text):
  aio::print("load: parsing " + aio::repr(text));
  int value = co_await parse(text);                                  //     value = await parse(text)
  aio::print("load: parsed " + aio::str(value));
  co_return value;                                                   //     return value
}

void handler(aio::EventLoop&, const aio::ExceptionContext& context) {  // def handler(loop, context):
  aio::print("handler:", context.message, "|", aio::repr(context.exception));
}

aio::Coroutine<void> main_() {
  aio::get_running_loop().set_exception_handler(handler);            //     ...set_exception_handler(handler)
  aio::print("main: load('42') gave", co_await load("42"));
  try {
    co_await load("x");                                              //         await load("x")
  } catch (const aio::ValueError& e) {                               //     except ValueError as e:
    aio::print("main: the error came up through parse and load:", aio::repr(e));
  }
  auto task = aio::create_task(load("y"));                           //     task = asyncio.create_task(load("y"))
  co_await aio::sleep(0.2);                                          //     await asyncio.sleep(0.2)
  aio::print("main: the task failed on its own; done() =", task.done());
  try {
    co_await task;                                                   //         await task
  } catch (const aio::ValueError& e) {                               //     except ValueError as e:
    aio::print("main: await task raised it again:", aio::repr(e));
  }
  std::optional<aio::Task<int>> forgotten = aio::create_task(load("z"));  // forgotten = asyncio.create_task(load("z"))
  co_await aio::sleep(0.2);                                          //     await asyncio.sleep(0.2)
  aio::print("main: dropping the only reference to a failed task nobody awaited");
  forgotten.reset();                                                 //     del forgotten
  aio::print("main: done");
}

COROSCOPE_LESSON(main_)
