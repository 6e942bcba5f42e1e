#pragma once
// What the `coroscope` subcommands do, apart from parsing their flags (main.cpp).
#include <coroscope/clock.hpp>
#include <cstddef>
#include <optional>
#include <string>

namespace coroscope::cli {

// Exit statuses: 0 done, 1 the lesson raised (a traceback on stderr) or the output or trace
// could not be written, 2 bad command line, 130 stopped by Ctrl-C or SIGTERM
// (coroscope::exit_interrupted).
inline constexpr int exit_failure = 1;
inline constexpr int exit_usage = 2;

enum class TraceFormat { none, text, jsonl, chrome, events };

struct RunRequest {
  std::string lesson;  // folder name or number
  TraceFormat trace = TraceFormat::none;
  std::string out;                 // the trace's file; empty: stdout
  std::optional<ClockKind> clock;  // unset: COROSCOPE_CLOCK, else virtual
  bool debug = false;
  bool no_color = false;
};

// `coroscope list`: every lesson with its one-line summary, on stdout.
int list_lessons();

// `coroscope gui [LESSON]` (and `coroscope` alone): the visualizer (gui_command.cpp).
struct GuiRequest {
  std::string lesson = "1";
  std::size_t steps = 0;
  std::string screenshot, script, dump_model;
  int width = 1280, height = 720;
  bool dark = false;
  bool text = false;     // the text timeline instead of the window
  bool predict = false;  // predict mode: stop at the README's questions
};

// Opens the app; with no display (DISPLAY and WAYLAND_DISPLAY unset) or with --text, prints
// the lesson's text timeline instead, after a line saying why.
int open_gui(const GuiRequest& request);

// `coroscope run LESSON`: the lesson's output on stdout, exactly what `python3 lesson.py`
// prints. With --trace and no --out, stdout carries the trace instead, and the lesson's
// lines are in it as `output` events.
// With --out FILE the trace replaces FILE only once it is complete; on Ctrl-C or SIGTERM the
// lesson stops (KeyboardInterrupt), its trace so far is written, and the status is 130.
int run_lesson(const RunRequest& request);

// Flushes stdout, the last of a command: a write that failed (a full disk, a closed pipe) is
// reported with its reason and makes the status non-zero.
int finish_output(int status);

}  // namespace coroscope::cli
