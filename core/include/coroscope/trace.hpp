#pragma once
// The loop's instrumentation: every scheduling decision becomes a TraceEvent, plain data that
// every view (text timeline, JSON Lines, Perfetto, the visualizer) consumes. The loop holds a
// Tracer*; null means tracing is off, which costs one predictable branch per site.
//
// Ids are small integers: a future's id (a task is a future, so a task's id is its future id),
// a handle's id. Names, source files, messages and output text are interned by the tracer into
// string ids, so an event owns no memory and recording it is one store.
#include <cstdint>
#include <new>
#include <string_view>

namespace coroscope {

// Whether the trace sites are compiled at all. Only the benchmarks build core without them
// (COROSCOPE_NO_TRACING), to show that tracing off costs no more than their absence.
#ifdef COROSCOPE_NO_TRACING
inline constexpr bool tracing_compiled = false;
#else
inline constexpr bool tracing_compiled = true;
#endif

enum class TraceKind : std::uint8_t {
  iteration_begin,   // a = ready-queue length, b = timers pending, value = loop.time() as it
                     // begins, after the loop's wait for its first timer (if nothing was ready)
  loop_stopped,      // run_forever returns after loop.stop(); future = the future whose
                     // run_until_complete stopped it (0: a plain run_forever)
  timer_due,         // handle; value = its deadline
  handle_scheduled,  // handle, detail = HandleKind, task, future, a = position in the ready queue
  timer_scheduled,   // handle, task, future; value = deadline
  handle_run,        // handle, detail = HandleKind, task, future. A task_step or task_wakeup
                     // handle starts Task.__step of `task` (a wakeup: woken by `future`)
  handle_cancelled,  // handle: cancelled before its turn, skipped (ready) or dropped (timer heap)
  handle_cancel,     // Handle.cancel() / TimerHandle.cancel(): handle, detail = HandleKind, task,
                     // future; it stays queued until the loop skips or drops it (handle_cancelled)
  task_created,      // task, future = the creating task (0: none), a = name, b = coroutine name
  future_created,    // future, detail = FutureKind, task = the creating task
  suspend,           // ends a step: task waits on future (0: a bare yield, sleep(0)),
                     // detail = FutureKind, a = file, b = line of the innermost co_await
  await_frame,       // after a `suspend` whose await chain has more than one frame, one per
                     // frame from the task's coroutine (detail = depth 0) inwards: task,
                     // a = function, b = line, c = file
  step_end,          // ends a step that did not suspend: task, detail = StepOutcome
  future_done,       // future, detail = DoneState, a = callbacks scheduled, task = running
  cancel_requested,  // task (or future) cancelled, future = the task that asked, a = message
  exception_raised,  // task, a = "Type: message"
  task_renamed,      // task, a = new name
  output,            // task, a = the printed line
  diagnostic,        // detail = Diagnostic, task, a = message
  io_wait,           // the selector's wait of _run_once, when nothing is ready: value = its
                     // timeout (the time to the first timer; -1: None, no timer), just
                     // before the loop waits
  callback_source,   // a callback of user code or of the runtime gets a handle (call_soon,
                     // call_later, call_at), before its handle_scheduled / timer_scheduled:
                     // handle; a = the callback's name, or, with c set, the function that
                     // scheduled it, at line b of file c
  callback_added,    // future.add_done_callback: future, task = running, a = the callback's
                     // name (or the function adding it, at line b of file c), handle = the
                     // future it works for (gather's, a waiter's; 0: none). A task's wakeup is
                     // not reported: its `suspend` on the future says it
  callback_removed,  // future.remove_done_callback: future, task = running, a = the name as
                     // added, handle = the future it worked for, b = registrations removed
  future_cancel,     // Future.cancel() of a plain future, when it takes effect (a task's is
                     // cancel_requested): future, task = the running task (who asked),
                     // a = message. Its future_done (cancelled) follows
};

// How a step that did not suspend ended (a step that suspends ends with a `suspend` event).
enum class StepOutcome : std::uint8_t {
  yielded,  // the coroutine yielded something that is not a future: its next step is already
            // scheduled, with the RuntimeError to throw in
  finished,
  raised,
  cancelled,
};
// How a future ended.
enum class DoneState : std::uint8_t { result, exception, cancelled };
enum class Diagnostic : std::uint8_t {
  exception_handler,  // loop.call_exception_handler: never retrieved, callback exception, ...
  never_awaited,
  pending_at_close,
  slow_callback,
  deadlock,
  interrupted,  // KeyboardInterrupt (Ctrl-C) stopped the loop where it waited
};

// An event carries no sequence number, iteration or time: its position in the trace is its
// sequence number, and the iteration_begin events before it give its iteration and the loop
// time (trace::Recorder::iteration and time). Reading the clock, or even storing the time, for
// every event would cost more than recording the event.
struct TraceEvent {
  double value = 0;          // kind-specific: a deadline, the iteration's time
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

// Receives the loop's events. The loop writes each event straight into a block of memory the
// tracer lends it — one store, no virtual call — and asks for a new block only when that one
// is full, so recording stays cheap enough to leave on.
class Tracer {
 public:
  virtual ~Tracer() = default;
  // Stores one event.
  void record(const TraceEvent& event) { ::new (claim()) TraceEvent(event); }
  // The slot of the next event, for the loop to construct it in place: building an event on
  // the stack and copying it costs a store-forwarding stall per event.
  TraceEvent* claim() {
    if (next_ == end_) [[unlikely]]
      next_block();
    return next_++;
  }
  // The id of a string (the same text always gets the same id; 0 is the empty string).
  virtual std::uint32_t intern(std::string_view text) = 0;

 protected:
  // The block [next_, end_) is full (or there is none yet): point them at free space.
  virtual void next_block() = 0;

  TraceEvent* next_ = nullptr;  // where the next event goes
  TraceEvent* end_ = nullptr;   // the end of the block next_ is in
};

}  // namespace coroscope
