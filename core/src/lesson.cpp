#include "coroscope/lesson.hpp"

#include <cstdio>

#include "coroscope/interrupt.hpp"
#include "coroscope/run.hpp"

namespace coroscope {

std::string lesson_traceback(const std::exception_ptr& error) {
  return "Traceback (most recent call last):\n  (the lesson's main coroutine)\n" + format_exception_only(error);
}

int lesson_main(LessonMain main, const LessonOptions& options) {
  set_default_clock_kind(ClockKind::virtual_time);
  try {
    run(main(), {.debug = options.debug, .clock = options.clock, .tracer = options.tracer});
    return 0;
  } catch (...) {
    // Whatever main threw, a std::exception or not (`throw 42;`), is reported, not terminate()d.
    std::fflush(stdout);
    std::fprintf(stderr, "%s\n", lesson_traceback(std::current_exception()).c_str());
    return is_instance<KeyboardInterrupt>(std::current_exception()) ? exit_interrupted : 1;
  }
}

}  // namespace coroscope
