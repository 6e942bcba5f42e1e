#pragma once
// JSON Lines, the project's trace format (docs/trace-format.md): a header object, then one
// object per event. It carries no C++-only facts — names, files and text are strings, ids are
// small integers, kinds and states are words — so another producer (a recorder of CPython
// asyncio programs) can write it and the visualizer can open either.
#include <istream>
#include <ostream>
#include <stdexcept>

#include "coroscope/trace/recorder.hpp"
#include "coroscope/trace/trace_info.hpp"

namespace coroscope::trace {

// Version 2: no step_begin or wakeup events (a task_step / task_wakeup handle_run starts a
// step), a step that suspends ends with its `suspend`, await_frame only for chains of two or
// more frames, and `t` is the time the event's iteration began.
inline constexpr int jsonl_version = 2;

void write_jsonl(std::ostream& out, const Recorder& recorder, const TraceInfo& info = {});

// A line that is not valid JSON, or not an event this version knows; what() names the line.
class TraceFormatError : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Appends the trace's events to `recorder` and returns its header. Throws TraceFormatError.
TraceInfo read_jsonl(std::istream& in, Recorder& recorder);

}  // namespace coroscope::trace
