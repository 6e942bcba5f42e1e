// The app on the lessons that go wrong (bad_lessons.hpp): it shows each diagnosis and keeps
// running. Usage: bad_lessons_app LESSON SCRIPT (gui_test.py).
#include <vector>

#include "bad_lessons.hpp"
#include "lessons_app.hpp"

namespace {

using test_lessons::lesson;

const std::vector<coroscope::lessons::Lesson> the_lessons{
    lesson("91_raises", 91, "main raises ValueError", bad_lessons::raises),
    lesson("92_deadlocks", 92, "main awaits a task that waits forever", bad_lessons::deadlocks),
    lesson("93_never_awaited", 93, "a coroutine never awaited", bad_lessons::never_awaits),
};

}  // namespace

int main(int argc, char** argv) { return test_lessons::run_app_on(the_lessons, argc, argv); }
