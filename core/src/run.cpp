#include "coroscope/run.hpp"

#include "coroscope/gather.hpp"

namespace coroscope::detail {

namespace {
// loop.shutdown_default_executor(): Runner.close runs it, like loop.shutdown_asyncgens(), with
// run_until_complete, so each is a task and takes a Task-N number (oracle 32). coroscope has no
// executor threads, so there is nothing to shut down.
Coroutine<void> shutdown_default_executor() { co_return; }
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
  loop_->run_until_complete(gather(return_exceptions, to_cancel));
  for (const AnyTask& task : to_cancel) {
    if (task.cancelled()) continue;
    if (auto exception = task.exception())
      loop_->call_exception_handler(
          {"unhandled exception during asyncio.run() shutdown", exception, task.task_state().describe()});
  }
}

}  // namespace coroscope::detail
