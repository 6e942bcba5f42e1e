#include "coroscope/trace/kind_names.hpp"

namespace coroscope::trace {

const char* to_string(HandleKind kind) noexcept {
  switch (kind) {
    case HandleKind::callback:
      return "callback";
    case HandleKind::task_step:
      return "task_step";
    case HandleKind::task_wakeup:
      return "task_wakeup";
    case HandleKind::done_callback:
      return "done_callback";
  }
  return "?";
}

}  // namespace coroscope::trace
