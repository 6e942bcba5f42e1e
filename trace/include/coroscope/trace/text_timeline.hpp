#pragma once
// The text timeline (`coroscope run LESSON --trace text`): the teaching view of a trace, for
// terminals and for machines with no display. One line per loop event that a student can read
// aloud, grouped by loop iteration:
//
//   ── iteration 4 · t=0.500 · ready: [sleep #1 timer] ──
//     timer due: sleep #1 → Task-1 will wake
//     sleep #1 done → schedules Task-1's wakeup
//   ── iteration 5 · t=0.500 · ready: [Task-1 wakeup] ──
//     Task-1 resumes: sleep #1 is done
//     Task-1 prints: inline: done after 0.5s
//
// Futures are numbered #1, #2, ... in the order the trace creates them, so the text does not
// depend on what ran earlier in the same process.
#include <ostream>

#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

struct TimelineOptions {
  bool color = false;  // ANSI colours (for a terminal)
};

void write_text_timeline(std::ostream& out, const Recorder& recorder, const TimelineOptions& options = {});

}  // namespace coroscope::trace
