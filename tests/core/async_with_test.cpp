// `async with` (aio::async_with) for a user's manager type and for aio::AsyncContextManager,
// contextlib.asynccontextmanager's counterpart.
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

// A manager whose aenter and aexit each suspend for one iteration, and whose aexit suppresses
// exceptions when told to.
struct Resource {
  Resource(Log& log, bool suppress = false) : log(log), suppress(suppress) {}
  Log& log;
  bool suppress;

  aio::Coroutine<int> aenter() {
    log("aenter");
    co_await aio::sleep(0);
    co_return 7;
  }
  aio::Coroutine<bool> aexit(std::exception_ptr exc) {
    log("aexit sees " + (exc ? aio::type_name(exc) : std::string("no exception")));
    co_await aio::sleep(0);
    co_return suppress;
  }
};

aio::Coroutine<void> ticker(Log& log) {
  for (int i = 0; i < 3; ++i) {
    log("tick " + std::to_string(i));
    co_await aio::sleep(0);
  }
}

aio::Coroutine<void> enters_and_exits(Log& log) {
  auto ticks = aio::create_task(ticker(log));
  co_await aio::async_with(Resource(log), [&](int value) { log("block gets " + std::to_string(value)); });
  co_await ticks;
}

aio::Coroutine<void> block_raises(Log& log, bool suppress) {
  try {
    co_await aio::async_with(Resource(log, suppress), [&] { throw aio::ValueError("in the block"); });
    log("after the block");
  } catch (const aio::ValueError& e) {
    log(std::string("propagated: ") + e.what());
  }
}

aio::Coroutine<void> coroutine_block(Log& log) {
  auto ticks = aio::create_task(ticker(log));
  co_await aio::async_with(Resource(log), [&](int value) -> aio::Coroutine<void> {
    log("block starts with " + std::to_string(value));
    co_await aio::sleep(0);
    log("block ends");
  });
  co_await ticks;
}

aio::Coroutine<void> sleeps_in_block(Log& log) {
  co_await aio::async_with(Resource(log), [&]() -> aio::Coroutine<void> { co_await aio::sleep(10); });
}

aio::Coroutine<void> cancels_block(Log& log) {
  auto task = aio::create_task(sleeps_in_block(log));
  co_await aio::sleep(0);
  co_await aio::sleep(0);
  task.cancel();
  try {
    co_await task;
  } catch (const aio::CancelledError&) {
    log("task cancelled");
  }
}

// __aenter__ returns self and __aexit__ returns None: aenter and aexit give nothing.
struct Gate {
  Log& log;
  std::string name;
  aio::Coroutine<void> aenter() {
    log(name + " opens");
    co_return;
  }
  aio::Coroutine<void> aexit(std::exception_ptr) {
    log(name + " closes");
    co_return;
  }
};

aio::Coroutine<void> uses_named_manager(Log& log) {
  Gate gate{log, "gate"};
  co_await aio::async_with(gate, [&](Gate& as_target) { CHECK(&as_target == &gate); });
  co_await aio::async_with(gate, [&] { log("block without a target"); });
  try {
    co_await aio::async_with(gate, [&] { throw aio::ValueError("x"); });
  } catch (const aio::ValueError&) {
    log("an aexit that gives nothing never suppresses");
  }
}

struct FailsToEnter {
  explicit FailsToEnter(Log& log) : log(log) {}
  Log& log;
  aio::Coroutine<void> aenter() {
    co_await aio::sleep(0);
    throw aio::RuntimeError("cannot enter");
  }
  aio::Coroutine<bool> aexit(std::exception_ptr) {
    log("aexit");
    co_return false;
  }
};

aio::Coroutine<void> enter_fails(Log& log) {
  try {
    co_await aio::async_with(FailsToEnter(log), [&] { log("block"); });
  } catch (const aio::RuntimeError& e) {
    log(e.what());
  }
}

aio::AsyncContextManager<std::string> transaction(Log& log, std::string name) {
  log(name + " begin");
  co_await aio::sleep(0);
  aio::Finally finally([&] { log(name + " finally"); });
  try {
    co_yield name + " handle";
    log(name + " commit");
  } catch (const aio::ValueError& e) {
    log(name + " rollback: " + e.what());
    throw;
  }
}

aio::Coroutine<void> uses_transactions(Log& log) {
  co_await aio::async_with(transaction(log, "t1"), [&](std::string& handle) { log("inside with " + handle); });
  try {
    co_await aio::async_with(transaction(log, "t2"), [&] { throw aio::ValueError("bad row"); });
  } catch (const aio::ValueError& e) {
    log(std::string("re-raised: ") + e.what());
  }
}

aio::AsyncContextManager<int> swallows(Log& log) {
  try {
    co_yield 1;
  } catch (const aio::ValueError&) {
    log("swallowed");
  }
}

aio::Coroutine<void> generator_suppresses(Log& log) {
  co_await aio::async_with(swallows(log), [&] { throw aio::ValueError("bad"); });
  log("after the block");
}

aio::AsyncContextManager<int> never_yields() { co_return; }
aio::AsyncContextManager<int> yields_twice() {
  co_yield 1;
  co_yield 2;
}
aio::AsyncContextManager<int> yields_after_catching() {
  try {
    co_yield 1;
  } catch (const aio::ValueError&) {
  }
  co_yield 2;
}

aio::Coroutine<Lines> misbehaving_generators() {
  Lines errors;
  try {
    co_await aio::async_with(never_yields(), [] {});
  } catch (const aio::RuntimeError& e) {
    errors.push_back(e.what());
  }
  try {
    co_await aio::async_with(yields_twice(), [] {});
  } catch (const aio::RuntimeError& e) {
    errors.push_back(e.what());
  }
  try {
    co_await aio::async_with(yields_after_catching(), [] { throw aio::ValueError("x"); });
  } catch (const aio::RuntimeError& e) {
    errors.push_back(e.what());
  }
  co_return errors;
}

}  // namespace

TEST_CASE("async_with awaits aenter before the block and aexit after it; other tasks run at their suspensions") {
  Log log;
  run_virtual(enters_and_exits(log));
  CHECK(log.lines == Lines{"aenter", "tick 0", "block gets 7", "aexit sees no exception", "tick 1", "tick 2"});
}

TEST_CASE("an exception in the block reaches aexit, and propagates when aexit returns false") {
  Log log;
  run_virtual(block_raises(log, false));
  CHECK(log.lines == Lines{"aenter", "aexit sees ValueError", "propagated: in the block"});
}

TEST_CASE("aexit returning true suppresses the block's exception") {
  Log log;
  run_virtual(block_raises(log, true));
  CHECK(log.lines == Lines{"aenter", "aexit sees ValueError", "after the block"});
}

TEST_CASE("a block that awaits is a coroutine: its awaits suspend the task") {
  Log log;
  run_virtual(coroutine_block(log));
  CHECK(log.lines ==
        Lines{"aenter", "tick 0", "block starts with 7", "tick 1", "block ends", "aexit sees no exception", "tick 2"});
}

TEST_CASE("a CancelledError thrown in at the block's co_await reaches aexit, then cancels the task") {
  Log log;
  run_virtual(cancels_block(log));
  CHECK(log.lines == Lines{"aenter", "aexit sees CancelledError", "task cancelled"});
}

TEST_CASE("an aenter that gives nothing makes a named manager itself the target; the block may take none") {
  Log log;
  run_virtual(uses_named_manager(log));
  CHECK(log.lines == Lines{"gate opens", "gate closes", "gate opens", "block without a target", "gate closes",
                           "gate opens", "gate closes", "an aexit that gives nothing never suppresses"});
}

TEST_CASE("an aenter that raises skips the block and aexit") {
  Log log;
  run_virtual(enter_fails(log));
  CHECK(log.lines == Lines{"cannot enter"});
}

TEST_CASE(
    "asynccontextmanager: before co_yield is aenter, after it aexit; the block's exception is raised at co_yield") {
  Log log;
  run_virtual(uses_transactions(log));
  CHECK(log.lines == Lines{"t1 begin", "inside with t1 handle", "t1 commit", "t1 finally", "t2 begin",
                           "t2 rollback: bad row", "t2 finally", "re-raised: bad row"});
}

TEST_CASE("asynccontextmanager suppresses an exception its generator catches") {
  Log log;
  run_virtual(generator_suppresses(log));
  CHECK(log.lines == Lines{"swallowed", "after the block"});
}

TEST_CASE("asynccontextmanager raises RuntimeError for a generator that does not yield exactly once") {
  CHECK(run_virtual(misbehaving_generators()) ==
        Lines{"generator didn't yield", "generator didn't stop", "generator didn't stop after athrow()"});
}
