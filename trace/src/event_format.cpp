#include "coroscope/trace/event_format.hpp"

#include <cstdio>

#include "coroscope/trace/kind_names.hpp"
#include "labels.hpp"

namespace coroscope::trace {

std::string format_event(const Recorder& recorder, std::size_t index) {
  const TraceEvent& e = recorder[index];
  const auto& s = recorder.strings();
  auto task = [&](std::uint32_t id) {
    auto name = recorder.task_name(id);
    return name.empty() ? "#" + std::to_string(id) : std::string(name);
  };
  // A task is a future too: name it when it is one.
  auto future = [&](std::uint32_t id) {
    auto name = recorder.task_name(id);
    return name.empty() ? "f" + std::to_string(id) : std::string(name);
  };
  char head[64];
  std::snprintf(head, sizeof head, "#%llu it=%u t=%.3f ", static_cast<unsigned long long>(index + 1),
                recorder.iteration(index), recorder.time(index));
  std::string line = head;
  line += to_string(e.kind);
  auto handle = [&] {
    line += " h" + std::to_string(e.handle) + " " + to_string(static_cast<HandleKind>(e.detail));
    if (e.task) line += " task=" + task(e.task);
    if (e.future) line += " future=" + future(e.future);
  };
  switch (e.kind) {
    case TraceKind::iteration_begin:
      line += " ready=" + std::to_string(e.a) + " timers=" + std::to_string(e.b);
      break;
    case TraceKind::loop_stopped:
      if (e.future) line += " until=" + future(e.future);
      break;
    case TraceKind::handle_scheduled:
      handle();
      line += " position=" + std::to_string(e.a);
      break;
    case TraceKind::timer_scheduled:
    case TraceKind::timer_due: {
      handle();
      char when[32];
      std::snprintf(when, sizeof when, " when=%.3f", e.value);
      line += when;
      break;
    }
    case TraceKind::handle_run:
    case TraceKind::handle_cancelled:
    case TraceKind::handle_cancel:
      handle();
      break;
    case TraceKind::task_created:
      line += " " + s[e.a] + " coro=" + s[e.b];  // the name it was created with
      if (e.future) line += " by=" + task(e.future);
      break;
    case TraceKind::future_created:
      line += " f" + std::to_string(e.future) + " " + to_string(static_cast<FutureKind>(e.detail));
      if (e.task) line += " by=" + task(e.task);
      break;
    case TraceKind::step_end:
      line += " " + task(e.task) + " " + to_string(static_cast<StepOutcome>(e.detail));
      break;
    case TraceKind::suspend:
      line += " " + task(e.task) +
              (e.future ? " on " + future(e.future) + " (" + to_string(static_cast<FutureKind>(e.detail)) + ")"
                        : std::string(" yields")) +
              " line " + std::to_string(e.b);
      break;
    case TraceKind::await_frame:
      line += " " + task(e.task) + " depth=" + std::to_string(e.detail) + " " + s[e.a] + " line " + std::to_string(e.b);
      break;
    case TraceKind::future_done:
      line += " " + future(e.future) + " " + to_string(static_cast<DoneState>(e.detail)) +
              " callbacks=" + std::to_string(e.a);
      break;
    case TraceKind::cancel_requested:
      line += " " + task(e.task);
      if (e.future) line += " by=" + task(e.future);
      if (e.a) line += " msg=" + s[e.a];
      break;
    case TraceKind::exception_raised:
    case TraceKind::task_renamed:
    case TraceKind::output:
      line += " " + task(e.task) + " " + s[e.a];
      break;
    case TraceKind::diagnostic:
      line += std::string(" ") + to_string(static_cast<Diagnostic>(e.detail)) + " " + s[e.a];
      break;
    case TraceKind::io_wait: {
      char timeout[32];
      std::snprintf(timeout, sizeof timeout, " timeout=%.3f", e.value);
      line += e.value < 0 ? std::string(" timeout=None") : std::string(timeout);
      break;
    }
    case TraceKind::callback_source:
      line += " h" + std::to_string(e.handle) + " " + s[e.a];
      if (e.c) line += " at " + site(s[e.c], e.b);
      break;
    case TraceKind::callback_added:
    case TraceKind::callback_removed:
      line += " " + future(e.future) + " " + s[e.a];
      if (e.c) line += " at " + site(s[e.c], e.b);
      if (e.handle) line += " for=" + future(e.handle);
      if (e.kind == TraceKind::callback_removed) line += " removed=" + std::to_string(e.detail);
      break;
    case TraceKind::future_cancel:
      line += " " + future(e.future);
      if (e.task) line += " by=" + task(e.task);
      if (e.a) line += " msg=" + s[e.a];
      break;
  }
  return line;
}

}  // namespace coroscope::trace
