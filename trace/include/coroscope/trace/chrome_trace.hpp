#pragma once
// Chrome trace-event JSON, for https://ui.perfetto.dev (docs/trace-format.md), drawn from the
// one model of the loop (LoopModel), as the visualizer's timeline is: the event loop as one
// lane (a slice per handle it runs, named as the ready queue names it, and an instant per
// iteration with the I/O wait before it), one lane per task with its name (non-overlapping
// slices: ready, running, waiting on a future with its await chain), flow arrows for "created"
// and "woke", the printed lines, diagnostics, and a counter track for the ready queue's length.
//
// Time: one millisecond per loop step, the visualizer's axis. On the virtual clock every step
// takes no time, so loop time would pile everything onto a few instants; counting steps keeps
// the order of everything visible. Each slice's args carry the loop time and iteration.
#include <ostream>

#include "coroscope/trace/recorder.hpp"
#include "coroscope/trace/trace_info.hpp"

namespace coroscope::trace {

void write_chrome_trace(std::ostream& out, const Recorder& recorder, const TraceInfo& info = {});

}  // namespace coroscope::trace
