#include "commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <coroscope/lesson.hpp>
#include <coroscope/print.hpp>
#include <coroscope/trace/chrome_trace.hpp>
#include <coroscope/trace/event_format.hpp>
#include <coroscope/trace/jsonl.hpp>
#include <coroscope/trace/recorder.hpp>
#include <coroscope/trace/text_timeline.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "lessons/registry.hpp"

namespace coroscope::cli {

namespace {

void write_lesson_list(std::FILE* out) {
  std::size_t width = 0;
  for (const lessons::Lesson& lesson : lessons::all_lessons()) width = std::max(width, lesson.name.size());
  for (const lessons::Lesson& lesson : lessons::all_lessons())
    std::fprintf(out, "  %-*.*s  %.*s\n", static_cast<int>(width), static_cast<int>(lesson.name.size()),
                 lesson.name.data(), static_cast<int>(lesson.summary.size()), lesson.summary.data());
}

// Colour only for a person at a terminal: not into a file or a pipe, and never against
// NO_COLOR (https://no-color.org) or --no-color.
bool use_color(const RunRequest& request) {
  const char* no_color = std::getenv("NO_COLOR");
  return request.out.empty() && !request.no_color && !(no_color && *no_color) && isatty(STDOUT_FILENO);
}

void write_trace(std::ostream& out, const trace::Recorder& recorder, const RunRequest& request,
                 const trace::TraceInfo& info) {
  switch (request.trace) {
    case TraceFormat::none:
      break;
    case TraceFormat::text:
      trace::write_text_timeline(out, recorder, {.color = use_color(request)});
      break;
    case TraceFormat::jsonl:
      trace::write_jsonl(out, recorder, info);
      break;
    case TraceFormat::chrome:
      trace::write_chrome_trace(out, recorder, info);
      break;
    case TraceFormat::events:
      for (std::size_t i = 0; i < recorder.size(); ++i) out << trace::format_event(recorder, i) << '\n';
      break;
  }
}

}  // namespace

int list_lessons() {
  write_lesson_list(stdout);
  return 0;
}

int run_lesson(const RunRequest& request) {
  const lessons::Lesson* lesson = lessons::find_lesson(request.lesson);
  if (!lesson) {
    std::fprintf(stderr, "coroscope: there is no lesson '%s'. The lessons are:\n", request.lesson.c_str());
    write_lesson_list(stderr);
    return exit_usage;
  }
  std::ofstream file;
  if (!request.out.empty()) {
    file.open(request.out, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "coroscope: cannot write the trace to '%s'\n", request.out.c_str());
      return exit_usage;
    }
  }

  // The lesson's print() lines go to stdout, unless the trace goes there: then they are in
  // the trace, as `output` events.
  const bool traced = request.trace != TraceFormat::none;
  const bool trace_on_stdout = traced && request.out.empty();
  set_output_sink([trace_on_stdout](std::string_view line) {
    if (trace_on_stdout) return;
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
  });
  trace::Recorder recorder;
  const int status = lesson_main(
      lesson->main, {.debug = request.debug, .clock = request.clock, .tracer = traced ? &recorder : nullptr});
  set_output_sink({});

  // Even after a failure: the trace up to the exception is what explains it.
  const trace::TraceInfo info{
      .program = std::string(lesson->name),
      .clock = request.clock.value_or(default_clock_kind()) == ClockKind::real ? "real" : "virtual"};
  if (file.is_open()) {
    write_trace(file, recorder, request, info);
  } else {
    write_trace(std::cout, recorder, request, info);
  }
  std::cout.flush();
  return status;
}

}  // namespace coroscope::cli
