// Twin of shared/oracle/22_timeout_context.py.
// asyncio.timeout(delay) (3.11) arms a timer that cancels the CURRENT task; inside
// the block the task sees CancelledError, and on exit the context manager turns it
// into TimeoutError.  The outermost expired timeout is the one that converts.
// `async with asyncio.timeout(d) as cm:` is `aio::Timeout cm = aio::timeout(d);` then
// `co_await aio::async_with(cm, block)`: cm outlives the block, as Python's name does.
#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<void> main_() {
  aio::Timeout cm = aio::timeout(0.02);
  try {
    co_await aio::async_with(cm, [&]() -> aio::Coroutine<void> {
      try {
        co_await aio::sleep(10);
      } catch (const aio::CancelledError&) {
        aio::print("inside: got CancelledError");
        throw;
      }
    });
  } catch (const aio::TimeoutError&) {
    aio::print("outside: got TimeoutError; expired =", cm.expired());
  }
  aio::print("main: cancelling() back to", aio::current_task().cancelling());

  aio::Timeout cm2 = aio::timeout(0.2);
  co_await aio::async_with(cm2, [&]() -> aio::Coroutine<void> { co_await aio::sleep(0.01); });
  aio::print("in time: expired =", cm2.expired());

  aio::Timeout outer = aio::timeout(0.02);
  try {
    co_await aio::async_with(outer, [&]() -> aio::Coroutine<void> {
      aio::Timeout inner = aio::timeout(0.3);
      try {
        co_await aio::async_with(inner, [&]() -> aio::Coroutine<void> { co_await aio::sleep(10); });
      } catch (const aio::CancelledError&) {
        aio::print("between: inner passed CancelledError through; inner expired =", inner.expired());
        throw;
      }
    });
  } catch (const aio::TimeoutError&) {
    aio::print("outside: TimeoutError from outer; outer expired =", outer.expired());
  }

  try {
    co_await aio::async_with(aio::timeout(0), [&]() -> aio::Coroutine<void> {
      aio::print("timeout(0): body starts, then first await is interrupted");
      co_await aio::sleep(0);
      aio::print("not reached");
    });
  } catch (const aio::TimeoutError&) {
    aio::print("timeout(0): TimeoutError");
  }
}

int main() { aio::run(main_()); }
