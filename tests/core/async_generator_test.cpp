// Async generators, `async for` and the loop's async generator hooks (PEP 525; asyncio.run's
// shutdown_asyncgens and the finalizer hook).
#include <doctest/doctest.h>

#include <optional>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

aio::AsyncGenerator<int> counts(Log& log, std::string name, int n) {
  for (int i = 0; i < n; ++i) {
    log(name + " produces " + std::to_string(i));
    co_await aio::sleep(0);
    co_yield i;
  }
  log(name + " exhausted");
}

aio::Coroutine<void> consume(Log& log, std::string name, int n) {
  for (auto values = counts(log, name, n); auto value = co_await values.next();)
    log(name + " got " + std::to_string(*value));
}

aio::Coroutine<void> two_consumers(Log& log) { co_await aio::gather(consume(log, "a", 2), consume(log, "b", 2)); }

constexpr unsigned gate_line = __LINE__ + 1;
aio::AsyncGenerator<int> waits_at_gate(aio::Future<int> gate) { co_yield co_await gate; }
aio::Coroutine<int> first_of(aio::Future<int> gate) {
  auto gen = waits_at_gate(gate);
  auto value = co_await gen.next();
  co_return *value;
}

aio::Coroutine<void> inspects_chain() {
  aio::Future<int> gate;
  auto task = aio::create_task(first_of(gate));
  co_await aio::sleep(0);
  CHECK(task.task_state().fut_waiter() == gate.state());
  auto chain = task.task_state().await_chain();
  REQUIRE(chain.size() == 2);
  CHECK(std::string(chain[0]->function_name()) == "first_of");
  CHECK(std::string(chain[1]->function_name()) == "waits_at_gate");
  CHECK(chain[1]->suspended_at().line == gate_line);
  gate.set_result(42);
  int first = co_await task;
  CHECK(first == 42);
}

aio::AsyncGenerator<int> fails_after_one() {
  co_yield 1;
  throw aio::ValueError("generator failed");
}

aio::Coroutine<void> sees_failure_once(Log& log) {
  auto gen = fails_after_one();
  auto first = co_await gen.next();
  log("first " + std::to_string(*first));
  try {
    co_await gen.next();
  } catch (const aio::ValueError& e) {
    log(std::string("raised ") + e.what());
  }
  auto after = co_await gen.next();
  log(after ? "a value" : "exhausted");
}

aio::Coroutine<void> runs_to_exhaustion(Log& log) {
  auto gen = counts(log, "g", 1);
  while (auto value = co_await gen.next()) log("got " + std::to_string(*value));
  auto again = co_await gen.next();
  log(again ? "a value" : "still exhausted");
}

aio::AsyncGenerator<int> cleans_up(Log& log) {
  aio::Finally finally([&] { log("finally"); });
  try {
    co_yield 1;
    co_yield 2;
  } catch (const aio::Exception&) {
    log("caught as an Exception");  // GeneratorExit is not one
  } catch (const aio::GeneratorExit&) {
    log("caught GeneratorExit");
    throw;
  }
}

aio::Coroutine<void> closes_half_way(Log& log) {
  auto gen = cleans_up(log);
  co_await gen.next();
  co_await gen.aclose();
  log("closed");
  auto after = co_await gen.next();
  log(after ? "a value" : "exhausted");
  co_await gen.aclose();
  log("closed again: nothing to do");
}

aio::Coroutine<void> closes_unstarted(Log& log) {
  auto gen = cleans_up(log);
  co_await gen.aclose();
  auto after = co_await gen.next();
  log(after ? "a value" : "exhausted without running");
}

aio::AsyncGenerator<int> ignores_generator_exit() {
  for (;;) {
    try {
      co_yield 1;
    } catch (const aio::GeneratorExit&) {
    }
  }
}

aio::Coroutine<std::string> close_refused() {
  auto gen = ignores_generator_exit();
  co_await gen.next();
  try {
    co_await gen.aclose();
  } catch (const aio::RuntimeError& e) {
    co_return e.what();
  }
  co_return "no error";
}

aio::AsyncGenerator<int> awaits_in_cleanup(Log& log) {
  bool closing = false;
  try {
    co_yield 1;
  } catch (const aio::GeneratorExit&) {
    closing = true;  // C++ allows no co_await in a catch block: await after it
  }
  if (closing) {
    log("cleanup starts");
    co_await aio::sleep(0);
    log("cleanup ends");
    throw aio::GeneratorExit();
  }
}

aio::Coroutine<void> other(Log& log) {
  log("other task runs");
  co_return;
}

aio::Coroutine<void> close_suspends(Log& log) {
  auto gen = awaits_in_cleanup(log);
  co_await gen.next();
  aio::create_task(other(log));
  co_await gen.aclose();
  log("aclose returned");
}

aio::Coroutine<void> reads_from(aio::AsyncGenerator<int>& gen) { co_await gen.next(); }

aio::Coroutine<std::string> second_reader() {
  aio::Future<int> gate;
  auto gen = waits_at_gate(gate);
  auto first = aio::create_task(reads_from(gen));
  co_await aio::sleep(0);  // the first reader is suspended inside the generator
  std::string error;
  try {
    co_await gen.next();
  } catch (const aio::RuntimeError& e) {
    error = e.what();
  }
  gate.set_result(1);
  co_await first;
  co_return error;
}

aio::AsyncGenerator<int> cancelled_inside(Log& log) {
  try {
    co_await aio::sleep(10);
    co_yield 1;
  } catch (const aio::CancelledError&) {
    log("CancelledError at the generator's co_await");
    throw;
  }
}

aio::Coroutine<void> consumer_of(Log& log) {
  auto gen = cancelled_inside(log);
  co_await gen.next();
}

aio::Coroutine<void> cancels_consumer(Log& log) {
  auto task = aio::create_task(consumer_of(log));
  co_await aio::sleep(0);
  task.cancel();
  try {
    co_await task;
  } catch (const aio::CancelledError&) {
    log("consumer cancelled");
  }
}

aio::AsyncGenerator<int> catches_and_goes_on(Log& log) {
  try {
    co_yield 1;
  } catch (const aio::ValueError& e) {
    log(std::string("caught ") + e.what());
  }
  co_yield 2;
}

aio::Coroutine<void> throws_in(Log& log) {
  auto gen = catches_and_goes_on(log);
  co_await gen.next();
  auto next = co_await gen.athrow(std::make_exception_ptr(aio::ValueError("thrown in")));
  log("then " + std::to_string(*next));
}

aio::AsyncGenerator<int> sleeps_in_cleanup(Log& log, std::string name) {
  aio::Finally finally([&log, name] { log(name + " finally"); });
  bool closing = false;
  try {
    for (int i = 0;; ++i) co_yield i;
  } catch (const aio::GeneratorExit&) {
    closing = true;
  }
  if (closing) {
    log(name + " cleanup starts");
    co_await aio::sleep(0);
    log(name + " cleanup ends");
  }
}

aio::Coroutine<void> leaves_generators_open(Log& log, aio::AsyncGenerator<int>& a, aio::AsyncGenerator<int>& b,
                                            aio::AsyncGenerator<int>& never_iterated) {
  a = sleeps_in_cleanup(log, "a");
  b = sleeps_in_cleanup(log, "b");
  never_iterated = sleeps_in_cleanup(log, "never iterated");
  co_await a.next();
  co_await b.next();
  CHECK(aio::get_running_loop().asyncgens().size() == 2);
  log("main returns");
}

aio::AsyncGenerator<int> fails_in_cleanup() {
  try {
    co_yield 1;
  } catch (const aio::GeneratorExit&) {
    throw aio::ValueError("cleanup failed");
  }
}

aio::Coroutine<void> leaves_failing_generator(Log& log, aio::AsyncGenerator<int>& gen) {
  aio::get_running_loop().set_exception_handler([&log](aio::EventLoop&, const aio::ExceptionContext& context) {
    log(context.message + ": " + aio::type_name(context.exception) + " " + aio::message_of(context.exception));
  });
  gen = fails_in_cleanup();
  co_await gen.next();
}

aio::Coroutine<void> drops_generator_half_way(Log& log) {
  {
    auto gen = sleeps_in_cleanup(log, "dropped");
    co_await gen.next();
    CHECK(aio::get_running_loop().asyncgens().size() == 1);
  }
  // CPython's finalizer hook took it out of the loop's set and call_soon'ed the task that
  // closes it: the task is created next iteration and runs the one after.
  CHECK(aio::get_running_loop().asyncgens().empty());
  log("dropped");
  co_await aio::sleep(0);
  log("one iteration");
  co_await aio::sleep(0);
  log("two iterations");
  co_await aio::sleep(0);
  co_await aio::sleep(0);
}

aio::Coroutine<void> exhausts_and_drops() {
  {
    Log ignored;
    auto gen = counts(ignored, "g", 1);
    while (co_await gen.next()) {
    }
    CHECK(aio::get_running_loop().asyncgens().size() == 1);
  }
  CHECK(aio::get_running_loop().asyncgens().empty());
  CHECK(aio::all_tasks().size() == 1);  // a finished generator needs no closing task
}

aio::Coroutine<void> reads_forever(aio::Future<int> never, Log& log) {
  auto gen = sleeps_in_cleanup(log, "inner");
  co_await gen.next();
  auto waiting = waits_at_gate(never);
  co_await waiting.next();
}

}  // namespace

TEST_CASE("a generator's co_await suspends its consumer's task, whose await chain ends inside the generator") {
  run_virtual(inspects_chain());
}

TEST_CASE("two consumers of two generators interleave at every sleep(0) inside the generators") {
  Log log;
  run_virtual(two_consumers(log));
  CHECK(log.lines == Lines{"a produces 0", "b produces 0", "a got 0", "a produces 1", "b got 0", "b produces 1",
                           "a got 1", "a exhausted", "b got 1", "b exhausted"});
}

TEST_CASE("next() gives std::nullopt once the generator is exhausted, and again after") {
  Log log;
  run_virtual(runs_to_exhaustion(log));
  CHECK(log.lines == Lines{"g produces 0", "got 0", "g exhausted", "still exhausted"});
}

TEST_CASE("an exception escaping the generator reaches its consumer once; then the generator is exhausted") {
  Log log;
  run_virtual(sees_failure_once(log));
  CHECK(log.lines == Lines{"first 1", "raised generator failed", "exhausted"});
}

TEST_CASE("aclose raises GeneratorExit at the co_yield: catch blocks and RAII run; GeneratorExit is no Exception") {
  static_assert(std::is_base_of_v<aio::BaseException, aio::GeneratorExit>);
  static_assert(!std::is_base_of_v<aio::Exception, aio::GeneratorExit>);
  Log log;
  run_virtual(closes_half_way(log));
  CHECK(log.lines == Lines{"caught GeneratorExit", "finally", "closed", "exhausted", "closed again: nothing to do"});
}

TEST_CASE("aclose on a generator that never started closes it without running its body") {
  Log log;
  run_virtual(closes_unstarted(log));
  CHECK(log.lines == Lines{"exhausted without running"});
}

TEST_CASE("a generator that yields after GeneratorExit makes aclose raise RuntimeError") {
  CHECK(run_virtual(close_refused()) == "async generator ignored GeneratorExit");
}

TEST_CASE("a generator that awaits in its cleanup suspends the task awaiting aclose") {
  Log log;
  run_virtual(close_suspends(log));
  CHECK(log.lines == Lines{"cleanup starts", "other task runs", "cleanup ends", "aclose returned"});
}

TEST_CASE("next() on a generator that another task is running raises RuntimeError") {
  CHECK(run_virtual(second_reader()) == "anext(): asynchronous generator is already running");
}

TEST_CASE("cancelling the consumer raises CancelledError at the generator's co_await") {
  Log log;
  run_virtual(cancels_consumer(log));
  CHECK(log.lines == Lines{"CancelledError at the generator's co_await", "consumer cancelled"});
}

TEST_CASE("athrow raises the exception at the co_yield; the generator may catch it and yield again") {
  Log log;
  run_virtual(throws_in(log));
  CHECK(log.lines == Lines{"caught thrown in", "then 2"});
}

TEST_CASE("run closes the generators still open when main returns, concurrently, before it returns") {
  Log log;
  aio::AsyncGenerator<int> a, b, never_iterated;
  run_virtual(leaves_generators_open(log, a, b, never_iterated));
  log("run returned");
  CHECK(log.lines == Lines{"main returns", "a cleanup starts", "b cleanup starts", "a cleanup ends", "a finally",
                           "b cleanup ends", "b finally", "run returned"});
}

TEST_CASE("run reports a generator whose cleanup raises through the loop's exception handler") {
  Log log;
  aio::AsyncGenerator<int> gen;
  run_virtual(leaves_failing_generator(log, gen));
  CHECK(log.lines ==
        Lines{"an error occurred during closing of asynchronous generator <async_generator object fails_in_cleanup>: "
              "ValueError cleanup failed"});
}

TEST_CASE("a generator destroyed at a co_yield is closed by a task of its own, two iterations later") {
  Log log;
  run_virtual(drops_generator_half_way(log));
  CHECK(log.lines == Lines{"dropped", "one iteration", "dropped cleanup starts", "two iterations",
                           "dropped cleanup ends", "dropped finally"});
}

TEST_CASE("the loop tracks generators weakly: a destroyed generator leaves its set") {
  run_virtual(exhausts_and_drops());
}

TEST_CASE("closing a loop destroys generators with their consumer, at a co_yield or inside an await (LSan)") {
  Log log;
  {
    VirtualLoop loop;
    aio::Future<int> never(*loop);
    auto task = loop->create_task(reads_forever(never, log));
    loop->step();
    CHECK(task.task_state().fut_waiter() == never.state());
    loop->close();
  }
  CHECK(log.lines == Lines{"inner finally"});  // RAII runs as the frame goes; no GeneratorExit
}
