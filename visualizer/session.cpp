#include "visualizer/session.hpp"

#include <coroscope/event_loop.hpp>
#include <coroscope/exceptions.hpp>
#include <coroscope/print.hpp>

#include <algorithm>
#include <utility>

#include "visualizer/step_sentence.hpp"

namespace coroscope::visualizer {

namespace {

// What asyncio.run raised, as Python prints it uncaught (lesson_main's words); a deadlock's
// report is already a full explanation.
std::string describe_error(const std::exception_ptr& error) {
  return is_instance<DeadlockError>(error) ? message_of(error) : lesson_traceback(error);
}

}  // namespace

Session::Session(LessonMain main) : main_(main), model_(recorder_.strings()) {
  // The lesson's print() lines are in the trace as `output` events; the output panel shows
  // them, so they stay off the app's stdout.
  set_output_sink([](std::string_view) {});
  start();
}

Session::~Session() {
  abandon_run();
  set_output_sink({});
}

// A run left half-way (a restart, a switch, quitting) is the user's choice, not the lesson's
// fault: its pending tasks are destroyed without asyncio's "Task was destroyed but it is
// pending!" on stderr.
void Session::abandon_run() {
  if (!runner_) return;
  for (TaskBase* task : runner_->loop().tasks()) task->set_log_destroy_pending(false);
  runner_.reset();
}

void Session::start() {
  // Like a fresh `python3 lesson.py`: Task-1, and every id from 1 (run.hpp).
  reset_ids_as_in_a_new_process();
  step_ends_.clear();
  checkpoints_.clear();
  checkpoint_interval_ = first_checkpoint_interval;
  scanned_ = 0;
  cursor_ = 0;
  run_over_ = false;
  error_ = nullptr;
  error_step_ = 0;
  notice_.clear();
  model_ = trace::LoopModel(recorder_.strings());
  try {
    // The app's loop runs on VirtualClock (a lesson's sleep(3) steps at once, in the same
    // order); debug mode reports coroutines never awaited; the deadlock check turns "the loop
    // would wait forever" into a DeadlockError that names the stuck tasks.
    runner_ = std::make_unique<detail::Runner>(
        RunOptions{.debug = true, .clock = ClockKind::virtual_time, .deadlock_check = true, .tracer = &recorder_});
    runner_->start(main_());
  } catch (...) {
    notice_ = "the lesson could not start: " + message_of(std::current_exception());
    runner_.reset();
    run_over_ = true;
  }
  count_new_handle_runs();
  step_ends_.push_back(recorder_.size());
  model_.apply_until(recorder_, step_ends_.back());
  checkpoint_if_due();
}

std::size_t Session::count_new_handle_runs() {
  std::size_t runs = 0;
  for (const std::size_t end = recorder_.size(); scanned_ < end; ++scanned_)
    if (recorder_[scanned_].kind == TraceKind::handle_run) ++runs;
  return runs;
}

bool Session::record_next_step() {
  if (run_over_) return false;
  bool handle_ran = false;
  try {
    // Runner::step runs at most one handle; the calls that run none are the loop closing
    // phases in between (a deadlock's report, a shutdown phase with nothing to do).
    while (!handle_ran) {
      const bool open = runner_->step();
      handle_ran = count_new_handle_runs() > 0;
      if (!open) {
        run_over_ = true;
        break;
      }
    }
  } catch (...) {
    notice_ = "the session stopped the lesson: " + message_of(std::current_exception());
    run_over_ = true;
  }
  if (!error_ && runner_ && runner_->error()) {
    error_ = runner_->error();
    error_step_ = step_ends_.size() - (handle_ran ? 0 : 1);
  }
  if (run_over_) {
    // The loop's close and what it reports (tasks pending at close, exceptions never
    // retrieved) end the last step: the events after the last handle belong to it.
    runner_.reset();
    count_new_handle_runs();
    if (!handle_ran) {
      step_ends_.back() = recorder_.size();
      const std::size_t last = step_ends_.size() - 1;
      if (last % checkpoint_interval_ == 0)
        checkpoints_[last / checkpoint_interval_].apply_until(recorder_, step_ends_.back());
      if (cursor_ == last) model_.apply_until(recorder_, step_ends_.back());
      return false;
    }
  }
  step_ends_.push_back(recorder_.size());
  return true;
}

// Called with the cursor on a step just recorded, so every multiple of the spacing up to
// steps_recorded() has its checkpoint.
void Session::checkpoint_if_due() {
  if (cursor_ % checkpoint_interval_ != 0 || cursor_ / checkpoint_interval_ != checkpoints_.size()) return;
  checkpoints_.push_back(model_);
  if (checkpoints_.size() > max_checkpoints) thin_checkpoints();
}

void Session::thin_checkpoints() {
  // Keep the even indices: checkpoint 2i at the old spacing is checkpoint i at the new one.
  // The one just pushed, at index max_checkpoints, is kept too: max_checkpoints is even.
  static_assert(max_checkpoints % 2 == 0 && max_checkpoints >= 2);
  // Checkpoint 0 stays where it is (moving it onto itself would empty it).
  const std::size_t kept = (checkpoints_.size() + 1) / 2;
  for (std::size_t i = 1; i < kept; ++i) checkpoints_[i] = std::move(checkpoints_[2 * i]);
  checkpoints_.erase(checkpoints_.begin() + static_cast<std::ptrdiff_t>(kept), checkpoints_.end());
  checkpoint_interval_ *= 2;
}

bool Session::go_to(std::size_t step) {
  step = std::min(step, steps_recorded());
  if (step == cursor_) return false;
  // Forward by applying the events in between, unless a checkpoint is nearer; back from the
  // nearest checkpoint at or before the step.
  const std::size_t checkpoint = step / checkpoint_interval_;
  if (step < cursor_ || checkpoint > cursor_ / checkpoint_interval_) model_ = checkpoints_[checkpoint];
  model_.apply_until(recorder_, step_ends_[step]);
  cursor_ = step;
  return true;
}

bool Session::step_forward() {
  if (cursor_ == steps_recorded()) {
    const std::size_t last = steps_recorded();
    if (!record_next_step()) return false;
    model_.apply_until(recorder_, step_ends_.back());
    cursor_ = last + 1;
    checkpoint_if_due();
    return true;
  }
  return go_to(cursor_ + 1);
}

bool Session::step_iteration() {
  const std::uint32_t iteration = model_.iteration();
  bool moved = false;
  while (model_.iteration() == iteration && step_forward()) moved = true;
  return moved;
}

bool Session::step_back() { return cursor_ > 0 && go_to(cursor_ - 1); }

bool Session::run_to_end() {
  bool moved = go_to(steps_recorded());
  while (!run_over_ && steps_recorded() < max_steps) moved = step_forward() || moved;
  if (!run_over_)
    notice_ = "stopped after " + std::to_string(max_steps) + " steps: the lesson may never end (press R to restart)";
  return moved;
}

void Session::restart() {
  // The old run's loop closes (destroying its pending frames) before the ids restart: ids
  // restart only with no loop alive.
  abandon_run();
  recorder_.clear();
  start();
}

void Session::switch_lesson(LessonMain main) {
  main_ = main;
  restart();
}

std::string Session::diagnosis() const {
  std::string text;
  auto add = [&text](const std::string& part) {
    if (part.empty()) return;
    if (!text.empty()) text += '\n';
    text += part;
  };
  bool deadlock_reported = false;
  for (const trace::DiagnosticModel& d : model_.diagnostics()) {
    if (d.kind == Diagnostic::slow_callback) continue;  // wall-clock noise, not the lesson's fault
    deadlock_reported = deadlock_reported || d.kind == Diagnostic::deadlock;
    add(d.message);
  }
  // A deadlock's DeadlockError repeats its diagnostic word for word.
  if (error_ && cursor_ >= error_step_ && !(deadlock_reported && is_instance<DeadlockError>(error_)))
    add(describe_error(error_));
  add(notice_);
  return text;
}

std::string Session::step_sentence() const {
  return describe_step(model_, recorder_, step_begin(), step_end(), run_over_ && cursor_ == steps_recorded());
}

}  // namespace coroscope::visualizer
