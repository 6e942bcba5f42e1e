// Workloads W1-W6 (bench/README.md) on coroscope, with Google Benchmark. Tracing is off, but
// for W2_yield_traced, which records every event into an in-memory Recorder.
//
//   coroscope_bench --n=10000 [--clock=cpu|wall] [--iterations=K] --benchmark_filter='^W1_spawn/'
//
// --n is the workload's size (M for W2). Each benchmark reports `time_per_op` (seconds per op of
// process CPU time, or of wall time with --clock=wall; W5 always counts CPU time) and
// `ops_per_iteration`, or, for W6, `bytes_per_task`.
// W1-W4 and W6 run on a VirtualClock (none of them sleeps, so no clock is ever read on the
// hot path); W5 runs on the real clock, as its timers must come due in real time.
//
// bench/run.py finds coroscope's benchmarks by name: `W<k>_<name>/<n>`. A benchmark named
// `W<k>_<name>_traced/<n>` fills the table's coroscope_traced column. Built as
// coroscope_bench_untraced (COROSCOPE_NO_TRACING: core without its trace sites, no traced
// benchmarks), it fills the coroscope_untraced column.
#include <benchmark/benchmark.h>

#include <coroscope/asyncio.hpp>
#ifndef COROSCOPE_NO_TRACING
#include <coroscope/trace/recorder.hpp>
#endif
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "workload_support.hpp"

namespace aio = coroscope;

namespace {

// --- W1 spawn ---------------------------------------------------------------------------------
aio::Coroutine<int> identity(int x) { co_return x; }

aio::Coroutine<void> w1_spawn(int n) {
  std::vector<aio::Task<int>> tasks;
  for (int i = 0; i < n; ++i) tasks.push_back(aio::create_task(identity(i)));
  std::vector<int> results = co_await aio::gather(std::move(tasks));
  if (results.back() != n - 1) throw std::logic_error("W1: wrong result");
}

// --- W2 yield ---------------------------------------------------------------------------------
aio::Coroutine<void> yielder(int m) {
  for (int i = 0; i < m; ++i) co_await aio::sleep(0);
}

aio::Coroutine<void> w2_yield(int m) {
  std::vector<aio::Task<void>> tasks;
  for (int k = 0; k < bench::k_yielders; ++k) tasks.push_back(aio::create_task(yielder(m)));
  co_await aio::gather(std::move(tasks));
}

// --- W3 ping-pong -----------------------------------------------------------------------------
// The futures the two players wait on now; each player publishes a fresh one per round.
struct Table {
  aio::Future<void> ping;
  aio::Future<void> pong;
};

aio::Coroutine<void> ping(int n, Table& table) {
  aio::EventLoop& loop = aio::get_running_loop();
  for (int i = 0; i < n; ++i) {
    table.ping = loop.create_future();
    table.pong.set_result();
    co_await table.ping;
  }
}

aio::Coroutine<void> pong(int n, Table& table) {
  aio::EventLoop& loop = aio::get_running_loop();
  for (int i = 0; i < n; ++i) {
    co_await table.pong;
    table.pong = loop.create_future();
    table.ping.set_result();
  }
}

aio::Coroutine<void> w3_ping_pong(int n) {
  aio::EventLoop& loop = aio::get_running_loop();
  Table table{loop.create_future(), loop.create_future()};
  auto a = aio::create_task(ping(n, table));
  auto b = aio::create_task(pong(n, table));
  co_await aio::gather(a, b);
}

// --- W4 call_soon -----------------------------------------------------------------------------
aio::Coroutine<void> w4_call_soon(int n) {
  aio::EventLoop& loop = aio::get_running_loop();
  int count = 0;
  for (int i = 0; i < n; ++i) loop.call_soon([&count] { ++count; });
  co_await aio::sleep(0);  // our next step is queued behind the n callbacks
  if (count != n) throw std::logic_error("W4: callbacks not run");
}

// --- W5 timers --------------------------------------------------------------------------------
aio::Coroutine<void> w5_timers(const std::vector<double>& delays) {
  aio::EventLoop& loop = aio::get_running_loop();
  aio::Future<void> all_fired = loop.create_future();
  std::size_t remaining = delays.size();
  for (double delay : delays) {
    loop.call_later(delay, [&remaining, &all_fired] {
      if (--remaining == 0) all_fired.set_result();
    });
  }
  co_await all_fired;
}

// --- W6 memory --------------------------------------------------------------------------------
aio::Coroutine<void> blocked(aio::Future<void> future) { co_await future; }

aio::Coroutine<double> w6_memory(int n) {
  aio::EventLoop& loop = aio::get_running_loop();
  std::size_t before = bench::resident_bytes();
  // The benchmark's own arrays are sized once: their growth is not the runtime's memory.
  std::vector<aio::Future<void>> futures;
  futures.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) futures.push_back(loop.create_future());
  std::vector<aio::Task<void>> tasks;
  tasks.reserve(static_cast<std::size_t>(n));
  for (const auto& future : futures) tasks.push_back(aio::create_task(blocked(future)));
  co_await aio::sleep(0);  // every task has taken its first step and waits on its future
  for (const auto& task : tasks)
    if (task.task_state().fut_waiter() == nullptr) throw std::logic_error("W6: a task is not blocked");
  double per_task = static_cast<double>(bench::resident_bytes() - before) / n;
  for (const auto& future : futures) future.set_result();
  co_await aio::gather(std::move(tasks));
  co_return per_task;
}

// --- the benchmarks ---------------------------------------------------------------------------
// A loop for one benchmark, closed at its end.
struct BenchLoop {
  explicit BenchLoop(std::unique_ptr<aio::Clock> clock) : loop(new aio::EventLoop(std::move(clock))) {}
  ~BenchLoop() { loop->close(); }
  aio::detail::Ref<aio::EventLoop> loop;
};

// No recorder: tracing stays off.
struct NoRecorder {};

// Runs the workload that `make` starts once per benchmark iteration, `ops` operations each.
// With a recorder, tracing is on and every event is recorded (the recorder starts empty at each
// iteration, so its memory stays bounded).
// Out of line, so that bench/callgrind_profile.py can count the instructions inside it.
template <class Make, class Recorder = NoRecorder>
[[gnu::noinline]] void run_workload(benchmark::State& state, std::unique_ptr<aio::Clock> clock, double ops, Make make,
                                    Recorder* recorder = nullptr) {
  constexpr bool traced = !std::is_same_v<Recorder, NoRecorder>;
  BenchLoop bench_loop(std::move(clock));
  if constexpr (traced) bench_loop.loop->set_tracer(recorder);
  for (auto _ : state) {
    if constexpr (traced) recorder->clear();
    bench_loop.loop->run_until_complete(make());
  }
  if constexpr (traced) {
    bench_loop.loop->set_tracer(nullptr);
    state.counters["events_per_op"] = static_cast<double>(recorder->size()) / ops;
  }
  state.counters["time_per_op"] =
      benchmark::Counter(ops, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["ops_per_iteration"] = ops;
}

std::unique_ptr<aio::Clock> virtual_clock() { return std::make_unique<aio::VirtualClock>(); }

void W1_spawn(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  run_workload(state, virtual_clock(), n, [n] { return w1_spawn(n); });
}

void W2_yield(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0));
  run_workload(state, virtual_clock(), double(bench::k_yielders) * m, [m] { return w2_yield(m); });
}

#ifndef COROSCOPE_NO_TRACING
void W2_yield_traced(benchmark::State& state) {
  const int m = static_cast<int>(state.range(0));
  coroscope::trace::Recorder recorder;
  run_workload(
      state, virtual_clock(), double(bench::k_yielders) * m, [m] { return w2_yield(m); }, &recorder);
}
#endif

void W3_ping_pong(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  run_workload(state, virtual_clock(), n, [n] { return w3_ping_pong(n); });
}

void W4_call_soon(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  run_workload(state, virtual_clock(), n, [n] { return w4_call_soon(n); });
}

void W5_timers(benchmark::State& state) {
  const std::vector<double> delays = bench::lcg_delays(static_cast<int>(state.range(0)));
  run_workload(state, std::make_unique<aio::MonotonicClock>(), static_cast<double>(delays.size()),
               [&delays] { return w5_timers(delays); });
}

// One run in a fresh process: RSS only grows when malloc takes new pages.
void W6_memory(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  BenchLoop bench_loop(virtual_clock());
  double per_task = 0;
  for (auto _ : state) per_task = bench_loop.loop->run_until_complete(w6_memory(n));
  state.counters["bytes_per_task"] = per_task;
}

// The value of a flag `--name=value`, removed from argv; null if absent.
const char* take_flag(int& argc, char** argv, const char* prefix) {
  const std::size_t length = std::strlen(prefix);
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], prefix, length) != 0) continue;
    const char* value = argv[i] + length;
    for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
    --argc;
    return value;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const char* size = take_flag(argc, argv, "--n=");
  const char* clock = take_flag(argc, argv, "--clock=");
  const char* iterations = take_flag(argc, argv, "--iterations=");
  const int n = size ? std::atoi(size) : 0;
  const bool wall = clock && std::strcmp(clock, "wall") == 0;
  if (n <= 0 || (clock && !wall && std::strcmp(clock, "cpu") != 0) || (iterations && std::atoi(iterations) <= 0) ||
      benchmark::ReportUnrecognizedArguments(argc, argv)) {
    std::fputs("usage: coroscope_bench --n=N [--clock=cpu|wall] [--iterations=K] [Google Benchmark flags]\n", stderr);
    return 2;
  }
  // Process CPU time by default: on a shared machine wall time also counts the time other
  // processes hold the CPU. W5 always counts CPU time: while no timer is due the loop sleeps.
  // --iterations fixes the iteration count (bench/callgrind_profile.py profiles the last of two).
  auto timed = [&](benchmark::internal::Benchmark* b, bool cpu_only = false) {
    if (iterations) b->Iterations(std::atoi(iterations));
    return (wall && !cpu_only ? b->UseRealTime() : b->MeasureProcessCPUTime())->Unit(benchmark::kNanosecond);
  };
  timed(benchmark::RegisterBenchmark("W1_spawn", W1_spawn)->Arg(n));
  timed(benchmark::RegisterBenchmark("W2_yield", W2_yield)->Arg(n));
#ifndef COROSCOPE_NO_TRACING
  timed(benchmark::RegisterBenchmark("W2_yield_traced", W2_yield_traced)->Arg(n));
#endif
  timed(benchmark::RegisterBenchmark("W3_ping_pong", W3_ping_pong)->Arg(n));
  timed(benchmark::RegisterBenchmark("W4_call_soon", W4_call_soon)->Arg(n));
  timed(benchmark::RegisterBenchmark("W5_timers", W5_timers)->Arg(n), true);
  benchmark::RegisterBenchmark("W6_memory", W6_memory)->Arg(n)->Iterations(1)->Unit(benchmark::kNanosecond);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
