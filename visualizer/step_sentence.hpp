#pragma once
// The explanation panel's sentence about one step, written from the step's events and the
// model after it: what the loop ran, what that did, and what it means for the next
// iteration, e.g. "the timer of sleep(0.1) fired, finishing sleep #2; Task-3 will resume next
// iteration, not now." It is what a teacher reads aloud, so it names tasks and futures as the
// panels do and states asyncio's rule where one explains the outcome.
#include <coroscope/trace/loop_model.hpp>
#include <coroscope/trace/recorder.hpp>
#include <cstddef>
#include <string>

namespace coroscope::visualizer {

// The step whose events are recorder[begin, end), with `model` after them; `run_closed`: it
// is the last step and the loop has closed.
std::string describe_step(const trace::LoopModel& model, const trace::Recorder& recorder, std::size_t begin,
                          std::size_t end, bool run_closed);

}  // namespace coroscope::visualizer
