#pragma once
// What a trace file says about the run beyond its events: which program, on which clock.
#include <string>

namespace coroscope::trace {

struct TraceInfo {
  std::string program;  // a lesson's folder name, or a script's file name
  std::string clock;    // "virtual" or "real"; empty when unknown
};

}  // namespace coroscope::trace
