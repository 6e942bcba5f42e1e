// Lesson 06: asyncio.gather (the C++ twin of lesson.py).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> fetch(std::string name, double delay) {  // async def fetch(name, delay):
  co_await aio::sleep(delay);                                        //     await asyncio.sleep(delay)
  aio::print(name + ": done after " + aio::str(delay) + "s");
  co_return "data " + name;                                          //     return f"data {name}"
}

// Declared to return a string, like fetch, so every slot of a gather has one type and the
// results come as a list (std::array) rather than a tuple.
aio::Coroutine<std::string> fail(double delay) {                     // async def fail(delay):
  co_await aio::sleep(delay);                                        //     await asyncio.sleep(delay)
  aio::print("fail: raising ValueError");
  throw aio::ValueError("bad fetch");                                //     raise ValueError("bad fetch")
}

aio::Coroutine<void> main_() {
  aio::print("main: got", co_await aio::gather(fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2)));
  try {
    co_await aio::gather(fetch("d", 0.2), fail(0.1));                //         await asyncio.gather(fetch("d", 0.2), fail(0.1))
  } catch (const aio::ValueError& e) {                               //     except ValueError as e:
    aio::print("main: gather raised", aio::repr(e), "but d keeps running");
  }
  co_await aio::sleep(0.2);                                          //     await asyncio.sleep(0.2)
  auto slots = co_await aio::gather(aio::return_exceptions, fetch("e", 0.1), fail(0.2));
  for (const auto& r : slots) {                                      //     for r in slots:
    // repr(r): each slot (an aio::Outcome) holds a value or the exception the child raised.
    aio::print("main: slot", r.is_exception() ? aio::repr(r.exception()) : aio::repr(r.value()));
  }
}

COROSCOPE_LESSON(main_)
