#include "coroscope/trace.hpp"

namespace coroscope {

const char* to_string(TraceKind kind) noexcept {
  switch (kind) {
    case TraceKind::iteration_begin:
      return "iteration_begin";
    case TraceKind::loop_stopped:
      return "loop_stopped";
    case TraceKind::timer_due:
      return "timer_due";
    case TraceKind::handle_scheduled:
      return "handle_scheduled";
    case TraceKind::timer_scheduled:
      return "timer_scheduled";
    case TraceKind::handle_run:
      return "handle_run";
    case TraceKind::handle_cancelled:
      return "handle_cancelled";
    case TraceKind::handle_cancel:
      return "handle_cancel";
    case TraceKind::task_created:
      return "task_created";
    case TraceKind::future_created:
      return "future_created";
    case TraceKind::step_end:
      return "step_end";
    case TraceKind::suspend:
      return "suspend";
    case TraceKind::await_frame:
      return "await_frame";
    case TraceKind::future_done:
      return "future_done";
    case TraceKind::cancel_requested:
      return "cancel_requested";
    case TraceKind::exception_raised:
      return "exception_raised";
    case TraceKind::task_renamed:
      return "task_renamed";
    case TraceKind::io_wait:
      return "io_wait";
    case TraceKind::callback_source:
      return "callback_source";
    case TraceKind::callback_added:
      return "callback_added";
    case TraceKind::callback_removed:
      return "callback_removed";
    case TraceKind::future_cancel:
      return "future_cancel";
    case TraceKind::output:
      return "output";
    case TraceKind::diagnostic:
      return "diagnostic";
  }
  return "?";
}

const char* to_string(StepOutcome outcome) noexcept {
  switch (outcome) {
    case StepOutcome::yielded:
      return "yielded";
    case StepOutcome::finished:
      return "finished";
    case StepOutcome::raised:
      return "raised";
    case StepOutcome::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* to_string(DoneState state) noexcept {
  switch (state) {
    case DoneState::result:
      return "result";
    case DoneState::exception:
      return "exception";
    case DoneState::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* to_string(Diagnostic diagnostic) noexcept {
  switch (diagnostic) {
    case Diagnostic::exception_handler:
      return "exception_handler";
    case Diagnostic::never_awaited:
      return "never_awaited";
    case Diagnostic::pending_at_close:
      return "pending_at_close";
    case Diagnostic::slow_callback:
      return "slow_callback";
    case Diagnostic::deadlock:
      return "deadlock";
    case Diagnostic::interrupted:
      return "interrupted";
  }
  return "?";
}

}  // namespace coroscope
