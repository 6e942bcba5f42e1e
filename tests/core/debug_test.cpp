// Issue 5, rule 6 (debug mode) and rule 7 (deadlock diagnosis).
#include <doctest/doctest.h>

#include <coroscope/trace/recorder.hpp>

#include "test_support.hpp"

namespace {

// The text of each `diagnostic` event recorded: what debug mode warned about.
std::vector<std::string> diagnostic_texts(const coroscope::trace::Recorder& recorder) {
  std::vector<std::string> texts;
  for (std::size_t i = 0; i < recorder.size(); ++i)
    if (recorder[i].kind == aio::TraceKind::diagnostic) texts.push_back(recorder.strings()[recorder[i].a]);
  return texts;
}

aio::Coroutine<int> helper() { co_return 1; }

aio::Coroutine<void> forgets(coroscope::trace::Recorder& diagnostics) {
  aio::get_running_loop().set_tracer(&diagnostics);
  { auto forgotten = helper(); }
  auto awaited = helper();
  co_await awaited;
  aio::get_running_loop().set_tracer(nullptr);
}

TEST_CASE("issue 5 rule 6: debug mode warns of a coroutine never awaited, and says where it was created") {
  coroscope::trace::Recorder diagnostics;
  aio::run(forgets(diagnostics), {.debug = true, .clock = aio::ClockKind::virtual_time});
  REQUIRE(diagnostic_texts(diagnostics).size() == 1);
  CHECK(
      diagnostic_texts(diagnostics)[0].starts_with("RuntimeWarning: coroutine 'helper' was never awaited\n"
                                                   "Coroutine created in forgets() in Task-"));
}

aio::Coroutine<void> forgets_after_awaiting(coroscope::trace::Recorder& diagnostics) {
  aio::get_running_loop().set_tracer(&diagnostics);
  co_await aio::sleep(0);
  { auto forgotten = helper(); }
  aio::get_running_loop().set_tracer(nullptr);
}

TEST_CASE("issue 13: the warning of a coroutine never awaited gives the line its creator had reached") {
  coroscope::trace::Recorder diagnostics;
  aio::run(forgets(diagnostics), {.debug = true, .clock = aio::ClockKind::virtual_time});
  aio::run(forgets_after_awaiting(diagnostics), {.debug = true, .clock = aio::ClockKind::virtual_time});
  REQUIRE(diagnostic_texts(diagnostics).size() == 2);
  CHECK(diagnostic_texts(diagnostics)[0].ends_with(", before its first co_await, in " + std::string(__FILE__)));
  CHECK(diagnostic_texts(diagnostics)[1].ends_with(", after the co_await at " + std::string(__FILE__) + ":" +
                                                   std::to_string(__LINE__ - 12)));
}

TEST_CASE("issue 5 rule 6: without debug mode nothing is reported") {
  coroscope::trace::Recorder diagnostics;
  aio::run(forgets(diagnostics), virtual_time);
  CHECK(diagnostic_texts(diagnostics).empty());
}

aio::Coroutine<void> waits_forever(aio::Future<int> never) { co_await never; }

aio::Coroutine<void> leaves_pending() {
  aio::create_task(waits_forever(aio::Future<int>()), "stuck");
  co_await aio::sleep(0);
}

TEST_CASE("issue 5 rule 6: a task destroyed while pending is reported, with where it was created in debug mode") {
  std::vector<std::string> reported;
  {
    VirtualLoop loop;
    loop->set_debug(true);
    loop->set_exception_handler([&](aio::EventLoop&, const aio::ExceptionContext& context) {
      reported.push_back(context.message + "\n" + context.source);
    });
    loop->run_until_complete(leaves_pending());
    loop->close();
  }
  // The creating task's number, and where in its file, come after "Task-" (the file's path
  // may hold a '-' of its own).
  REQUIRE(reported.size() == 1);
  CHECK(
      reported[0].starts_with("Task was destroyed but it is pending!\n<Task pending name='stuck' "
                              "coro=<waits_forever()>>\ncreated in leaves_pending() in Task-"));
}

aio::Coroutine<void> slow_step() { co_return; }

TEST_CASE("issue 5 rule 6: debug mode warns of a callback slower than slow_callback_duration, naming the task") {
  coroscope::trace::Recorder diagnostics;
  VirtualLoop loop;
  loop->set_debug(true);
  loop->slow_callback_duration = 0.0;  // every callback is "slow"
  loop->set_tracer(&diagnostics);
  loop->run_until_complete(loop->create_task(slow_step(), "quick"));
  loop->set_tracer(nullptr);
  REQUIRE_FALSE(diagnostic_texts(diagnostics).empty());
  CHECK(
      diagnostic_texts(diagnostics)[0].starts_with("Executing <Task finished name='quick' coro=<slow_step()>> took "));
  CHECK(diagnostic_texts(diagnostics)[0].ends_with(" seconds"));
}

aio::Coroutine<void> turns_debug_on() {
  aio::get_running_loop().set_debug(true);
  co_return;
}

TEST_CASE("a step that turns debug mode on is not timed: CPython decides before the handle runs") {
  coroscope::trace::Recorder diagnostics;
  VirtualLoop loop;
  loop->slow_callback_duration = 1.0;
  loop->set_tracer(&diagnostics);
  loop->run_until_complete(loop->create_task(turns_debug_on(), "turns_debug_on"));
  loop->set_tracer(nullptr);
  // Before the fix, the step was timed from 0 and reported as taking the whole epoch.
  CHECK(diagnostic_texts(diagnostics).empty());
}

aio::Coroutine<void> waits_on_event(aio::Event event) { co_await event.wait(); }

aio::Coroutine<void> deadlocks() {
  aio::Event never_set;
  auto t = aio::create_task(waits_on_event(never_set), "waiter");
  co_await t;
}

TEST_CASE("issue 5 rule 7: a deadlock on the virtual clock names each stuck task, its future and its line") {
  const std::string message = raised_message<aio::DeadlockError>(deadlocks());
  CHECK(message.find("Task-") != std::string::npos);
  CHECK(message.find("(deadlocks) waits on <Task pending name='waiter'") != std::string::npos);
  CHECK(message.find("waiter (waits_on_event) waits on <Future pending> (Event.wait)") != std::string::npos);
  CHECK(message.find("in waits_on_event() at ") != std::string::npos);
  CHECK(message.find("debug_test.cpp:") != std::string::npos);
}

TEST_CASE("issue 5 rule 7: on the real clock the diagnosis is opt-in") {
  aio::EventLoop real;
  CHECK_FALSE(real.deadlock_check());  // asyncio would wait forever
  std::string message;
  try {
    aio::run(deadlocks(), {.clock = aio::ClockKind::real, .deadlock_check = true});
  } catch (const aio::DeadlockError& e) {
    message = e.what();
  }
  CHECK(message.starts_with("deadlock: nothing is ready and no timer is pending"));
}

}  // namespace

namespace {

// The line of recurses' own co_await, counted from here so that no edit elsewhere moves it.
constexpr int recursion_line = __LINE__ + 5;
aio::Coroutine<void> recurses(int depth, aio::Event never_set) {
  if (depth == 0) {
    co_await never_set.wait();
  } else {
    co_await recurses(depth - 1, never_set);
  }
}

aio::Coroutine<void> deep_deadlock() { co_await recurses(100000, aio::Event()); }

TEST_CASE("issue 13: a deadlock in a deep await chain shows a repeated line three times, then how often it repeats") {
  const std::string message = raised_message<aio::DeadlockError>(deep_deadlock());
  const std::string recursion =
      "\n      in recurses() at " + std::string(__FILE__) + ":" + std::to_string(recursion_line);
  CHECK(message.find(recursion + recursion + recursion +
                     "\n      [Previous line repeated 99997 more times]\n      in "
                     "deep_deadlock() at ") != std::string::npos);
  CHECK(message.size() < 1000);
}

}  // namespace
