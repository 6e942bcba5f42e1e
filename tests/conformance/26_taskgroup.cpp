// Twin of shared/oracle/26_taskgroup.py.
// TaskGroup (3.11): when a child raises, the group cancels the other children (and
// the body of the async with, if it is still running), waits for all of them, then
// raises an ExceptionGroup of the children's errors.  Cancelled children add no error.
// Names that Python assigns inside the `async with` block live on after it; in C++ they are
// declared before the block (std::optional, since a Task has no empty state).
#include <coroscope/asyncio.hpp>
#include <optional>
#include <string>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<int> fast_ok() {
  co_await aio::sleep(0);
  aio::print("fast_ok: done");
  co_return 1;
}

aio::Coroutine<void> failing(aio::Event gate) {
  co_await gate.wait();
  aio::print("failing: raising ValueError");
  throw aio::ValueError("child failed");
}

aio::Coroutine<void> long_running() {
  try {
    co_await aio::sleep(10);
  } catch (const aio::CancelledError&) {
    aio::print("long_running: cancelled by the group");
    throw;
  }
}

// asyncio.sleep(delay, result) is a coroutine in Python, so a task can run it; aio::sleep is an
// awaiter, and this coroutine is what tg.create_task needs.
aio::Coroutine<std::string> sleep(double delay, std::string result) { co_return co_await aio::sleep(delay, result); }

aio::Coroutine<void> main_() {
  aio::Event gate;
  std::optional<aio::Task<int>> t1;
  std::optional<aio::Task<void>> t2, t3;
  try {
    co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
      t1 = tg.create_task(fast_ok());
      t2 = tg.create_task(failing(gate));
      t3 = tg.create_task(long_running());
      co_await aio::sleep(0);
      co_await aio::sleep(0);
      aio::print("body: t1 done =", t1->done(), "- releasing the failing child");
      gate.set();
      try {
        co_await aio::sleep(10);
      } catch (const aio::CancelledError&) {
        aio::print("body: cancelled by the group");
        throw;
      }
    });
  } catch (const aio::ExceptionGroup& group) {
    // except* ValueError as eg: the ValueErrors, as a group; anything else propagates.
    auto [match, rest] = group.split<aio::ValueError>();
    if (rest) std::rethrow_exception(rest);
    const aio::ExceptionGroupMembers& eg = *aio::exception_group_of(match);
    std::vector<std::string> messages;
    for (const auto& e : eg.exceptions()) messages.push_back(aio::str(e));
    aio::print("caught", aio::type_name(match), eg.message(), messages);
  }
  aio::print("t1 result", t1->result(), "| t2 failed with", aio::type_name(t2->exception()),
             "| t3 cancelled =", t3->cancelled(), "| main cancelling() =", aio::current_task().cancelling());
  std::optional<aio::Task<std::string>> a, b;
  co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
    a = tg.create_task(sleep(0.01, "x"));
    b = tg.create_task(sleep(0.02, "y"));
    aio::print("second group: body ends before its children; __aexit__ waits");
    co_return;
  });
  aio::print("second group exited normally:", a->result(), b->result());
}

int main() { aio::run(main_()); }
