// The event loop's iteration (DESIGN.md rules 1 and 2) and step() granularity.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>

#include "test_support.hpp"

using Lines = std::vector<std::string>;

TEST_CASE("rule 1: an iteration runs only the handles ready when it began (the ntodo snapshot)") {
  VirtualLoop loop;
  Log log;
  loop->call_soon([&] {
    log("a");
    loop->call_soon([&] { log("c, scheduled during the iteration"); });
  });
  loop->call_soon([&] { log("b"); });
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->iteration() == 1);
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->iteration() == 1);
  CHECK_FALSE(loop->iteration_in_progress());
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->iteration() == 2);
  CHECK(log.lines == Lines{"a", "b", "c, scheduled during the iteration"});
}

TEST_CASE("rule 1: cancelled handles are skipped") {
  VirtualLoop loop;
  Log log;
  loop->call_soon([&] { log("kept"); });
  aio::Handle cancelled = loop->call_soon([&] { log("cancelled"); });
  cancelled.cancel();
  CHECK(cancelled.cancelled());
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->step() == aio::StepResult::empty_iteration);  // its turn came and it was skipped
  CHECK(loop->step() == aio::StepResult::idle);
  CHECK(log.lines == Lines{"kept"});
}

TEST_CASE("rule 2: due timers join the ready queue behind what is already there") {
  VirtualLoop loop;
  Log log;
  loop->call_later(0, [&] { log("call_later(0)"); });
  loop->call_soon([&] { log("call_soon"); });
  loop->call_at(loop->time() - 1, [&] { log("call_at in the past"); });
  loop->call_soon([&] { log("call_soon 2"); });
  while (loop->step() != aio::StepResult::idle) {
  }
  // The timers are ordered among themselves by deadline: the one in the past comes first.
  CHECK(log.lines == Lines{"call_soon", "call_soon 2", "call_at in the past", "call_later(0)"});
}

TEST_CASE("rule 2: timers fire in deadline order; equal deadlines in scheduling order") {
  VirtualLoop loop;
  Log log;
  loop->call_later(0.3, [&] { log("0.3"); });
  loop->call_later(0.1, [&] { log("0.1 first"); });
  loop->call_later(0.2, [&] { log("0.2"); });
  loop->call_later(0.1, [&] { log("0.1 second"); });
  loop->call_later(0.1, [&] { log("0.1 third"); });
  while (loop->step() != aio::StepResult::idle) {
  }
  CHECK(log.lines == Lines{"0.1 first", "0.1 second", "0.1 third", "0.2", "0.3"});
  CHECK(loop->time() == doctest::Approx(0.3));
}

// Thousands of timers with many equal deadlines, some scheduled while others fire, some
// cancelled (enough, once, for the loop to purge them): they fire in (deadline, scheduling
// order) order, across the timer queue's heap, its sorted run and their merges.
struct TimerOrder {
  struct Timer {
    double when;
    int id;
  };
  explicit TimerOrder(aio::EventLoop& loop) : loop(loop) {}
  aio::EventLoop& loop;
  std::vector<Timer> scheduled;
  std::vector<aio::TimerHandle> handles;
  std::vector<bool> cancelled;
  std::vector<int> fired;
  std::uint64_t random = 1;

  double next_delay() {  // multiples of 1 ms in [0, 1 s): many timers share a deadline
    random = random * 6364136223846793005u + 1442695040888963407u;
    return static_cast<double>((random >> 33) % 1000) * 0.001;
  }
  void schedule(int count) {
    for (int i = 0; i < count; ++i) {
      const int id = static_cast<int>(scheduled.size());
      const double delay = next_delay();
      scheduled.push_back({loop.time() + delay, id});
      cancelled.push_back(id % 7 == 3);
      handles.push_back(loop.call_later(delay, [this, id] { on_fire(id); }));
      if (cancelled.back()) handles.back().cancel();
    }
  }
  void on_fire(int id) {
    fired.push_back(id);
    if (fired.size() <= 10) schedule(600);  // the heap outgrows the run: they are merged
    if (fired.size() == 20) {               // most of what is left is cancelled: the next iteration purges
      for (std::size_t i = 0; i < handles.size(); ++i) {
        if (cancelled[i] || std::find(fired.begin(), fired.end(), static_cast<int>(i)) != fired.end()) continue;
        if (i % 10 < 7) {
          cancelled[i] = true;
          handles[i].cancel();
        }
      }
    }
  }
  std::vector<int> expected() const {
    std::vector<Timer> order;
    for (const Timer& timer : scheduled)
      if (!cancelled[static_cast<std::size_t>(timer.id)]) order.push_back(timer);
    std::stable_sort(order.begin(), order.end(), [](const Timer& a, const Timer& b) { return a.when < b.when; });
    std::vector<int> ids;
    for (const Timer& timer : order) ids.push_back(timer.id);
    return ids;
  }
};

TEST_CASE("rule 2 at scale: thousands of timers fire in (deadline, scheduling order) order") {
  VirtualLoop loop;
  TimerOrder timers(*loop);
  timers.schedule(5000);
  while (loop->step() != aio::StepResult::idle) {
  }
  CHECK(timers.scheduled.size() == 11000);
  CHECK(timers.fired.size() == timers.expected().size());
  CHECK(timers.fired == timers.expected());
}

TEST_CASE("a VirtualClock loop jumps straight to the next deadline when nothing is ready") {
  VirtualLoop loop;
  double fired_at = -1;
  loop->call_later(5.0, [&] { fired_at = loop->time(); });
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(fired_at == 5.0);
}

TEST_CASE("a cancelled timer never runs and does not delay the loop") {
  VirtualLoop loop;
  Log log;
  aio::TimerHandle timer = loop->call_later(10, [&] { log("cancelled timer"); });
  loop->call_later(1, [&] { log("timer"); });
  timer.cancel();
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->step() == aio::StepResult::idle);
  CHECK(log.lines == Lines{"timer"});
  CHECK(loop->time() == 1.0);
}

TEST_CASE("many cancelled timers are purged from the heap, and the rest still run in order") {
  VirtualLoop loop;
  std::vector<int> fired;
  std::vector<aio::TimerHandle> handles;
  for (int i = 0; i < 300; ++i)
    handles.push_back(loop->call_later(1.0 + i * 0.01, [&fired, i] { fired.push_back(i); }));
  for (int i = 0; i < 300; ++i)
    if (i % 3 != 0) handles[i].cancel();
  loop->call_soon([] {});
  loop->step();
  CHECK(loop->timer_count() == 100);  // the purge ran at the start of that iteration
  while (loop->step() != aio::StepResult::idle) {
  }
  REQUIRE(fired.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(fired[i] == 3 * i);
}

TEST_CASE("a timer cancelled after it came due is skipped, and leaves the heap's cancelled count exact") {
  VirtualLoop loop;
  std::vector<int> fired;
  std::vector<aio::TimerHandle> due;
  for (int i = 0; i < 101; ++i) due.push_back(loop->call_later(1.0, [&fired, i] { fired.push_back(i); }));
  // The first due timer cancels the other 100, which are in the ready queue by then.
  due.front() = loop->call_later(1.0 - 1e-9, [&due] {
    for (std::size_t i = 1; i < due.size(); ++i) due[i].cancel();
  });
  std::vector<aio::TimerHandle> later;
  for (int i = 0; i < 150; ++i) later.push_back(loop->call_later(100.0 + i, [] {}));
  while (loop->time() < 1.0 || loop->iteration_in_progress()) loop->step();
  CHECK(fired == std::vector<int>{0});  // timer 0 came due before the canceller ran
  // 60 of the 150 left in the heap are cancelled: 0.4 of it, under asyncio's purge fraction
  // (0.5), so the next iteration pops none and purges none. Had the 100 cancelled after
  // coming due stayed counted, it would purge.
  for (int i = 0; i < 60; ++i) later[2 * i + 1].cancel();
  loop->call_soon([] {});
  CHECK(loop->step() == aio::StepResult::ran);
  CHECK(loop->timer_count() == 150);
}

TEST_CASE("a due timer dropped by close() can be cancelled after its loop is gone") {
  aio::TimerHandle second;
  {
    VirtualLoop loop;
    int runs = 0;
    loop->call_later(1.0, [&runs] { ++runs; });
    second = loop->call_later(1.0, [&runs] { ++runs; });
    CHECK(loop->step() == aio::StepResult::ran);  // the first ran; the second waits in the ready queue
    CHECK(runs == 1);
    loop->close();
  }
  second.cancel();  // must not reach the destroyed loop (ASan would see it)
  CHECK(second.cancelled());
}

TEST_CASE("step() runs exactly one handle: N handles take N steps") {
  VirtualLoop loop;
  int runs = 0;
  for (int i = 0; i < 7; ++i) loop->call_soon([&] { ++runs; });
  for (int i = 1; i <= 7; ++i) {
    CHECK(loop->step() == aio::StepResult::ran);
    CHECK(runs == i);
  }
  CHECK(loop->step() == aio::StepResult::idle);
}

TEST_CASE("an exception escaping a callback goes to the exception handler and the loop goes on") {
  VirtualLoop loop;
  std::vector<std::string> reported;
  loop->set_exception_handler([&](aio::EventLoop&, const aio::ExceptionContext& context) {
    reported.push_back(context.message + ": " + aio::message_of(context.exception));
  });
  bool after = false;
  loop->call_soon([] { throw aio::ValueError("boom"); });
  loop->call_soon([&] { after = true; });
  loop->step();
  loop->step();
  CHECK(after);
  CHECK(reported == std::vector<std::string>{"Exception in callback: boom"});
}

TEST_CASE("stop() ends run_forever after the current iteration") {
  VirtualLoop loop;
  Log log;
  loop->call_soon([&] {
    log("stop");
    loop->stop();
  });
  loop->call_soon([&] { log("same iteration"); });
  loop->call_soon([&] { loop->call_soon([&] { log("next iteration"); }); });
  loop->run_forever();
  CHECK(log.lines == Lines{"stop", "same iteration"});
  CHECK_FALSE(loop->is_running());
  // stop() before run_forever: exactly one iteration runs (asyncio's run_forever checks
  // _stopping after each _run_once).
  loop->stop();
  loop->run_forever();
  CHECK(log.lines == Lines{"stop", "same iteration", "next iteration"});
}

TEST_CASE("run_forever with nothing ready and no timer reports a deadlock instead of hanging") {
  VirtualLoop loop;
  CHECK_THROWS_AS(loop->run_forever(), aio::DeadlockError);
}

TEST_CASE("call_soon on a closed loop raises RuntimeError") {
  VirtualLoop loop;
  loop->close();
  CHECK_THROWS_WITH_AS(loop->call_soon([] {}), "Event loop is closed", aio::RuntimeError);
}

namespace {
// Logs "<name> dropped" when the callback that captured it is destroyed (moved-from copies
// log nothing). `padding` makes a capture too large for a handle's inline storage.
struct Dropped {
  Log* log;
  const char* name;
  Dropped(Log& l, const char* n) : log(&l), name(n) {}
  Dropped(Dropped&& o) noexcept : log(std::exchange(o.log, nullptr)), name(o.name) {}
  ~Dropped() {
    if (log) (*log)(std::string(name) + " dropped");
  }
};
struct LargeDropped : Dropped {
  using Dropped::Dropped;
  char padding[64] = {};
};
}  // namespace

TEST_CASE("a callback's captures are dropped right after it runs, though a Handle to it is kept") {
  VirtualLoop loop;
  Log log;
  aio::Handle small = loop->call_soon([&log, d = Dropped(log, "small")] { log("small ran"); });
  aio::Handle large = loop->call_soon([&log, d = LargeDropped(log, "large")] { log("large ran"); });
  loop->call_soon([&] { log("next"); });
  loop->step();
  loop->step();
  loop->step();
  CHECK(log.lines == Lines{"small ran", "small dropped", "large ran", "large dropped", "next"});
}

TEST_CASE("a callback that raises keeps its captures until its exception has been reported") {
  VirtualLoop loop;
  Log log;
  loop->set_exception_handler(
      [&](aio::EventLoop&, const aio::ExceptionContext& context) { log("reported " + context.message); });
  loop->call_soon([d = Dropped(log, "small")] { throw aio::ValueError("boom"); });
  loop->call_soon([d = LargeDropped(log, "large")] { throw aio::ValueError("boom"); });
  loop->step();
  loop->step();
  CHECK(log.lines ==
        Lines{"reported Exception in callback", "small dropped", "reported Exception in callback", "large dropped"});
}

TEST_CASE("close() drops the callbacks still in the ready queue") {
  VirtualLoop loop;
  Log log;
  loop->call_soon([d = Dropped(log, "queued")] {});
  aio::Handle kept = loop->call_soon([d = Dropped(log, "kept by a Handle")] {});
  loop->close();
  CHECK(log.lines == Lines{"queued dropped"});
  CHECK_FALSE(kept.cancelled());
}

TEST_CASE("adopt() takes over the reference a pointer carries, and adds none") {
  auto* handle = new aio::detail::HandleState(nullptr, aio::HandleKind::callback, {});
  handle->add_ref();  // the reference adopt() takes over
  {
    aio::detail::Ref<aio::detail::HandleState> ref = aio::detail::adopt(handle);
    CHECK(handle->ref_count() == 1);
    aio::detail::Ref<aio::detail::HandleState> copy = ref;
    CHECK(handle->ref_count() == 2);
  }  // both references dropped: the handle is deleted (ASan reports a leak otherwise)
}
