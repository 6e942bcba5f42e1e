// The app on lessons whose READMEs ask questions (predict_lessons.hpp), for predict mode's
// headless tests and its screenshot. Usage: predict_lessons_app LESSON SCRIPT [WxH]
// (gui_test.py). The source panel shows predict_lessons.hpp itself, where the lessons are, so
// its lines are those the trace names.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "lessons_app.hpp"
#include "predict_lessons.hpp"

namespace {

using test_lessons::lesson;

coroscope::lessons::Lesson with_sources(coroscope::lessons::Lesson l, std::string_view cpp, std::string_view py) {
  l.cpp_source = cpp;
  l.py_source = py;
  return l;
}

}  // namespace

int main(int argc, char** argv) {
  std::ifstream file(PREDICT_LESSONS_HPP);
  const std::string cpp{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
  const std::vector<coroscope::lessons::Lesson> lessons{
      with_sources(lesson("81_two_workers", 81, "Two workers", predict_lessons::two_workers,
                          predict_lessons::two_workers_readme),
                   cpp, predict_lessons::two_workers_py),
      with_sources(lesson("82_malformed_question", 82, "A malformed question", predict_lessons::two_workers,
                          predict_lessons::malformed_readme),
                   cpp, predict_lessons::two_workers_py),
  };
  return test_lessons::run_app_on(lessons, argc, argv);
}
