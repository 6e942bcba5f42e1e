#include "coroscope/lesson.hpp"

#include <cstdio>

#include "coroscope/run.hpp"

namespace coroscope {

int lesson_main(LessonMain main, const LessonOptions& options) {
  set_default_clock_kind(ClockKind::virtual_time);
  try {
    // asyncio.run(main()), with the tracer attached to the fresh loop before Task-1 exists.
    detail::Runner runner({.debug = options.debug, .clock = options.clock});
    runner.loop().set_tracer(options.tracer);
    try {
      runner.run(main());
    } catch (...) {
      runner.close();
      throw;
    }
    runner.close();
    return 0;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "Traceback (most recent call last):\n  (the lesson's main coroutine)\n%s: %s\n",
                 type_name(e).c_str(), e.what());
    return 1;
  }
}

}  // namespace coroscope
