#pragma once
// Traces for the tests of the views, recorded the way `coroscope run LESSON --trace ...`
// records them (through lesson_main, the printed lines kept out of the test's output): a
// lesson from the registry, and a busy program that touches every kind of event.
#include <doctest/doctest.h>
#include <coroscope/asyncio.hpp>
#include <coroscope/trace/recorder.hpp>

#include "lessons/registry.hpp"

inline int record_main(coroscope::LessonMain main, coroscope::trace::Recorder& recorder) {
  coroscope::LessonOptions options;
  options.tracer = &recorder;
  coroscope::set_output_sink([](std::string_view) {});
  const int status = coroscope::lesson_main(main, options);
  coroscope::set_output_sink({});
  return status;
}

inline int record_lesson(std::string_view lesson, coroscope::trace::Recorder& recorder) {
  const coroscope::lessons::Lesson* found = coroscope::lessons::find_lesson(lesson);
  REQUIRE(found != nullptr);
  return record_main(found->main, recorder);
}

namespace busy {
namespace aio = coroscope;

inline aio::Coroutine<int> worker(int n) {
  co_await aio::sleep(0);
  co_await aio::sleep(0.1 * n);
  co_return n;
}
inline aio::Coroutine<int> fails() {
  co_await aio::sleep(0.05);
  throw aio::ValueError("boom");
}
inline aio::Coroutine<void> sleeps_long() {
  aio::Finally cleanup([] { aio::print("cleanup"); });
  co_await aio::sleep(100);
}
inline aio::Coroutine<void> waits(aio::Event event, aio::Lock lock) {
  co_await event.wait();
  co_await lock.acquire();
  co_await aio::sleep(0.01);
  lock.release();
}
// Gather with an exception, Event, Lock contention, call_soon, a cancelled task, a wait_for
// timeout, a renamed task, and a task left pending for asyncio.run's shutdown to cancel.
inline aio::Coroutine<void> main_() {
  aio::Event event;
  aio::Lock lock;
  auto first = aio::create_task(waits(event, lock));
  auto second = aio::create_task(waits(event, lock));
  auto sleeper = aio::create_task(sleeps_long(), "sleeper");
  aio::get_running_loop().call_soon([event] { event.set(); });
  auto results = co_await aio::gather(aio::return_exceptions, worker(1), worker(2), fails());
  aio::print(aio::str(std::get<0>(results).value()));
  sleeper.set_name("sleepy");
  sleeper.cancel("enough");
  try {
    co_await sleeper;
  } catch (const aio::CancelledError&) {
    aio::print("sleeper cancelled");
  }
  try {
    co_await aio::wait_for(sleeps_long(), 0.01);
  } catch (const aio::TimeoutError&) {
    aio::print("timed out");
  }
  co_await first;
  co_await second;
  auto pending = aio::create_task(sleeps_long(), "left pending");
  co_await aio::sleep(0);
}
}  // namespace busy
