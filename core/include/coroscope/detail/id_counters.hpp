#pragma once
// The process-wide counters that number tasks (asyncio.tasks._task_name_counter, "Task-N")
// and give futures and handles their trace ids. They live for the process, as in Python: a
// second asyncio.run() in one program goes on counting (oracle 32).
#include <cstdint>

namespace coroscope::detail {

struct IdCounters {
  std::uint32_t task_number = 0;
  std::uint32_t future = 0;
  std::uint32_t handle = 0;
};
inline IdCounters id_counters;

}  // namespace coroscope::detail
