#pragma once
// Lessons with prediction questions in their own README texts, for predict mode's tests
// (predict_choices_test.cpp, predict_lessons_app.cpp): they must not live in lessons/, whose
// lessons and questions change on their own.
#include <coroscope/asyncio.hpp>
#include <string>
#include <string_view>

namespace predict_lessons {

namespace aio = coroscope;

inline aio::Coroutine<void> worker(std::string name, double delay) {
  aio::print(name, "starts");
  co_await aio::sleep(delay);
  aio::print(name, "done");
}

// main starts a (0.2 s) and b (0.1 s) and waits for both. The steps: 1 main creates both and
// suspends on a; 2 Task-2 (a) starts; 3 Task-3 (b) starts; 4 nothing is ready, b's timer
// fires; 5 b finishes; 6 a's timer fires; 7 a finishes; 8 main resumes.
inline aio::Coroutine<void> two_workers() {
  auto a = aio::create_task(worker("a", 0.2));
  auto b = aio::create_task(worker("b", 0.1));
  co_await a;
  co_await b;
  aio::print("main done");
}

// Its Python twin, for the source panel.
inline constexpr std::string_view two_workers_py =
    "import asyncio\n"
    "\n"
    "\n"
    "async def worker(name, delay):\n"
    "    print(name, \"starts\")\n"
    "    await asyncio.sleep(delay)\n"
    "    print(name, \"done\")\n"
    "\n"
    "\n"
    "async def two_workers():\n"
    "    a = asyncio.create_task(worker(\"a\", 0.2))\n"
    "    b = asyncio.create_task(worker(\"b\", 0.1))\n"
    "    await a\n"
    "    await b\n"
    "    print(\"main done\")\n"
    "\n"
    "\n"
    "asyncio.run(two_workers())\n";

inline constexpr std::string_view two_workers_readme =
    "# 81 \xC2\xB7 Two workers\n"
    "\n"
    "Two tasks sleep at once.\n"
    "\n"
    "## Questions\n"
    "\n"
    "**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** Which task runs once `main` has suspended?\n"
    "*Answer:* `Task-2`: it was created first, and the ready queue is first in, first out.\n"
    "\n"
    "**Q2 \xC2\xB7 step 4 \xC2\xB7 next-task** What runs when both workers sleep?\n"
    "*Answer:* Nothing is ready: the loop sleeps until the earliest timer, `b`'s.\n"
    "\n"
    "**Q3 \xC2\xB7 step 5 \xC2\xB7 next-output** What does the next printed line say?\n"
    "*Answer:* `b done`: its timer was the earliest.\n"
    "\n"
    "**Q4 \xC2\xB7 step 6 \xC2\xB7 choice** What does the loop's clock say when `a`'s timer fires?\n"
    "1. 0.1 s\n"
    "2. 0.2 s\n"
    "3. 0.3 s\n"
    "*Answer:* 2. The two sleeps run at the same time: `a`'s ends 0.2 s after the start.\n"
    "\n"
    "## Exercise\n"
    "\n"
    "Swap the delays.\n";

// The same lesson, with a README whose second question has no choices (line 8).
inline constexpr std::string_view malformed_readme =
    "# 82 \xC2\xB7 A malformed question\n"
    "\n"
    "## Questions\n"
    "\n"
    "**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** Which task runs once `main` has suspended?\n"
    "*Answer:* `Task-2`.\n"
    "\n"
    "**Q2 \xC2\xB7 step 6 \xC2\xB7 choice** What does the clock say?\n"
    "*Answer:* 2.\n";

// A question about a step the lesson never reaches (it has 8 steps and its close).
inline constexpr std::string_view unreachable_readme =
    "## Questions\n"
    "**Q1 \xC2\xB7 step 500 \xC2\xB7 next-task** What runs?\n"
    "*Answer:* Nothing.\n";

}  // namespace predict_lessons
