#pragma once
// The app on lessons of a test's own (bad_lessons_app.cpp, predict_lessons_app.cpp), driven by
// a script: `APP LESSON SCRIPT [WxH]` (gui_test.py; the window is 1280x720 unless WxH says).
#include <cstdio>
#include <span>
#include <string_view>

#include "visualizer/app.hpp"

namespace test_lessons {

// A lesson whose README is its summary unless it has one of its own.
inline coroscope::lessons::Lesson lesson(std::string_view name, int number, std::string_view summary,
                                         coroscope::LessonMain main, std::string_view readme = {}) {
  coroscope::lessons::Lesson l;
  l.name = name;
  l.number = number;
  l.summary = summary;
  l.main = main;
  l.readme = readme.empty() ? summary : readme;
  return l;
}

inline int run_app_on(std::span<const coroscope::lessons::Lesson> lessons, int argc, char** argv) {
  coroscope::visualizer::AppOptions options;
  if (argc < 3 || argc > 4 || (argc == 4 && std::sscanf(argv[3], "%dx%d", &options.width, &options.height) != 2)) {
    std::fprintf(stderr, "usage: %s LESSON SCRIPT [WxH]\n", argv[0]);
    return 2;
  }
  options.lessons = lessons;
  options.lesson = argv[1];
  options.script = argv[2];
  return coroscope::visualizer::run_app(options);
}

}  // namespace test_lessons
