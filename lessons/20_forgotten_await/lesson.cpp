// Lesson 20: the forgotten await (the C++ twin of lesson.py).
// aio::Coroutine is [[nodiscard]]: the compiler already objects to `save("draft");` and the
// cast to void says "yes, really", so that the mistake builds and debug mode can report it.
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<void> save(std::string record) {  // async def save(record):
  aio::print("save: writing " + aio::repr(record));
  co_await aio::sleep(0.1);                      //     await asyncio.sleep(0.1)
  aio::print("save: " + aio::repr(record) + " written");
}

aio::Coroutine<void> main_() {
  aio::get_running_loop().set_debug(true);       //     asyncio.get_running_loop().set_debug(True)
  static_cast<void>(save("draft"));              //     save("draft")
  aio::print("main: called save('draft') without await: nothing was written");
  co_await save("final");                        //     await save("final")
  aio::print("main: with await, save('final') ran");
}

COROSCOPE_LESSON(main_)
