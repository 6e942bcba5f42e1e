// LoopModel: the loop's state rebuilt from the trace alone, which every view draws.
#include <coroscope/trace/loop_model.hpp>

#include <string>
#include <vector>

#include "recordings.hpp"

namespace trace = coroscope::trace;

namespace {

// "1", "1.5".
std::string number(double step) {
  std::string text = std::to_string(step);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text;
}

// "ready 0-1 · running 1-2 · suspended(gather) 2-": a lane as a line of text.
std::string lane(const trace::TaskModel& task) {
  std::string text;
  for (const trace::Segment& s : task.segments) {
    if (!text.empty()) text += " · ";
    text += trace::to_string(s.state);
    if (!s.label.empty()) text += "(" + s.label + ")";
    text += " " + number(s.begin) + "-" + (s.end == trace::open_end ? "" : number(s.end));
  }
  return text;
}

std::vector<std::string> ready(const trace::LoopModel& model) {
  std::vector<std::string> labels;
  for (const trace::ReadyEntry& entry : model.ready()) labels.push_back(entry.label);
  return labels;
}

// The model after `steps` handles have run (and what followed them, up to the next step).
trace::LoopModel at_step(const trace::Recorder& recorder, std::size_t steps) {
  trace::LoopModel model(recorder.strings());
  for (std::size_t i = 0; i < recorder.size(); ++i) {
    if (recorder[i].kind == coroscope::TraceKind::handle_run && model.step() == steps) break;
    if (recorder[i].kind == coroscope::TraceKind::iteration_begin && model.step() == steps && steps > 0) break;
    model.apply(recorder[i]);
  }
  return model;
}

}  // namespace

TEST_CASE("lesson 06 at step 4: Task-3's timer fired, its wakeup waits in the ready queue for the next iteration") {
  coroscope::reset_ids_as_in_a_new_process();  // Task-1 even after other tests' runs
  trace::Recorder recorder;
  record_lesson("6", recorder);
  // Step 1 runs main (Task-1), steps 2-4 the three fetch tasks' first steps; step 5 is the timer.
  const trace::LoopModel model = at_step(recorder, 5);
  CHECK(model.step() == 5);
  CHECK(model.iteration() == 3);
  CHECK(model.time() == doctest::Approx(0.1));
  REQUIRE(model.tasks().size() == 4);
  CHECK(model.tasks()[0].name == "Task-1");
  CHECK(lane(model.tasks()[0]) == "ready 0.5-1 · running 1-2 · suspended(gather) 2-");
  CHECK(lane(model.tasks()[1]) == "ready 1.5-2 · running 2-3 · suspended(sleep(0.3)) 3-");
  CHECK(lane(model.tasks()[2]) == "ready 1.5-3 · running 3-4 · suspended(sleep(0.1)) 4-5.5 · ready 5.5-");
  CHECK(model.tasks()[2].state == trace::TaskState::ready);
  CHECK(ready(model) == std::vector<std::string>{"Task-3 wakeup"});
  CHECK(model.snapshot_left() == 0);  // queued during this iteration: it runs in the next
  // The sleep's timer has run; the two others are pending.
  REQUIRE(model.timers().size() == 3);
  CHECK(model.timers()[1].state == trace::TimerState::ran);
  CHECK(model.timers()[1].ended_step == 5);  // the step that ran its callback
  CHECK(model.timers()[0].state == trace::TimerState::pending);
  const trace::FutureModel* sleep = model.future(model.timers()[1].future);
  REQUIRE(sleep);
  CHECK(sleep->state == trace::FutureState::result);
  CHECK(sleep->waiters == std::vector<std::uint32_t>{model.tasks()[2].id});
  // The woke arrow from the loop lane (the timer's step) to Task-3, not yet reached.
  const trace::Arrow& woke = model.arrows().back();
  CHECK(woke.kind == trace::Arrow::Kind::woke);
  CHECK(woke.from_task == 0);
  CHECK(woke.from_step == 5);
  CHECK(woke.to_task == model.tasks()[2].id);
  CHECK(woke.to_step == trace::open_end);
  // What changed in step 5: the timer, the sleep future, Task-3 and the ready queue.
  CHECK(model.changes().ready);
  CHECK(model.changes().tasks == std::vector<std::uint32_t>{model.tasks()[2].id});
}

namespace {
// What must hold after every event of any trace: lanes run forward without gaps or overlaps,
// the snapshot is part of the ready queue, arrows point forward.
void check_invariants(const trace::LoopModel& model) {
  CHECK(model.snapshot_left() <= model.ready().size());
  for (const trace::TaskModel& task : model.tasks()) {
    REQUIRE(!task.segments.empty());
    for (std::size_t i = 0; i < task.segments.size(); ++i) {
      const trace::Segment& s = task.segments[i];
      CHECK(s.begin < s.end);
      if (i + 1 < task.segments.size()) CHECK(s.end == task.segments[i + 1].begin);
    }
    CHECK(task.segments.back().end == trace::open_end);
    CHECK(task.segments.back().state == task.state);
  }
  for (const trace::Arrow& arrow : model.arrows())
    if (arrow.to_step != trace::open_end) CHECK(arrow.to_step >= arrow.from_step);
}

void check_whole_trace(const trace::Recorder& recorder) {
  trace::LoopModel model(recorder.strings());
  for (std::size_t i = 0; i < recorder.size(); ++i) {
    model.apply(recorder[i]);
    check_invariants(model);
  }
  // asyncio.run's end: every task finished, nothing left queued, every timer ran or was dropped.
  for (const trace::TaskModel& task : model.tasks()) CHECK(trace::is_finished(task.state));
  CHECK(model.ready().empty());
  CHECK(model.main_done());
}
}  // namespace

TEST_CASE("every lesson's model keeps its invariants at every event and ends with every task finished") {
  for (const coroscope::lessons::Lesson& lesson : coroscope::lessons::all_lessons()) {
    CAPTURE(lesson.name);
    trace::Recorder recorder;
    record_main(lesson.main, recorder);
    check_whole_trace(recorder);
  }
}

TEST_CASE("a busy program's model: cancellation, a renamed task, exceptions, output by step") {
  trace::Recorder recorder;
  record_main(&busy::main_, recorder);
  check_whole_trace(recorder);
  trace::LoopModel model(recorder.strings());
  model.apply_until(recorder, recorder.size());
  const trace::TaskModel* sleepy = nullptr;
  for (const trace::TaskModel& task : model.tasks())
    if (task.name == "sleepy") sleepy = &task;
  REQUIRE(sleepy);
  CHECK(sleepy->state == trace::TaskState::cancelled);
  CHECK(sleepy->cancel_requested);
  CHECK(sleepy->cancel_message == "enough");
  CHECK(sleepy->cancel_requested_by == model.tasks().front().id);
  // Its lane says what it waited on as the program wrote it: sleep(100), not sleep(100.).
  CHECK(lane(*sleepy).find("suspended(sleep(100))") != std::string::npos);
  bool raised = false;
  for (const trace::TaskModel& task : model.tasks())
    raised |= task.state == trace::TaskState::raised && task.exception == "ValueError: boom";
  CHECK(raised);
  REQUIRE(!model.output().empty());
  CHECK(model.output().front().step > 0);
  // A cancelled sleep's timer is marked, not shown as pending.
  bool timer_cancelled = false;
  for (const trace::TimerModel& timer : model.timers()) timer_cancelled |= timer.state == trace::TimerState::cancelled;
  CHECK(timer_cancelled);
}

TEST_CASE("a sleep's timer cancelled with its task shows cancelled at once, not pending until the loop drops it") {
  trace::Recorder recorder;
  record_lesson("11", recorder);
  std::size_t cancel = 0;
  while (cancel < recorder.size() && recorder[cancel].kind != coroscope::TraceKind::handle_cancel) ++cancel;
  REQUIRE(cancel < recorder.size());
  trace::LoopModel model(recorder.strings());
  model.apply_until(recorder, cancel + 1);
  bool found = false;
  for (const trace::TimerModel& timer : model.timers()) {
    if (timer.handle != recorder[cancel].handle) continue;
    found = true;
    CHECK(timer.state == trace::TimerState::cancelled);
    CHECK(timer.ended_step == model.step());
  }
  CHECK(found);
  CHECK(model.changes().timers == std::vector<std::uint32_t>{recorder[cancel].handle});
}

namespace callbacks {
namespace aio = coroscope;

aio::Coroutine<void> child(double delay) { co_await aio::sleep(delay); }

constexpr unsigned call_soon_line = __LINE__ + 4;
aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto unused = loop.create_future<void>();
  loop.call_soon([] { aio::print("a plain callback"); });
  unused.cancel("not needed");
  co_await aio::gather(child(0.1), child(0.2));
}
}  // namespace callbacks

TEST_CASE(
    "issue 14: a pending future's done callbacks, a plain callback's line, who cancelled a future, the I/O wait") {
  trace::Recorder recorder;
  record_main(&callbacks::main_, recorder);
  check_whole_trace(recorder);
  // Step 1 is main's first step: it scheduled the callback, cancelled the future and made
  // the gather, whose children each carry the gather's _done_callback.
  const trace::LoopModel model = at_step(recorder, 1);
  const std::uint32_t main_task = model.tasks().front().id;
  const trace::FutureModel* cancelled = nullptr;
  const trace::FutureModel* gather = nullptr;
  for (const trace::FutureModel& future : model.futures()) {
    if (future.kind == coroscope::FutureKind::plain) cancelled = &future;
    if (future.kind == coroscope::FutureKind::gather) gather = &future;
  }
  REQUIRE(cancelled);
  CHECK(cancelled->cancelled_by == main_task);
  CHECK(cancelled->cancel_message == "not needed");
  REQUIRE(gather);
  REQUIRE(model.tasks().size() == 3);
  for (std::size_t child = 1; child < 3; ++child) {
    const auto& callbacks = model.done_callbacks(model.tasks()[child].id);
    REQUIRE(callbacks.size() == 1);
    CHECK(callbacks[0].label == "_done_callback of " + model.label(gather->id));
    CHECK(callbacks[0].owner == gather->id);
    CHECK(callbacks[0].added_step == 1);
  }
  // The main task's own: asyncio.run's run_until_complete stops the loop when it is done.
  REQUIRE(model.done_callbacks(main_task).size() == 1);
  CHECK(model.done_callbacks(main_task)[0].label == "_run_until_complete_cb");
  // The plain callback is named by the line that scheduled it, in the ready queue.
  CHECK(ready(model) == std::vector<std::string>{"callback at line " + std::to_string(callbacks::call_soon_line),
                                                 "Task-2 step", "Task-3 step"});

  // At the end: the loop waited 0.1 s for each child's timer, and a child's done callback
  // ran as "Task-2 done → _done_callback of gather #1".
  trace::LoopModel end(recorder.strings());
  end.apply_until(recorder, recorder.size());
  std::vector<double> waits;
  for (const trace::Iteration& iteration : end.iterations())
    if (iteration.io_wait != 0) waits.push_back(iteration.io_wait);
  REQUIRE(waits.size() == 2);
  CHECK(waits[0] == doctest::Approx(0.1));
  CHECK(waits[1] == doctest::Approx(0.1));
  bool child_done = false;
  for (const trace::LoopStep& step : end.loop_steps())
    child_done |= step.label == "Task-2 done → _done_callback of " + end.label(gather->id) &&
                  step.callback == "_done_callback of " + end.label(gather->id);
  CHECK(child_done);
}
