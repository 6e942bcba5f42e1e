#pragma once
// asyncio.run(main): a fresh loop, main as a task run to completion, then asyncio.Runner's
// shutdown — cancel the tasks still pending and run them to their end, run the shutdown
// steps, close the loop.
#include <optional>

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

// asyncio.Runner: owns the loop for one run.
class Runner {
 public:
  explicit Runner(const RunOptions& options);
  Runner(const Runner&) = delete;
  Runner& operator=(const Runner&) = delete;

  template <class T>
  value_or_none_t<T> run(Coroutine<T> main) {
    // Runner.run wraps main with loop.create_task, which numbers it Task-1 in a fresh process.
    return loop_->run_until_complete(Future<T>(loop_->create_task(std::move(main))));
  }
  // Runner.close: cancel what is pending, run the shutdown steps, close the loop.
  void close();
  EventLoop& loop() const noexcept { return *loop_; }

 private:
  void cancel_all_tasks();
  void run_until_cancelled(const std::vector<AnyTask>& tasks);
  Ref<EventLoop> loop_;
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

}  // namespace coroscope
