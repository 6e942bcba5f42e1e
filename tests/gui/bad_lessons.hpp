#pragma once
// Lessons that go wrong, for the session's tests and the app's (bad_lessons_app.cpp); they
// must not live in lessons/. One raises, one deadlocks, one leaves a coroutine never awaited.
#include <coroscope/asyncio.hpp>

namespace bad_lessons {

namespace aio = coroscope;

inline aio::Coroutine<void> raises() {
  aio::print("about to fail");
  co_await aio::sleep(0.1);
  throw aio::ValueError("the lesson failed");
}

inline aio::Coroutine<void> waits_forever() {
  aio::Event never;
  co_await never.wait();
}

// main awaits a task that waits on an Event nobody sets.
inline aio::Coroutine<void> deadlocks() {
  auto stuck = aio::create_task(waits_forever());
  co_await stuck;
}

inline aio::Coroutine<int> helper() { co_return 1; }

inline aio::Coroutine<void> never_awaits() {
  { auto forgotten = helper(); }  // created, dropped, never run
  co_await aio::sleep(0);
}

}  // namespace bad_lessons
