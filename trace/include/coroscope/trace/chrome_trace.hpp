#pragma once
// Chrome trace-event JSON, for https://ui.perfetto.dev (docs/trace-format.md): the event loop
// as one lane, one lane per task with its name, non-overlapping slices for what each task does
// (ready, running, waiting on a future), flow arrows from the step that completed a future to
// the step it woke, and a counter track for the ready queue's length.
//
// Time: one microsecond per trace event. On the virtual clock every step takes no time, so
// loop time would pile everything onto a few instants; counting events keeps the order of
// everything visible. Each slice's args carry the loop time and iteration.
#include <ostream>

#include "coroscope/trace/recorder.hpp"
#include "coroscope/trace/trace_info.hpp"

namespace coroscope::trace {

void write_chrome_trace(std::ostream& out, const Recorder& recorder, const TraceInfo& info = {});

}  // namespace coroscope::trace
