#include "coroscope/run.hpp"

#include "coroscope/gather.hpp"

namespace coroscope::detail {

namespace {
// loop.shutdown_default_executor(): Runner.close runs it, like loop.shutdown_asyncgens(), with
// run_until_complete, so each is a task and takes a Task-N number (oracle 32). coroscope has no
// executor threads, so there is nothing to shut down.
Coroutine<void> shutdown_default_executor() { co_return; }

// How many times the shutdown may wait for a timer on the virtual clock before the tasks it
// cancelled and that are still pending are taken to ignore their CancelledError.
constexpr std::size_t shutdown_wait_limit = 1000;

// The tasks that caught the shutdown's CancelledError and went on waiting, one line each.
std::string describe_never_finished(const std::vector<AnyTask>& tasks) {
  std::string text;
  for (const AnyTask& task : tasks) {
    if (task.done()) continue;
    // Reported here: it needs no "Task was destroyed but it is pending!" when the loop closes.
    task.task_state().set_log_destroy_pending(false);
    if (!text.empty()) text += "\n";
    text += task.get_name() + " (" + std::string(task.get_coro_name()) +
            ") caught CancelledError during shutdown and never finished: the virtual clock jumped to its next "
            "timer " + std::to_string(shutdown_wait_limit) +
            " times and it still waited (on the real clock asyncio would wait for it forever)";
  }
  return text;
}
}  // namespace

Runner::Runner(const RunOptions& options)
    : loop_(new EventLoop(make_clock(options.clock.value_or(default_clock_kind())))) {
  loop_->set_debug(options.debug);
  loop_->set_deadlock_check(options.deadlock_check);
  loop_->set_tracer(options.tracer);
}

void Runner::close() {
  if (loop_->is_closed()) return;
  // The loop closes however the shutdown ends, and the run's tracer is let go after that: a
  // future that outlives the run must not report to it.
  struct CloseLoop {
    EventLoop& loop;
    ~CloseLoop() {
      loop.close();
      loop.set_tracer(nullptr);
    }
  } close_loop{*loop_};
  cancel_all_tasks();
  loop_->run_until_complete(loop_->shutdown_asyncgens());
  loop_->run_until_complete(shutdown_default_executor());
}

// asyncio.runners._cancel_all_tasks.
void Runner::cancel_all_tasks() {
  std::vector<AnyTask> to_cancel;
  for (TaskBase* task : loop_->tasks())
    if (!task->done()) to_cancel.emplace_back(Ref<FutureBase>(task));
  if (to_cancel.empty()) return;
  for (const AnyTask& task : to_cancel) task.cancel();
  run_until_cancelled(to_cancel);
  for (const AnyTask& task : to_cancel) {
    if (task.cancelled()) continue;
    if (auto exception = task.exception())
      loop_->call_exception_handler(
          {"unhandled exception during asyncio.run() shutdown", exception, task.task_state().describe()});
  }
}

// loop.run_until_complete(gather(*to_cancel, return_exceptions=True)). A task that swallows
// its CancelledError and sleeps again keeps CPython's shutdown waiting, idle; on the virtual
// clock it would spin through virtual time at full speed, so there the wait is bounded and
// the task named (RuntimeError).
void Runner::run_until_cancelled(const std::vector<AnyTask>& tasks) {
  auto* clock = dynamic_cast<VirtualClock*>(&loop_->clock());
  struct WaitLimit {
    VirtualClock* clock;
    ~WaitLimit() {
      if (clock) clock->limit_waits(std::nullopt);
    }
  } limit{clock};
  if (clock) clock->limit_waits(shutdown_wait_limit);
  try {
    loop_->run_until_complete(gather(return_exceptions, tasks));
  } catch (const WaitLimitReached&) {
    throw RuntimeError(describe_never_finished(tasks));
  }
}

}  // namespace coroscope::detail
