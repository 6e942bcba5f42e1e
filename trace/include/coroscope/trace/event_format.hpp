#pragma once
// One line per event, every field named: the raw form tests compare against golden sequences
// and `--trace events` prints. (The text timeline for students is a separate, friendlier view.)
#include <coroscope/trace.hpp>
#include <cstddef>
#include <string>

#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

// e.g. "#12 it=3 t=0.000 handle_run h7 task_step task=Task-2"
// The event at `index` of the recording; its sequence number is index + 1.
std::string format_event(const Recorder& recorder, std::size_t index);

}  // namespace coroscope::trace
