#pragma once
// Shared by the core tests: run a coroutine on a VirtualClock loop, and a log of events
// that a test compares as a whole, so the assertion shows the complete order.
// Never put `co_await` inside a doctest macro: g++ 12 fails on it ("array used as initializer");
// await into a local, then CHECK the local.
#include <coroscope/asyncio.hpp>
#include <string>
#include <vector>

namespace aio = coroscope;

inline const aio::RunOptions virtual_time{.clock = aio::ClockKind::virtual_time};

template <class T>
auto run_virtual(aio::Coroutine<T> main) {
  return aio::run(std::move(main), virtual_time);
}

// Each test owns one Log; coroutines append what happened, in order.
struct Log {
  std::vector<std::string> lines;
  void operator()(std::string line) { lines.push_back(std::move(line)); }
};

// A loop on a VirtualClock, closed at the end of the test even when an assertion fails.
struct VirtualLoop {
  aio::detail::Ref<aio::EventLoop> loop{new aio::EventLoop(std::make_unique<aio::VirtualClock>())};
  ~VirtualLoop() {
    if (!loop->is_closed()) loop->close();
  }
  aio::EventLoop* operator->() const { return loop.get(); }
  aio::EventLoop& operator*() const { return *loop; }
};

// What a suspended task waits on, as the trace names the future's kind ("Lock.acquire",
// "Queue.get"), or "nothing" when it waits on no future.
inline std::string waiting_on(const aio::AnyTask& task) {
  const aio::detail::FutureBase* future = task.task_state().fut_waiter();
  return future ? aio::to_string(future->kind()) : "nothing";
}

// The message of the E that running `main` on the virtual clock raises ("" if none).
template <class E, class T>
std::string raised_message(aio::Coroutine<T> main) {
  try {
    run_virtual(std::move(main));
  } catch (const E& e) {
    return e.what();
  }
  return {};
}
