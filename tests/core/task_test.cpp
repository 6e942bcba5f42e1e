// Tasks: creation and steps (DESIGN.md rules 3 and 4), names, current_task, all_tasks.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<int> child(Log& log, int value) {
  log("child " + std::to_string(value) + " runs");
  co_return value;
}

aio::Coroutine<void> creates_a_task(Log& log) {
  auto task = aio::create_task(child(log, 1));
  log("created");
  CHECK_FALSE(task.done());
  co_await aio::sleep(0);
  log("after sleep(0)");
  CHECK(task.done());
  CHECK(task.result() == 1);
}

aio::Coroutine<std::string> current_name() { co_return aio::current_task().get_name(); }

aio::Coroutine<void> names_tasks(std::vector<std::string>& names) {
  names.push_back(aio::current_task().get_name());
  auto unnamed = aio::create_task(current_name());
  auto named = aio::create_task(current_name(), "worker");
  auto via_loop = aio::get_running_loop().create_task(current_name(), "via-loop");
  auto next = aio::create_task(current_name());
  names.push_back(co_await unnamed);
  names.push_back(co_await named);
  names.push_back(co_await via_loop);
  names.push_back(co_await next);
}

aio::Coroutine<void> raises() {
  co_await aio::sleep(0);
  throw aio::ValueError("bad");
}

aio::Coroutine<void> suspends_then_returns(aio::Future<int> future) { co_await future; }

aio::Coroutine<void> inspects_steps() {
  aio::Future<int> future;
  auto task = aio::create_task(suspends_then_returns(future));
  co_await aio::sleep(0);
  // Rule 4: the task suspended on a pending future: it waits on it (fut_waiter) and nothing
  // of it is scheduled.
  CHECK(task.task_state().fut_waiter() == future.state());
  future.set_result(1);
  co_await aio::sleep(0);
  CHECK(task.done());
  CHECK(task.task_state().fut_waiter() == nullptr);

  auto failing = aio::create_task(raises());
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  CHECK(failing.done());
  CHECK_FALSE(failing.cancelled());
  CHECK(aio::type_name(failing.exception()) == "ValueError");
}

aio::Coroutine<void> sleeps(double delay) { co_await aio::sleep(delay); }

aio::Coroutine<void> lists_tasks(std::vector<std::string>& names) {
  auto a = aio::create_task(sleeps(1), "a");
  auto b = aio::create_task(sleeps(0), "b");
  co_await aio::sleep(0.5);
  for (const aio::AnyTask& task : aio::all_tasks()) names.push_back(task.get_name());
  co_await a;
}

}  // namespace

TEST_CASE("rule 3: create_task schedules the first step with call_soon and runs none of the coroutine") {
  Log log;
  run_virtual(creates_a_task(log));
  CHECK(log.lines == Lines{"created", "child 1 runs", "after sleep(0)"});
}

TEST_CASE("rule 3: tasks are named Task-N from one counter; asyncio.create_task(name=) still takes a number") {
  std::vector<std::string> names;
  run_virtual(names_tasks(names));
  REQUIRE(names.size() == 5);
  const int main_number = std::stoi(names[0].substr(5));
  CHECK(names[1] == "Task-" + std::to_string(main_number + 1));
  CHECK(names[2] == "worker");
  CHECK(names[3] == "via-loop");
  // "worker" consumed main+2 when it was created, then was renamed; "via-loop" took none.
  CHECK(names[4] == "Task-" + std::to_string(main_number + 3));
}

TEST_CASE("rule 4: a step ends finished, raised, suspended on a future, or yielded") { run_virtual(inspects_steps()); }

TEST_CASE("all_tasks lists the tasks not yet done, in creation order") {
  std::vector<std::string> names;
  run_virtual(lists_tasks(names));
  REQUIRE(names.size() == 2);
  CHECK(names[1] == "a");  // names[0] is main; "b" finished
}

TEST_CASE("current_task outside a task raises RuntimeError") {
  CHECK_THROWS_AS(aio::current_task(), aio::RuntimeError);
}
