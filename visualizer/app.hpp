#pragma once
// The visualizer app: a GLFW window with an OpenGL 3.3 core context, Dear ImGui's frame loop,
// the panels laid out as fixed windows, a Session stepping the lesson. Interactive by
// default; headless (for tests and the documentation) when asked for a screenshot or a script.
#include <cstddef>
#include <span>
#include <string>

#include "lessons/registry.hpp"

namespace coroscope::visualizer {

struct AppOptions {
  // The lessons the picker offers: the registry's, or a test's own.
  std::span<const lessons::Lesson> lessons = lessons::all_lessons();
  std::string lesson = "1";  // a folder name or a number, among `lessons`
  std::size_t steps = 0;     // steps to take before showing (or scripting, or screenshotting)
  std::string screenshot;    // write a PNG after the steps (and the script) and exit
  std::string script;        // run these actions (script.hpp), then exit
  std::string dump_model;    // write the model as JSON at the end
  int width = 1280, height = 720;
  bool dark = false;
  bool predict = false;  // predict mode on from the start (predict/predict_mode.hpp)
};

// Exit statuses: 0 done, 1 no window could be opened (or a file not written), 2 a bad script
// or an unknown lesson.
int run_app(const AppOptions& options);

}  // namespace coroscope::visualizer
