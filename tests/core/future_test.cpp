// Futures: completion schedules callbacks (DESIGN.md rule 5) and the state machine's errors.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::Coroutine<void> waiter(Log& log, aio::Future<int> future) {
  int value = co_await future;
  log("waiter resumed with " + std::to_string(value) + " in iteration " +
      std::to_string(aio::get_running_loop().iteration()));
}

aio::Coroutine<void> resolves(Log& log) {
  aio::EventLoop& loop = aio::get_running_loop();
  aio::Future<int> future = loop.create_future<int>();
  auto task = aio::create_task(waiter(log, future));
  co_await aio::sleep(0);
  loop.call_soon([&] { log("callback queued before set_result"); });
  future.set_result(7);
  log("set_result returned in iteration " + std::to_string(loop.iteration()));
  loop.call_soon([&] { log("callback queued after set_result"); });
  co_await task;
}

aio::Coroutine<void> callbacks_in_order(Log& log) {
  aio::Future<std::string> future;
  aio::DoneCallback<std::string> first = [&](const aio::Future<std::string>& f) { log("first " + f.result()); };
  aio::DoneCallback<std::string> second = [&](const aio::Future<std::string>& f) { log("second " + f.result()); };
  future.add_done_callback(first);
  future.add_done_callback(second);
  future.add_done_callback(first);
  CHECK(future.remove_done_callback(first) == 2);
  future.add_done_callback(first);
  future.set_result("x");
  log("set_result returned");
  co_await aio::sleep(0);
  future.add_done_callback(second);  // already done: scheduled at once
  log("added to a done future");
  co_await aio::sleep(0);
}

// The first callback is kept inline and the rest in a list (fut_callback0 / fut_callbacks):
// removing and adding around the inline one must not change the order.
aio::Coroutine<void> callbacks_in_order_around_removals(Log& log) {
  aio::Future<int> future;
  auto make = [&](std::string name) {
    return aio::DoneCallback<int>([&log, name](const aio::Future<int>&) { log(name); });
  };
  aio::DoneCallback<int> a = make("a"), b = make("b"), c = make("c"), d = make("d");
  future.add_done_callback(a);
  CHECK(future.remove_done_callback(a) == 1);
  future.add_done_callback(b);
  future.add_done_callback(c);
  CHECK(future.remove_done_callback(c) == 1);
  future.add_done_callback(d);
  future.add_done_callback(a);
  future.set_result(1);
  co_await aio::sleep(0);
}

aio::Coroutine<void> state_errors() {
  aio::Future<int> future;
  CHECK_THROWS_WITH_AS(future.result(), "Result is not set.", aio::InvalidStateError);
  CHECK_THROWS_WITH_AS(future.exception(), "Exception is not set.", aio::InvalidStateError);
  future.set_result(1);
  CHECK_THROWS_WITH_AS(future.set_result(2), "invalid state", aio::InvalidStateError);
  CHECK_THROWS_AS(future.set_exception(aio::ValueError("x")), aio::InvalidStateError);
  CHECK_FALSE(future.cancel());
  CHECK(future.exception() == nullptr);

  aio::Future<int> cancelled;
  CHECK(cancelled.cancel("why"));
  CHECK_FALSE(cancelled.cancel());
  CHECK(cancelled.cancelled());
  CHECK_THROWS_WITH_AS(cancelled.result(), "why", aio::CancelledError);

  aio::Future<void> failed;
  failed.set_exception(aio::ValueError("bad"));
  CHECK(aio::type_name(failed.exception()) == "ValueError");
  CHECK_THROWS_WITH_AS(failed.result(), "bad", aio::ValueError);
  co_return;
}

}  // namespace

TEST_CASE("rule 5: a task awaiting a future resumes one iteration after set_result, behind queued callbacks") {
  Log log;
  run_virtual(resolves(log));
  REQUIRE(log.lines.size() == 4);
  CHECK(log.lines[1] == "callback queued before set_result");
  CHECK(log.lines[3] == "callback queued after set_result");
  const auto iteration_of = [](const std::string& line) { return std::stoi(line.substr(line.rfind(' ') + 1)); };
  CHECK(iteration_of(log.lines[2]) == iteration_of(log.lines[0]) + 1);
}

TEST_CASE("rule 5: done callbacks are scheduled with call_soon in registration order") {
  Log log;
  run_virtual(callbacks_in_order(log));
  CHECK(log.lines == Lines{"set_result returned", "second x", "first x", "added to a done future", "second x"});
}

TEST_CASE("done callbacks keep registration order when some are removed") {
  Log log;
  run_virtual(callbacks_in_order_around_removals(log));
  CHECK(log.lines == Lines{"b", "d", "a"});
}

TEST_CASE("a Future's misuse raises asyncio's errors") { run_virtual(state_errors()); }

TEST_CASE("an exception never retrieved is reported when the last reference goes away") {
  VirtualLoop loop;
  std::vector<std::string> reported;
  loop->set_exception_handler(
      [&](aio::EventLoop&, const aio::ExceptionContext& context) { reported.push_back(context.message); });
  {
    aio::Future<int> retrieved(*loop);
    retrieved.set_exception(aio::ValueError("seen"));
    CHECK(retrieved.exception() != nullptr);
    aio::Future<int> ignored(*loop);
    ignored.set_exception(aio::ValueError("unseen"));
  }
  CHECK(reported == std::vector<std::string>{"Future exception was never retrieved"});
}
