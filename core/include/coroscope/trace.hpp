#pragma once
// The loop's instrumentation: every scheduling decision becomes a TraceEvent, plain data that
// every view (text timeline, JSON Lines, Perfetto, the visualizer) consumes. The loop holds a
// Tracer*; null means tracing is off, which costs one predictable branch per site.
//
// Ids are small integers: a future's id (a task is a future, so a task's id is its future id),
// a handle's id. Names, source files, messages and output text are interned by the tracer into
// string ids, so an event owns no memory and recording it is one store.
#include <cstdint>
#include <string_view>

namespace coroscope {

enum class TraceKind : std::uint8_t {
  iteration_begin,   // a = ready-queue length, b = timers pending, value = wait timeout (s)
  timer_due,         // handle; value = its deadline
  handle_scheduled,  // handle, detail = HandleKind, task, future, a = position in the ready queue
  timer_scheduled,   // handle, task, future; value = deadline
  handle_run,        // handle, detail = HandleKind, task, future
  handle_cancelled,  // handle: cancelled before its turn (Handle.cancel)
  task_created,      // task, future = the creating task (0: none), a = name, b = coroutine name
  future_created,    // future, detail = FutureKind, task = the creating task
  step_begin,        // task
  step_end,          // task, detail = StepOutcome
  suspend,           // task, future it waits on (0: a bare yield, sleep(0)), detail = FutureKind,
                     // a = file, b = line
  await_frame,       // task, detail = depth from the task's coroutine (0), a = function,
                     // b = line, c = file: one per frame of the await chain after a `suspend`
  future_done,       // future, detail = DoneState, a = callbacks scheduled, task = running
  wakeup,            // task woken, future that woke it: the arrow "this future woke this task"
  cancel_requested,  // task (or future) cancelled, future = the task that asked, a = message
  exception_raised,  // task, a = "Type: message"
  task_renamed,      // task, a = new name
  output,            // task, a = the printed line
  diagnostic,        // detail = Diagnostic, task, a = message
};

// How a task's step ended.
enum class StepOutcome : std::uint8_t { suspended, yielded, finished, raised, cancelled };
// How a future ended.
enum class DoneState : std::uint8_t { result, exception, cancelled };
enum class Diagnostic : std::uint8_t {
  exception_handler,  // loop.call_exception_handler: never retrieved, callback exception, ...
  never_awaited,
  pending_at_close,
  slow_callback,
  deadlock,
};

struct TraceEvent {
  std::uint64_t sequence = 0;  // position in the trace, from 1
  double time = 0;             // loop.time() when it happened
  double value = 0;            // a deadline or a timeout (kind-specific)
  std::uint32_t iteration = 0;
  std::uint32_t task = 0;    // the task concerned (for most kinds, the running task)
  std::uint32_t future = 0;  // the future concerned
  std::uint32_t handle = 0;
  std::uint32_t a = 0;  // kind-specific: a string id, a line, a count
  std::uint32_t b = 0;
  std::uint32_t c = 0;
  TraceKind kind{};
  std::uint8_t detail = 0;  // kind-specific enum value
};

const char* to_string(TraceKind kind) noexcept;
const char* to_string(StepOutcome outcome) noexcept;
const char* to_string(DoneState state) noexcept;
const char* to_string(Diagnostic diagnostic) noexcept;

class Tracer {
 public:
  virtual ~Tracer() = default;
  // Stores one event; sequence, time and iteration are already filled in.
  virtual void record(const TraceEvent& event) = 0;
  // The id of a string (the same text always gets the same id; 0 is the empty string).
  virtual std::uint32_t intern(std::string_view text) = 0;
};

}  // namespace coroscope
