// `coroscope gui`: the visualizer, or its text mode where no window can open.
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "lessons/registry.hpp"
#include "visualizer/model_json.hpp"
#include "visualizer/session.hpp"
#ifdef COROSCOPE_HAS_VISUALIZER
#include "visualizer/app.hpp"
#endif

namespace coroscope::cli {

namespace {

// `coroscope run LESSON`, with the trace asked for: an unknown lesson lists the lessons.
int run(const std::string& lesson, TraceFormat trace) {
  RunRequest request;
  request.lesson = lesson;
  request.trace = trace;
  return run_lesson(request);
}

// The text mode: what `coroscope run LESSON --trace text` prints.
int print_text_timeline(const GuiRequest& request, const char* why) {
  std::fprintf(stderr, "coroscope: %s: printing the text timeline instead\n", why);
  return run(request.lesson, TraceFormat::text);
}

// --dump-model alone needs no window: the model comes from the session, not from drawing.
int dump_model_only(const GuiRequest& request) {
  const lessons::Lesson* lesson = lessons::find_lesson(request.lesson);
  if (!lesson) return run(request.lesson, TraceFormat::none);
  visualizer::Session session(lesson->main);
  for (std::size_t i = 0; i < request.steps && session.step_forward(); ++i) {
  }
  if (!visualizer::write_model_json(session, lesson->name, request.dump_model)) {
    std::fprintf(stderr, "coroscope: cannot write the model to '%s'\n", request.dump_model.c_str());
    return 1;
  }
  return 0;
}

// Whether a window can open here at all.
bool display_available() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 && *x11) || (wayland && *wayland);
}

}  // namespace

int open_gui(const GuiRequest& request) {
  // An unknown lesson: run_lesson lists the lessons, exit 2.
  if (!lessons::find_lesson(request.lesson)) return run(request.lesson, TraceFormat::none);
  const bool headless = !request.screenshot.empty() || !request.script.empty();
  if (!headless && !request.dump_model.empty()) return dump_model_only(request);
  if (request.text) return print_text_timeline(request, "--text");
#ifdef COROSCOPE_HAS_VISUALIZER
  if (!display_available()) {
    if (headless) {
      std::fprintf(stderr, "coroscope: a screenshot or a script needs a display (run it under xvfb-run)\n");
      return 1;
    }
    return print_text_timeline(request, "no display (DISPLAY and WAYLAND_DISPLAY are unset)");
  }
  visualizer::AppOptions options;
  options.lesson = request.lesson;
  options.steps = request.steps;
  options.screenshot = request.screenshot;
  options.script = request.script;
  options.dump_model = request.dump_model;
  options.width = request.width;
  options.height = request.height;
  options.dark = request.dark;
  options.predict = request.predict;
  return visualizer::run_app(options);
#else
  if (headless) {
    std::fprintf(stderr, "coroscope: built without the visualizer (COROSCOPE_VISUALIZER=OFF)\n");
    return 1;
  }
  return print_text_timeline(request, "built without the visualizer (COROSCOPE_VISUALIZER=OFF)");
#endif
}

}  // namespace coroscope::cli
