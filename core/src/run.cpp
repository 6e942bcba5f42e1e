#include "coroscope/run.hpp"

#include "coroscope/detail/id_counters.hpp"
#include "coroscope/gather.hpp"

namespace coroscope {

void reset_ids_as_in_a_new_process() noexcept { detail::id_counters = {}; }

namespace detail {

namespace {
// loop.shutdown_default_executor(): Runner.close runs it, like loop.shutdown_asyncgens(), with
// run_until_complete, so each is a task and takes a Task-N number (oracle 32). coroscope has no
// executor threads, so there is nothing to shut down.
Coroutine<void> shutdown_default_executor() { co_return; }

// run_until_complete(coro) wraps it in a task (ensure_future), which takes a Task-N; that task
// is the loop's own, so nobody is told if it is destroyed pending.
Ref<FutureBase> ensure_future(EventLoop& loop, Coroutine<void> coro) {
  Task<void> task = loop.create_task(std::move(coro));
  task.task_state().set_log_destroy_pending(false);
  return Ref<FutureBase>(task.state());
}

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
            "timer " +
            std::to_string(shutdown_wait_limit) +
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

Runner::~Runner() {
  if (phase_ != Phase::closed) close_loop();
}

void Runner::start(Coroutine<void> main) { main_ = Ref<FutureBase>(loop_->create_task(std::move(main)).state()); }

// run() has run main to its end (or to the exception it raises): the shutdown follows, as
// step() runs it after main.
void Runner::close() {
  if (phase_ == Phase::closed) return;
  phase_ = Phase::cancel_all_tasks;
  until_ = {};
  while (step()) {
  }
  if (error_) std::rethrow_exception(error_);
}

bool Runner::step() {
  while (phase_ != Phase::closed) {
    try {
      if (!until_) {
        until_ = begin_phase();
        if (!until_) {  // nothing to run in this phase
          end_phase();
          continue;
        }
        loop_->begin_run_until(*until_);
      }
      if (loop_->run_step()) end_phase();
    } catch (const WaitLimitReached&) {
      // Only the shutdown bounds its waits: its cancelled tasks would wait forever.
      if (!error_) error_ = std::make_exception_ptr(RuntimeError(describe_never_finished(cancelled_)));
      if (until_) loop_->forget_run_until(*until_);
      until_ = {};
      close_loop();
    } catch (...) {
      // asyncio.run: an exception from main's run still runs the shutdown; one from the
      // shutdown ends it, and the loop closes either way.
      if (!error_) error_ = std::current_exception();
      if (until_) loop_->forget_run_until(*until_);
      until_ = {};
      if (phase_ == Phase::main) {
        phase_ = Phase::cancel_all_tasks;
      } else {
        close_loop();
      }
    }
    return true;
  }
  return false;
}

Ref<FutureBase> Runner::begin_phase() {
  switch (phase_) {
    case Phase::main:
      return std::exchange(main_, {});
    case Phase::cancel_all_tasks:
      // asyncio.runners._cancel_all_tasks: cancel what is pending, then gather it.
      for (TaskBase* task : loop_->tasks())
        if (!task->done()) cancelled_.emplace_back(Ref<FutureBase>(task));
      if (cancelled_.empty()) return {};
      for (const AnyTask& task : cancelled_) task.cancel();
      bound_shutdown_waits(true);
      return Ref<FutureBase>(gather(return_exceptions, cancelled_).state());
    case Phase::shutdown_asyncgens:
      return ensure_future(*loop_, loop_->shutdown_asyncgens());
    case Phase::shutdown_default_executor:
      return ensure_future(*loop_, shutdown_default_executor());
    case Phase::closed:
      break;
  }
  return {};
}

void Runner::end_phase() {
  if (until_) {
    const Ref<FutureBase> done = std::exchange(until_, {});
    loop_->end_run_until(*done);
    // run_until_complete returns main's result or raises its exception: asyncio.run raises
    // it after the shutdown.
    if (phase_ == Phase::main && !error_) error_ = done->result_exception();
  }
  if (phase_ == Phase::cancel_all_tasks) {
    bound_shutdown_waits(false);
    report_shutdown_exceptions();
  }
  phase_ = static_cast<Phase>(static_cast<std::uint8_t>(phase_) + 1);
  if (phase_ == Phase::closed) close_loop();
}

// _cancel_all_tasks: a task that ended with an exception other than its cancellation.
void Runner::report_shutdown_exceptions() {
  for (const AnyTask& task : cancelled_) {
    if (task.cancelled()) continue;
    if (auto exception = task.exception())
      loop_->call_exception_handler(
          {"unhandled exception during asyncio.run() shutdown", exception, task.task_state().describe()});
  }
  cancelled_.clear();
}

void Runner::bound_shutdown_waits(bool on) noexcept {
  if (auto* clock = dynamic_cast<VirtualClock*>(&loop_->clock()))
    clock->limit_waits(on ? std::optional<std::size_t>(shutdown_wait_limit) : std::nullopt);
}

// The loop closes however the run ends, and the run's tracer is let go after that: a future
// that outlives the run must not report to it.
void Runner::close_loop() noexcept {
  bound_shutdown_waits(false);
  phase_ = Phase::closed;
  loop_->close();
  loop_->set_tracer(nullptr);
}

}  // namespace detail
}  // namespace coroscope
