// Awaiting coroutines runs them inline (DESIGN.md rule 6).
#include <doctest/doctest.h>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

namespace {

std::uint64_t iteration() { return aio::get_running_loop().iteration(); }

aio::Coroutine<int> plain(int value) { co_return value; }

aio::Coroutine<int> nested(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await nested(depth - 1);
}

aio::Coroutine<void> fails() {
  co_await aio::sleep(0);
  throw aio::ValueError("inner failure");
}

aio::Coroutine<void> awaits_inline(Log& log) {
  const auto before = iteration();
  int value = co_await plain(5);
  CHECK(value == 5);
  int depth = co_await nested(100);
  CHECK(depth == 100);
  CHECK(iteration() == before);  // no loop iteration passed

  aio::Future<std::string> done;
  done.set_result("ready");
  std::string ready = co_await done;
  CHECK(ready == "ready");
  CHECK(iteration() == before);  // awaiting a done future does not suspend

  try {
    co_await fails();
  } catch (const aio::ValueError& e) {
    log(std::string("caught ") + e.what());
  }
}

aio::Coroutine<int> trivial() { co_return 1; }

aio::Coroutine<long> awaits_a_million() {
  long total = 0;
  for (int i = 0; i < 1'000'000; ++i) total += co_await trivial();
  co_return total;
}

aio::Coroutine<long> deep_chain(int depth) {
  if (depth == 0) {
    co_await aio::sleep(0);  // suspend at the bottom of the chain
    co_return 0;
  }
  co_return 1 + co_await deep_chain(depth - 1);
}

aio::Coroutine<void> awaits_twice() {
  auto coro = plain(1);
  int first = co_await coro;
  CHECK(first == 1);
  std::string error;
  try {
    co_await coro;
  } catch (const aio::RuntimeError& e) {
    error = e.what();
  }
  CHECK(error == "cannot reuse already awaited coroutine");
}

constexpr unsigned gate_line = __LINE__ + 1;
aio::Coroutine<void> chain_knows_its_frames(aio::Future<int> gate) { co_await gate; }
aio::Coroutine<void> outer_frame(aio::Future<int> gate) { co_await chain_knows_its_frames(gate); }

aio::Coroutine<void> inspects_chain() {
  aio::Future<int> gate;
  auto task = aio::create_task(outer_frame(gate));
  co_await aio::sleep(0);
  auto chain = task.task_state().await_chain();
  REQUIRE(chain.size() == 2);
  CHECK(std::string(chain[0]->function_name()) == "outer_frame");
  CHECK(std::string(chain[1]->function_name()) == "chain_knows_its_frames");
  CHECK(chain[1]->suspended_at().line == gate_line);
  gate.set_result(0);
  co_await task;
}

}  // namespace

TEST_CASE("rule 6: awaiting a coroutine or a done future runs inline, with no loop iteration") {
  Log log;
  run_virtual(awaits_inline(log));
  CHECK(log.lines == Lines{"caught inner failure"});
}

TEST_CASE("rule 6: awaiting 1,000,000 trivial coroutines in one task does not grow the stack") {
  CHECK(run_virtual(awaits_a_million()) == 1'000'000);
}

TEST_CASE("rule 6: a chain 100,000 coroutines deep suspends and resumes without recursion") {
  CHECK(run_virtual(deep_chain(100'000)) == 100'000);
}

TEST_CASE("a coroutine object is awaited at most once") { run_virtual(awaits_twice()); }

TEST_CASE("a task knows its await chain and the line each frame waits at") { run_virtual(inspects_chain()); }

TEST_CASE("a coroutine never awaited is detected when destroyed") {
  const auto before = aio::detail::never_awaited_count();
  { auto forgotten = plain(1); }
  CHECK(aio::detail::never_awaited_count() == before + 1);
}
