#include "commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <coroscope/interrupt.hpp>
#include <coroscope/lesson.hpp>
#include <coroscope/print.hpp>
#include <coroscope/trace/chrome_trace.hpp>
#include <coroscope/trace/event_format.hpp>
#include <coroscope/trace/jsonl.hpp>
#include <coroscope/trace/recorder.hpp>
#include <coroscope/trace/text_timeline.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <optional>
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

// Why the first write to stdout that failed did (an errno), for finish_output: by the end of
// the command errno may say something else.
int stdout_error = 0;
void check_stdout() {
  if (stdout_error == 0 && std::ferror(stdout)) stdout_error = errno ? errno : EIO;
}

// The trace's file. A regular file (or a new one) is written beside it, under a temporary
// name, and renamed over it only once complete: a run that fails or is killed leaves the
// previous file as it was. Anything else (/dev/stdout, a pipe) is written in place.
class TraceFile {
 public:
  // Opens the file to write; on failure, error() says why.
  explicit TraceFile(const std::string& path) : path_(path) {
    struct stat status;
    const bool in_place = stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode);
    if (!in_place) {
      const std::size_t slash = path.rfind('/');
      const std::size_t name = slash == std::string::npos ? 0 : slash + 1;
      temporary_ = path.substr(0, name) + "." + path.substr(name) + "." + std::to_string(getpid()) + ".tmp";
    }
    errno = 0;
    out_.open(in_place ? path : temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) fail();
  }
  TraceFile(const TraceFile&) = delete;
  TraceFile& operator=(const TraceFile&) = delete;
  ~TraceFile() {
    if (!temporary_.empty()) std::remove(temporary_.c_str());  // not committed: the old file stays
  }

  std::ostream& stream() noexcept { return out_; }
  // The temporary file's name (empty when the file is written in place), for the signal
  // handler that removes it when the process is stopped the hard way.
  const std::string& temporary() const noexcept { return temporary_; }
  const std::string& error() const noexcept { return error_; }

  // Flushes, closes and renames the file into place: false (and error()) if any of it failed,
  // including a write before.
  bool commit() {
    if (!out_) return fail();  // a write of the trace failed: errno still says why
    errno = 0;
    out_.flush();
    if (!out_) return fail();
    out_.close();
    if (!out_) return fail();
    if (!temporary_.empty()) {
      if (std::rename(temporary_.c_str(), path_.c_str()) != 0) return fail();
      temporary_.clear();
    }
    return true;
  }

 private:
  bool fail() {
    error_ = "cannot write the trace to '" + path_ + "': " + std::strerror(errno ? errno : EIO);
    return false;
  }

  std::string path_;
  std::string temporary_;
  std::ofstream out_;
  std::string error_;
};

// SIGINT (Ctrl-C) and SIGTERM stop the lesson the way Python's KeyboardInterrupt does: the
// loop's next wait raises it, asyncio.run's shutdown runs, and the trace recorded until then is
// written (exit 130). A second signal while the first is still pending means the loop is not
// waiting (a sleep(0) loop): the process stops at once, removing the unfinished file. The
// handler does only async-signal-safe things: a flag, unlink, signal, raise.
char unfinished_file[PATH_MAX];

extern "C" void on_stop_signal(int signal_number) {
  if (!interrupt_pending()) {
    interrupt_main();
    return;
  }
  if (unfinished_file[0] != '\0') unlink(unfinished_file);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

class StopSignals {
 public:
  explicit StopSignals(const std::string& unfinished) {
    unfinished.copy(unfinished_file, sizeof unfinished_file - 1);
    unfinished_file[std::min(unfinished.size(), sizeof unfinished_file - 1)] = '\0';
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: the signal cuts the loop's wait short
    for (int signal_number : {SIGINT, SIGTERM}) sigaction(signal_number, &action, nullptr);
  }
  ~StopSignals() {
    for (int signal_number : {SIGINT, SIGTERM}) std::signal(signal_number, SIG_DFL);
    unfinished_file[0] = '\0';
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
};

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
  // A lesson's clock is virtual unless --clock or COROSCOPE_CLOCK says otherwise, as
  // lesson_main decides: the default must be set before it is read here.
  set_default_clock_kind(ClockKind::virtual_time);
  ClockKind clock = ClockKind::virtual_time;
  try {
    clock = request.clock.value_or(default_clock_kind());
  } catch (const ValueError& e) {
    std::fprintf(stderr, "coroscope: %s\n", e.what());
    return exit_usage;
  }
  std::optional<TraceFile> file;
  if (!request.out.empty()) {
    file.emplace(request.out);
    if (!file->error().empty()) {
      std::fprintf(stderr, "coroscope: %s\n", file->error().c_str());
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
    check_stdout();
  });
  trace::Recorder recorder;
  // Until the trace is written: a second signal then removes the unfinished file.
  const StopSignals stop_signals(file ? file->temporary() : std::string());
  const int status =
      lesson_main(lesson->main, {.debug = request.debug, .clock = clock, .tracer = traced ? &recorder : nullptr});
  set_output_sink({});

  // Even after a failure or Ctrl-C: the trace up to there is what explains it.
  const trace::TraceInfo info{.program = std::string(lesson->name),
                              .clock = clock == ClockKind::real ? "real" : "virtual"};
  if (!file) {
    write_trace(std::cout, recorder, request, info);
    std::cout.flush();
    check_stdout();
    return status;
  }
  write_trace(file->stream(), recorder, request, info);
  if (!file->commit()) {
    std::fprintf(stderr, "coroscope: %s\n", file->error().c_str());
    return exit_failure;
  }
  return status;
}

int finish_output(int status) {
  std::fflush(stdout);
  check_stdout();
  if (stdout_error == 0) return status;
  std::fprintf(stderr, "coroscope: cannot write to standard output: %s\n", std::strerror(stdout_error));
  return status == 0 ? exit_failure : status;
}

}  // namespace coroscope::cli
