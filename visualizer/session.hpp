#pragma once
// Session: one lesson run step by step, with a cursor that moves forward and back.
//
// The app's picture is always a LoopModel built from trace events only (DESIGN.md), and the
// model at step k is a function of the first events of the trace, so the session keeps the
// whole trace and, for each step k, the event index where step k ends: showing step k is
// building the model from events [0, end_k). Stepping back moves the cursor over recorded
// events; stepping forward past the recorded end asks the loop to run one more handle
// (Runner::step). Copies of the model at evenly spaced steps (checkpoints) make any step of a
// long lesson a copy and at most one spacing of steps away.
//
// A checkpoint copies the whole model, whose history (segments, output, arrows, loop steps)
// grows with the run, so a checkpoint every 256 steps would make memory grow with the square
// of the step count. The spacing therefore starts at first_checkpoint_interval and doubles,
// dropping every other checkpoint, whenever there would be more than max_checkpoints: memory
// stays within max_checkpoints models (O(n) for n steps), and going to a step still applies at
// most checkpoint_interval() steps of events (2,048 at run_to_end's bound of 100,000 steps).
//
// A session never lets an exception out: a lesson that raises, deadlocks or leaves a
// coroutine never awaited runs to its end like asyncio.run, and diagnosis() says what went
// wrong.
#include <coroscope/lesson.hpp>
#include <coroscope/run.hpp>
#include <coroscope/trace/loop_model.hpp>
#include <coroscope/trace/recorder.hpp>
#include <cstddef>
#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace coroscope::visualizer {

class Session {
 public:
  static constexpr std::size_t first_checkpoint_interval = 256;
  static constexpr std::size_t max_checkpoints = 64;
  // run_to_end()'s bound: a lesson that never ends is stopped there, and says so.
  static constexpr std::size_t max_steps = 100'000;

  // Starts `main` as asyncio.run would, at step 0: Task-1 is created, nothing has run.
  explicit Session(LessonMain main);
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  ~Session();

  // Each returns whether the cursor moved.
  bool step_forward();    // one handle
  bool step_iteration();  // to the first step of the next loop iteration
  bool step_back();
  bool go_to(std::size_t step);  // clamped to the steps recorded
  bool run_to_end();             // at most max_steps in all
  // The lesson again, as a fresh program would run it: Task-1, ids from 1.
  void restart();
  void switch_lesson(LessonMain main);

  // The loop at the cursor (model().step() is the cursor).
  const trace::LoopModel& model() const noexcept { return model_; }
  std::size_t cursor() const noexcept { return cursor_; }
  std::size_t steps_recorded() const noexcept { return step_ends_.size() - 1; }
  // The loop has closed: there is no step after steps_recorded().
  bool run_over() const noexcept { return run_over_; }
  const trace::Recorder& recorder() const noexcept { return recorder_; }
  // The checkpoints kept, one every checkpoint_interval() steps from step 0.
  std::size_t checkpoint_count() const noexcept { return checkpoints_.size(); }
  std::size_t checkpoint_interval() const noexcept { return checkpoint_interval_; }
  // The events of the step at the cursor: [step_begin(), step_end()).
  std::size_t step_begin() const noexcept { return cursor_ == 0 ? 0 : step_ends_[cursor_ - 1]; }
  std::size_t step_end() const noexcept { return step_ends_[cursor_]; }

  // What went wrong, as far as the cursor: main's exception as a traceback, a deadlock's
  // report, the loop's warnings (never awaited, never retrieved); empty if nothing did.
  std::string diagnosis() const;
  // One sentence about the step at the cursor, for a teacher to read aloud.
  std::string step_sentence() const;

 private:
  void start();
  void abandon_run();
  // Runs the loop until it has run one more handle (or closed); false if it had closed.
  bool record_next_step();
  void checkpoint_if_due();
  // Doubles the spacing by dropping every other checkpoint (the odd multiples of the old one).
  void thin_checkpoints();
  // The steps' ends since the last scan: counts the handle_run events recorded after it.
  std::size_t count_new_handle_runs();

  LessonMain main_;
  trace::Recorder recorder_;
  std::unique_ptr<detail::Runner> runner_;  // null once the run is over
  // step_ends_[k]: the index of the first event after step k (step 0: the events before the
  // first handle runs).
  std::vector<std::size_t> step_ends_;
  std::size_t scanned_ = 0;  // events count_new_handle_runs has looked at
  // checkpoints_[i]: the model at step i * checkpoint_interval_, for every such step recorded.
  std::vector<trace::LoopModel> checkpoints_;
  std::size_t checkpoint_interval_ = first_checkpoint_interval;
  trace::LoopModel model_;
  std::size_t cursor_ = 0;
  bool run_over_ = false;
  // What asyncio.run would raise, and the step at whose end it was known.
  std::exception_ptr error_;
  std::size_t error_step_ = 0;
  std::string notice_;  // run_to_end's bound reached, or the session's own failure
};

}  // namespace coroscope::visualizer
