// The app on the lessons that go wrong (bad_lessons.hpp): it shows each diagnosis and keeps
// running. Usage: bad_lessons_app LESSON SCRIPT (gui_test.py).
#include <cstdio>
#include <string_view>
#include <vector>

#include "bad_lessons.hpp"
#include "visualizer/app.hpp"

namespace aio = coroscope;

namespace {

aio::lessons::Lesson lesson(std::string_view name, int number, std::string_view summary, aio::LessonMain main) {
  aio::lessons::Lesson l;
  l.name = name;
  l.number = number;
  l.summary = summary;
  l.main = main;
  l.readme = summary;
  return l;
}

const std::vector<aio::lessons::Lesson> the_lessons{
    lesson("91_raises", 91, "main raises ValueError", bad_lessons::raises),
    lesson("92_deadlocks", 92, "main awaits a task that waits forever", bad_lessons::deadlocks),
    lesson("93_never_awaited", 93, "a coroutine never awaited", bad_lessons::never_awaits),
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: bad_lessons_app LESSON SCRIPT\n");
    return 2;
  }
  aio::visualizer::AppOptions options;
  options.lessons = the_lessons;
  options.lesson = argv[1];
  options.script = argv[2];
  return aio::visualizer::run_app(options);
}
