// Lesson 14: TaskGroup (the C++ twin of lesson.py).
// `async with asyncio.TaskGroup() as tg:` is `co_await aio::async_with(aio::TaskGroup(), block)`,
// the block a lambda coroutine taking the group. Names Python assigns inside the block live on
// after it; in C++ they are declared before it (std::optional, since a Task has no empty state).
#include <coroscope/asyncio.hpp>
#include <coroscope/lesson.hpp>
#include <optional>
#include <string>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<std::string> fetch(std::string name, double seconds) {  // async def fetch(name, seconds):
  try {
    co_await aio::sleep(seconds);                                      //         await asyncio.sleep(seconds)
  } catch (const aio::CancelledError&) {                               //     except asyncio.CancelledError:
    aio::print(name + ": cancelled by the group");
    throw;                                                             //         raise
  }
  aio::print(name + ": done");
  co_return name + " data";                                            //     return f"{name} data"
}

aio::Coroutine<void> broken(double seconds) {                          // async def broken(seconds):
  co_await aio::sleep(seconds);                                        //     await asyncio.sleep(seconds)
  aio::print("broken: raising ValueError");
  throw aio::ValueError("no connection");                              //     raise ValueError("no connection")
}

aio::Coroutine<void> main_() {
  std::optional<aio::Task<std::string>> a, b, ok, slow;
  co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
    a = tg.create_task(fetch("a", 0.1));                               //         a = tg.create_task(fetch("a", 0.1))
    b = tg.create_task(fetch("b", 0.2));                               //         b = tg.create_task(fetch("b", 0.2))
    aio::print("main: the body ends here; the group waits for a and b");
    co_return;
  });
  aio::print("main: the group exited:", a->result(), "and", b->result());
  try {
    co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
      ok = tg.create_task(fetch("ok", 0.1));                           //             ok = tg.create_task(fetch("ok", 0.1))
      slow = tg.create_task(fetch("slow", 1));                         //             slow = tg.create_task(fetch("slow", 1))
      tg.create_task(broken(0.2));                                     //             tg.create_task(broken(0.2))
      co_return;
    });
  } catch (const aio::ExceptionGroup& group) {                         //     except* ValueError as eg:
    // except* ValueError: the ValueErrors, as a group of their own; anything else propagates.
    auto [match, rest] = group.split<aio::ValueError>();
    if (rest) std::rethrow_exception(rest);
    const aio::ExceptionGroupMembers& eg = *aio::exception_group_of(match);
    std::vector<std::string> messages;
    for (const auto& e : eg.exceptions()) messages.push_back(aio::str(e));
    aio::print("main: caught", aio::type_name(match), aio::repr(eg.message()), messages);
  }
  aio::print("main: ok gave", ok->result(), "| slow cancelled:", slow->cancelled());
}

COROSCOPE_LESSON(main_)
