// The visualizer's session, without ImGui: stepping forward, back, restarting and bad
// lessons, compared through the model's JSON dump (what every panel draws).
#include <doctest/doctest.h>
#include <coroscope/asyncio.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "bad_lessons.hpp"
#include "lessons/registry.hpp"
#include "visualizer/model_json.hpp"
#include "visualizer/session.hpp"

namespace aio = coroscope;
using aio::visualizer::Session;

namespace {

// The dump of the step at the cursor, without its "session" part (how far the run has gone).
std::string dump(const Session& session) {
  std::string text = aio::visualizer::model_json(session, "test");
  const std::size_t begin = text.find("  \"session\":");
  const std::size_t end = text.find("\n  \"step\":", begin);
  return text.erase(begin, end + 1 - begin);
}

// "" when the dumps are equal, else the first line that differs in each, with its number: a
// dump is too long to read whole in a failure.
std::string difference(const std::string& got, const std::string& expected) {
  std::istringstream a(got), b(expected);
  std::string x, y;
  for (int line = 1; a || b; ++line) {
    x.clear();
    y.clear();
    std::getline(a, x);
    std::getline(b, y);
    if (x != y) return "line " + std::to_string(line) + ": got `" + x + "`, expected `" + y + "`";
  }
  return {};
}

// Every step's dump, stepping forward from the start to the end of the run. The last step is
// dumped again once the loop has closed: the close's own events (what it reports) end it.
std::vector<std::string> forward_dumps(Session& session) {
  std::vector<std::string> dumps{dump(session)};
  while (session.step_forward()) dumps.push_back(dump(session));
  dumps.back() = dump(session);
  return dumps;
}

// The dumps at the steps `probes` (in their order), reached one step at a time from the start:
// dumping every step of a long run would take quadratic time, each dump holding the history.
// `at_each_step` sees the session at every step on the way.
template <class F = void (*)()>
std::vector<std::string> dumps_stepping_forward(
    Session& session, const std::vector<std::size_t>& probes, F at_each_step = [] {}) {
  std::vector<std::string> dumps(probes.size());
  const auto take = [&] {
    at_each_step();
    for (std::size_t i = 0; i < probes.size(); ++i)
      if (probes[i] == session.cursor()) dumps[i] = dump(session);
  };
  take();
  while (session.step_forward()) take();
  take();  // the last step again once the loop has closed, as forward_dumps does
  return dumps;
}

aio::Coroutine<void> yields(int times) {
  for (int i = 0; i < times; ++i) co_await aio::sleep(0);
}

// Long enough to cross several checkpoints.
aio::Coroutine<void> many_steps() {
  auto a = aio::create_task(yields(400));
  auto b = aio::create_task(yields(300));
  co_await aio::gather(a, b);
}

// Two tasks taking turns for about `steps` steps: past max_checkpoints * the first interval
// (16,384 steps) the session must start thinning its checkpoints.
aio::Coroutine<void> long_run(int steps) {
  auto a = aio::create_task(yields(steps / 2));
  auto b = aio::create_task(yields(steps / 2));
  co_await aio::gather(a, b);
}

aio::Coroutine<void> a_long_run() { return long_run(18'000); }

}  // namespace

TEST_CASE("the model at step k is the same reached forward or by stepping back from the end") {
  for (const aio::lessons::Lesson& lesson : aio::lessons::all_lessons()) {
    CAPTURE(lesson.name);
    Session session(lesson.main);
    const std::vector<std::string> forward = forward_dumps(session);
    REQUIRE(session.run_over());
    REQUIRE(forward.size() == session.steps_recorded() + 1);
    for (std::size_t k = forward.size(); k-- > 0;) {
      CAPTURE(k);
      CHECK(difference(dump(session), forward[k]) == "");
      session.step_back();
    }
    // And by jumping: go_to from the start, from the end, from the middle.
    for (std::size_t k : {forward.size() - 1, std::size_t{0}, forward.size() / 2, std::size_t{1}}) {
      session.go_to(k);
      CHECK(difference(dump(session), forward[k]) == "");
    }
  }
}

TEST_CASE("checkpoints: any step of a long run is the same as reached step by step") {
  Session recorded(many_steps);
  recorded.run_to_end();
  const std::size_t last = recorded.steps_recorded();
  REQUIRE(last > 2 * Session::first_checkpoint_interval);
  const std::vector<std::size_t> probes{700, 3, 256, 255, 513, 512, last, 257};
  Session stepped(many_steps);
  const std::vector<std::string> forward = dumps_stepping_forward(stepped, probes);
  for (std::size_t i = 0; i < probes.size(); ++i) {
    CAPTURE(probes[i]);
    REQUIRE(!forward[i].empty());
    recorded.go_to(probes[i]);
    CHECK(recorded.cursor() == probes[i]);
    CHECK(difference(dump(recorded), forward[i]) == "");
  }
}

TEST_CASE("checkpoints of a long run stay within the cap, and any step is still the same as stepped to") {
  // Steps to compare, chosen around the spacings the run goes through (256, then 512): kept
  // checkpoints (0, 256, 16,384), one dropped by thinning (768), the step before the thinning,
  // the farthest from a checkpoint after it (16,895) and one near the end. The run is as
  // short as crossing the cap allows: the sanitizer build runs it too.
  const std::vector<std::size_t> probes{0, 256, 768, 16'383, 16'384, 16'895, 17'999};
  Session session(a_long_run);
  std::size_t max_count = 0;
  const std::vector<std::string> forward =
      dumps_stepping_forward(session, probes, [&] { max_count = std::max(max_count, session.checkpoint_count()); });
  REQUIRE(session.run_over());
  REQUIRE(session.steps_recorded() > 18'000);
  for (std::size_t i = 0; i < probes.size(); ++i) REQUIRE(!forward[i].empty());

  // The count never went past the cap, and the spacing doubled at 16,384 steps: memory is
  // max_checkpoints models at most, and a jump applies at most 512 steps.
  CHECK(max_count <= Session::max_checkpoints);
  CHECK(session.checkpoint_interval() == 2 * Session::first_checkpoint_interval);
  CHECK(session.checkpoint_count() == session.steps_recorded() / session.checkpoint_interval() + 1);

  // Back and forth in an order that jumps both ways, across checkpoints and within one.
  for (std::size_t i : {6, 0, 4, 2, 5, 1, 3}) {
    CAPTURE(probes[i]);
    session.go_to(probes[i]);
    CHECK(session.cursor() == probes[i]);
    CHECK(difference(dump(session), forward[i]) == "");
  }

  // A restart starts over at the first spacing.
  session.restart();
  CHECK(session.checkpoint_interval() == Session::first_checkpoint_interval);
  CHECK(session.checkpoint_count() == 1);
}

TEST_CASE("restart runs the lesson as a fresh program: Task-1 again, the same dumps") {
  const aio::lessons::Lesson& lesson = aio::lessons::all_lessons().front();
  Session session(lesson.main);
  const std::vector<std::string> first = forward_dumps(session);
  session.restart();
  CHECK(session.cursor() == 0);
  CHECK(session.steps_recorded() == 0);
  REQUIRE(!session.model().tasks().empty());
  CHECK(session.model().tasks().front().name == "Task-1");
  const std::vector<std::string> second = forward_dumps(session);
  REQUIRE(second.size() == first.size());
  for (std::size_t k = 0; k < first.size(); ++k) CHECK(difference(second[k], first[k]) == "");
}

TEST_CASE("step_iteration stops at the first step of the next iteration") {
  Session session(aio::lessons::find_lesson("3")->main);
  session.step_forward();
  const std::uint32_t iteration = session.model().iteration();
  REQUIRE(session.step_iteration());
  CHECK(session.model().iteration() == iteration + 1);
  session.step_back();
  CHECK(session.model().iteration() == iteration);
}

TEST_CASE("switch_lesson starts the other lesson at step 0") {
  Session session(aio::lessons::find_lesson("1")->main);
  session.run_to_end();
  session.switch_lesson(aio::lessons::find_lesson("6")->main);
  CHECK(session.cursor() == 0);
  CHECK(!session.run_over());
  CHECK(session.diagnosis().empty());
}

TEST_CASE("a lesson that raises gives a traceback, once the cursor reaches it, and never throws") {
  Session session(bad_lessons::raises);
  CHECK(session.diagnosis().empty());
  CHECK_NOTHROW(session.run_to_end());
  CHECK(session.run_over());
  const std::string diagnosis = session.diagnosis();
  CHECK(diagnosis.find("Traceback") != std::string::npos);
  CHECK(diagnosis.find("ValueError: the lesson failed") != std::string::npos);
  session.go_to(0);
  CHECK(session.diagnosis().empty());
}

TEST_CASE("a deadlocked lesson names the stuck task and what it waits on, and never throws") {
  Session session(bad_lessons::deadlocks);
  CHECK_NOTHROW(session.run_to_end());
  CHECK(session.run_over());
  const std::string diagnosis = session.diagnosis();
  CHECK(diagnosis.find("deadlock") != std::string::npos);
  CHECK(diagnosis.find("Task-2") != std::string::npos);
  CHECK(diagnosis.find("waits_forever") != std::string::npos);
  // Said once, not once from the trace and again from the DeadlockError.
  CHECK(diagnosis.find("deadlock:") == diagnosis.rfind("deadlock:"));
}

TEST_CASE("a coroutine never awaited is diagnosed, and the run goes on") {
  Session session(bad_lessons::never_awaits);
  CHECK_NOTHROW(session.run_to_end());
  CHECK(session.run_over());
  CHECK(session.diagnosis().find("coroutine 'helper' was never awaited") != std::string::npos);
}

TEST_CASE("the step sentence says what ran and what it means for the next iteration") {
  Session session(aio::lessons::find_lesson("5")->main);
  CHECK(session.step_sentence().find("nothing has run yet") != std::string::npos);
  session.step_forward();
  CHECK(session.step_sentence().find("Task-1 (main") != std::string::npos);
  bool timer_fired = false;
  while (session.step_forward()) {
    const std::string sentence = session.step_sentence();
    if (sentence.find("timer of sleep(") != std::string::npos && sentence.find("fired") != std::string::npos) {
      timer_fired = true;
      CHECK(sentence.find("will resume next iteration, not now") != std::string::npos);
    }
  }
  CHECK(timer_fired);
  CHECK(session.step_sentence().find("The run is over") != std::string::npos);
}

TEST_CASE("the step sentence puts a suspension at the lesson's line, not inside the library's Lock.acquire") {
  Session session(aio::lessons::find_lesson("15_event_and_lock")->main);
  bool found = false;
  while (!found && session.step_forward()) {
    const std::string sentence = session.step_sentence();
    if (sentence.find("awaiting Lock.acquire") == std::string::npos) continue;
    found = true;
    CHECK(sentence.find("suspended at lesson.cpp:") != std::string::npos);
    CHECK(sentence.find("lock.cpp") == std::string::npos);
  }
  CHECK(found);
}

TEST_CASE("the step sentence names a done callback by its asyncio name: gather's _done_callback on a child") {
  Session session(aio::lessons::find_lesson("06_gather")->main);
  bool found = false;
  while (!found && session.step_forward())
    found = session.step_sentence().find("A done callback of Task-3 (_done_callback of gather #1) ran") !=
            std::string::npos;
  CHECK(found);
}
