#pragma once
// One line per event, every field named: the raw form tests compare against golden sequences
// and `--trace events` prints. (The text timeline for students is a separate, friendlier view.)
#include <coroscope/trace.hpp>
#include <string>

#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

// e.g. "#12 it=3 t=0.000 handle_run h7 task_step task=Task-2"
std::string format_event(const TraceEvent& event, const Recorder& recorder);

}  // namespace coroscope::trace
