#pragma once
// What a trace file says about the run beyond its events: which program, on which clock.
#include <string>
#include <vector>

namespace coroscope::trace {

struct TraceInfo {
  std::string program;  // a lesson's folder name, or a script's file name
  std::string clock;    // "virtual" or "real"; empty when unknown
  // What read_jsonl forgave, one sentence each (the file's, not the run's): a last line cut
  // short, whose events before it were read. Never written.
  std::vector<std::string> warnings = {};
};

}  // namespace coroscope::trace
