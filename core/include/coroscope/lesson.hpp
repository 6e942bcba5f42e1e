#pragma once
// COROSCOPE_LESSON(main_): the last line of a lesson, Python's `asyncio.run(main())`.
// It makes lesson.cpp a program that prints exactly what `python3 lesson.py` prints. Lessons
// run on VirtualClock (set COROSCOPE_CLOCK=real for real time): the order is the same, and a
// lesson that sleeps for seconds finishes at once.
#include <exception>
#include <optional>
#include <string>

#include "coroscope/clock.hpp"
#include "coroscope/coroutine.hpp"
#include "coroscope/trace.hpp"

namespace coroscope {

using LessonMain = Coroutine<void> (*)();

// How the `coroscope` command runs a lesson; the defaults are the standalone program's.
struct LessonOptions {
  bool debug = false;              // asyncio.run(main(), debug=True)
  std::optional<ClockKind> clock;  // unset: COROSCOPE_CLOCK, else VirtualClock
  Tracer* tracer = nullptr;        // receives every event of the run, from Task-1's creation on
};

// The exit status of a program stopped by Ctrl-C (KeyboardInterrupt): 128 + SIGINT, what a
// shell shows for Python's.
inline constexpr int exit_interrupted = 130;

// Runs the lesson's main coroutine like `asyncio.run`. An exception escaping main is reported
// the way Python reports an uncaught one (its type and message on stderr), with exit status 1;
// exit_interrupted for KeyboardInterrupt (interrupt.hpp).
int lesson_main(LessonMain main, const LessonOptions& options = {});

// What lesson_main prints for an exception that escaped main, as Python prints an uncaught
// one: "Traceback (most recent call last):\n  (the lesson's main coroutine)\nValueError: bad".
std::string lesson_traceback(const std::exception_ptr& error);

}  // namespace coroscope

#ifdef COROSCOPE_LESSON_REGISTRY
// Compiled into the lesson registry (lessons/registry.hpp), a lesson hands over its main
// coroutine instead of defining main(): each lesson sits in its own namespace there.
#define COROSCOPE_LESSON(main_function) \
  ::coroscope::LessonMain registered_main() { return &main_function; }
#else
#define COROSCOPE_LESSON(main_function) \
  int main() { return ::coroscope::lesson_main(&main_function); }
#endif
