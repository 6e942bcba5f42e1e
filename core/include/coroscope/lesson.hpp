#pragma once
// COROSCOPE_LESSON(main_): the last line of a lesson, Python's `asyncio.run(main())`.
// It makes lesson.cpp a program that prints exactly what `python3 lesson.py` prints. Lessons
// run on VirtualClock (set COROSCOPE_CLOCK=real for real time): the order is the same, and a
// lesson that sleeps for seconds finishes at once.
#include "coroscope/coroutine.hpp"

namespace coroscope {

// Runs the lesson's main coroutine like `asyncio.run`. An exception escaping main is reported
// the way Python reports an uncaught one (its type and message on stderr), with exit status 1.
int lesson_main(Coroutine<void> (*main)());

}  // namespace coroscope

#define COROSCOPE_LESSON(main_function) \
  int main() { return ::coroscope::lesson_main(&main_function); }
