#pragma once
// asyncio.run(main): a fresh loop, main as a task run to completion, then asyncio.Runner's
// shutdown — cancel the tasks still pending and run them to their end, run the shutdown
// steps, close the loop.
#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

#include "coroscope/clock.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

struct RunOptions {
  bool debug = false;
  // The loop's clock; default_clock_kind() when unset.
  std::optional<ClockKind> clock;
  // Diagnose a deadlock on the real clock too (EventLoop::set_deadlock_check); a VirtualClock
  // always does.
  bool deadlock_check = false;
  // Receives every event of the run, from Task-1's creation to the loop's close (not owned).
  Tracer* tracer = nullptr;
};

namespace detail {

// asyncio.Runner: owns the loop for one run. run() and close() are asyncio.run's two halves;
// start() and step() are the same run cut at every handle the loop runs, for a driver that
// shows each (the visualizer): start(main), then step() until it returns false.
class Runner {
 public:
  explicit Runner(const RunOptions& options);
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;
  // A run abandoned half-way (the visualizer's restart) closes its loop, which destroys the
  // frames of the tasks still pending.
  ~Runner();

  template <class T>
  value_or_none_t<T> run(Coroutine<T> main) {
    // Runner.run wraps main with loop.create_task, which numbers it Task-1 in a fresh process.
    return loop_->run_until_complete(Future<T>(loop_->create_task(std::move(main))));
  }
  // Runner.close: cancel what is pending, run the shutdown steps, close the loop.
  void close();

  // Creates main's task; its run_until_complete begins with the first step().
  void start(Coroutine<void> main);
  // Runs the loop until it has run one more handle: main's, then the shutdown's, which
  // follows main as in run() and close(). Returns false once the loop is closed.
  bool step();
  // What asyncio.run would raise once the run is over: main's exception, a DeadlockError, ...
  std::exception_ptr error() const noexcept { return error_; }
  EventLoop& loop() const noexcept { return *loop_; }

 private:
  // The run_until_complete calls of asyncio.run, in order.
  enum class Phase : std::uint8_t { main, cancel_all_tasks, shutdown_asyncgens, shutdown_default_executor, closed };
  // The future of this phase's run_until_complete, or null if the phase has nothing to run.
  Ref<FutureBase> begin_phase();
  void end_phase();
  void close_loop() noexcept;
  void report_shutdown_exceptions();
  // A task that swallows the shutdown's CancelledError and sleeps again keeps CPython's
  // shutdown waiting, idle; the virtual clock would jump through its timers at full speed, so
  // there the shutdown's waits are bounded (on: while cancel_all_tasks runs).
  void bound_shutdown_waits(bool on) noexcept;

  Ref<EventLoop> loop_;
  Phase phase_ = Phase::main;
  Ref<FutureBase> main_;            // main's task, from start() until its phase begins
  Ref<FutureBase> until_;           // what the current phase runs until, once it has begun
  std::vector<AnyTask> cancelled_;  // the tasks _cancel_all_tasks cancelled
  std::exception_ptr error_;
};

}  // namespace detail

// asyncio.run(main, debug=...): returns main's result, or rethrows its exception after the
// shutdown. RuntimeError when called while a loop runs in this thread.
template <class T>
value_or_none_t<T> run(Coroutine<T> main, const RunOptions& options = {}) {
  if (running_loop()) throw RuntimeError("asyncio.run() cannot be called from a running event loop");
  detail::Runner runner(options);
  std::optional<value_or_none_t<T>> result;
  try {
    result.emplace(runner.run(std::move(main)));
  } catch (...) {
    runner.close();
    throw;
  }
  runner.close();
  return std::move(*result);
}

// The visualizer's restart runs a lesson as a fresh program would: task names (Task-N) and
// the trace's future and handle ids start again from 1. Only between runs, with no loop
// alive: a second run() in one program goes on counting, as in Python.
void reset_ids_as_in_a_new_process() noexcept;

}  // namespace coroscope
