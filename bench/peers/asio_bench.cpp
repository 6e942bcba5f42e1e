// Workloads W1-W6 (bench/README.md) on Boost.Asio 1.74 with C++20 coroutines: co_spawn for
// create_task, post(ex, use_awaitable) for sleep(0), a one-shot event for a Future, post for
// call_soon, steady_timer for call_later. One io_context with concurrency hint 1 (one thread),
// the idiomatic single-threaded setup.
//
//   asio_bench --workload W1 --n 10000 [--min-time 0.5] [--clock cpu|wall]
//
// Prints one JSON object: {"system": "asio", "workload": ..., "value": ns per op (bytes per task
// for W6), "reps": timed repetitions}.
#include <utility>  // before awaitable.hpp: Boost 1.74 uses std::exchange without including it (g++ 12)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "workload_support.hpp"

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// A one-shot event, the fair equivalent of an asyncio Future awaited by one task: wait()
// stores the coroutine's completion handler; set() posts it, as set_result schedules the
// waiter's wakeup with call_soon. (Boost 1.74 has no channel; a cancelled timer would
// measure system calls, not scheduling.)
class OneShotEvent {
 public:
  explicit OneShotEvent(asio::any_io_executor executor) : executor_(std::move(executor)) {}

  void set() {
    is_set_ = true;
    if (waiter_) {
      asio::post(executor_, std::move(*waiter_));
      waiter_.reset();
    }
  }
  awaitable<void> wait() {
    return asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
        [this](Handler handler) {
          if (is_set_)
            asio::post(executor_, std::move(handler));
          else
            waiter_.emplace(std::move(handler));
        },
        use_awaitable);
  }
  bool has_waiter() const noexcept { return waiter_.has_value(); }

 private:
  using Handler = asio::async_result<asio::use_awaitable_t<>, void()>::handler_type;
  asio::any_io_executor executor_;
  std::optional<Handler> waiter_;
  bool is_set_ = false;
};

// asyncio.gather over spawned coroutines: each completion stores its result; the last one
// sets the event the gathering coroutine waits on.
template <class T>
class Gather {
 public:
  explicit Gather(asio::any_io_executor executor) : executor_(executor), all_done_(executor) {}

  void spawn(awaitable<T> child) {
    std::size_t index = results_.size();
    results_.emplace_back();
    asio::co_spawn(executor_, std::move(child), [this, index](std::exception_ptr error, T value) {
      if (error) std::rethrow_exception(error);
      results_[index] = value;
      if (++finished_ == results_.size()) all_done_.set();
    });
  }
  awaitable<std::vector<T>> wait() {
    co_await all_done_.wait();
    co_return std::move(results_);
  }

 private:
  asio::any_io_executor executor_;
  OneShotEvent all_done_;
  std::vector<T> results_;
  std::size_t finished_ = 0;
};

// --- W1 spawn ---------------------------------------------------------------------------------
awaitable<int> identity(int x) { co_return x; }

awaitable<void> w1_spawn(int n) {
  Gather<int> gather(co_await asio::this_coro::executor);
  for (int i = 0; i < n; ++i) gather.spawn(identity(i));
  std::vector<int> results = co_await gather.wait();
  if (results.back() != n - 1) throw std::logic_error("W1: wrong result");
}

// --- W2 yield ---------------------------------------------------------------------------------
awaitable<int> yielder(int m) {
  auto executor = co_await asio::this_coro::executor;
  for (int i = 0; i < m; ++i) co_await asio::post(executor, use_awaitable);
  co_return m;
}

awaitable<void> w2_yield(int m) {
  Gather<int> gather(co_await asio::this_coro::executor);
  for (int k = 0; k < bench::k_yielders; ++k) gather.spawn(yielder(m));
  co_await gather.wait();
}

// --- W3 ping-pong -----------------------------------------------------------------------------
// The events the two players wait on now; each player publishes a fresh one per round.
struct Table {
  std::unique_ptr<OneShotEvent> ping;
  std::unique_ptr<OneShotEvent> pong;
};

awaitable<int> ping(int n, Table& table) {
  auto executor = co_await asio::this_coro::executor;
  for (int i = 0; i < n; ++i) {
    table.ping = std::make_unique<OneShotEvent>(executor);
    table.pong->set();
    co_await table.ping->wait();
  }
  co_return n;
}

awaitable<int> pong(int n, Table& table) {
  auto executor = co_await asio::this_coro::executor;
  for (int i = 0; i < n; ++i) {
    co_await table.pong->wait();
    table.pong = std::make_unique<OneShotEvent>(executor);
    table.ping->set();
  }
  co_return n;
}

awaitable<void> w3_ping_pong(int n) {
  auto executor = co_await asio::this_coro::executor;
  Table table{nullptr, std::make_unique<OneShotEvent>(executor)};
  Gather<int> gather(executor);
  gather.spawn(ping(n, table));
  gather.spawn(pong(n, table));
  co_await gather.wait();
}

// --- W4 call_soon -----------------------------------------------------------------------------
awaitable<void> w4_call_soon(int n) {
  auto executor = co_await asio::this_coro::executor;
  int count = 0;
  for (int i = 0; i < n; ++i) asio::post(executor, [&count] { ++count; });
  co_await asio::post(executor, use_awaitable);  // our next step is queued behind the n callbacks
  if (count != n) throw std::logic_error("W4: callbacks not run");
}

// --- W5 timers --------------------------------------------------------------------------------
awaitable<void> w5_timers(const std::vector<double>& delays) {
  auto executor = co_await asio::this_coro::executor;
  OneShotEvent all_fired(executor);
  std::size_t remaining = delays.size();
  std::vector<asio::steady_timer> timers;
  timers.reserve(delays.size());
  for (auto delay : delays) {
    auto expiry = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(delay));
    timers.emplace_back(executor, expiry).async_wait([&](const boost::system::error_code&) {
      if (--remaining == 0) all_fired.set();
    });
  }
  co_await all_fired.wait();
}

// --- W6 memory --------------------------------------------------------------------------------
awaitable<int> blocked(OneShotEvent& event) {
  co_await event.wait();
  co_return 0;
}

awaitable<double> w6_memory(int n) {
  auto executor = co_await asio::this_coro::executor;
  std::size_t before = bench::resident_bytes();
  // The benchmark's own array is sized once, as in coroscope's: its growth is not the runtime's.
  std::vector<std::unique_ptr<OneShotEvent>> events;
  events.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) events.push_back(std::make_unique<OneShotEvent>(executor));
  Gather<int> gather(executor);
  for (auto& event : events) gather.spawn(blocked(*event));
  co_await asio::post(executor, use_awaitable);  // every coroutine has started and waits on its event
  for (auto& event : events)
    if (!event->has_waiter()) throw std::logic_error("W6: a task is not blocked");
  double per_task = static_cast<double>(bench::resident_bytes() - before) / n;
  for (auto& event : events) event->set();
  co_await gather.wait();
  co_return per_task;
}

// Runs `main` to completion on the io_context, rethrowing what escapes it.
template <class T>
T run(asio::io_context& context, awaitable<T> main) {
  std::optional<T> result;
  std::exception_ptr error;
  asio::co_spawn(context, std::move(main), [&](std::exception_ptr e, T value) {
    error = e;
    result.emplace(std::move(value));
  });
  context.restart();
  context.run();
  if (error) std::rethrow_exception(error);
  return std::move(*result);
}
void run(asio::io_context& context, awaitable<void> main) {
  std::exception_ptr error;
  asio::co_spawn(context, std::move(main), [&](std::exception_ptr e) { error = e; });
  context.restart();
  context.run();
  if (error) std::rethrow_exception(error);
}

std::uint64_t nanoseconds_now(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(t.tv_nsec);
}

// One warm-up repetition, then repetitions until min_time has passed: ns per op.
template <class Body>
void measure(asio::io_context& context, clockid_t clock, double ops, double min_time, Body body, double& value,
             int& reps) {
  run(context, body());
  std::uint64_t elapsed = 0;
  for (reps = 0; reps == 0 || static_cast<double>(elapsed) < min_time * 1e9; ++reps) {
    std::uint64_t start = nanoseconds_now(clock);
    run(context, body());
    elapsed += nanoseconds_now(clock) - start;
  }
  value = static_cast<double>(elapsed) / (reps * ops);
}

[[noreturn]] void usage() {
  std::fputs("usage: asio_bench --workload W1..W6 --n N [--min-time SECONDS] [--clock cpu|wall]\n", stderr);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  std::string workload;
  int n = 0;
  double min_time = 0.5;
  std::string_view clock_name = "cpu";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--workload")
      workload = argv[i + 1];
    else if (flag == "--n")
      n = std::atoi(argv[i + 1]);
    else if (flag == "--min-time")
      min_time = std::atof(argv[i + 1]);
    else if (flag == "--clock")
      clock_name = argv[i + 1];
    else
      usage();
  }
  if (argc % 2 == 0 || n <= 0 || (clock_name != "cpu" && clock_name != "wall")) usage();
  // W5 always counts CPU time: while no timer is due the process sleeps.
  const clockid_t clock = clock_name == "wall" ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID;

  asio::io_context context(1);
  double value = 0;
  int reps = 1;
  if (workload == "W1") {
    measure(
        context, clock, n, min_time, [n] { return w1_spawn(n); }, value, reps);
  } else if (workload == "W2") {
    measure(
        context, clock, double(bench::k_yielders) * n, min_time, [n] { return w2_yield(n); }, value, reps);
  } else if (workload == "W3") {
    measure(
        context, clock, n, min_time, [n] { return w3_ping_pong(n); }, value, reps);
  } else if (workload == "W4") {
    measure(
        context, clock, n, min_time, [n] { return w4_call_soon(n); }, value, reps);
  } else if (workload == "W5") {
    const std::vector<double> delays = bench::lcg_delays(n);
    measure(
        context, CLOCK_PROCESS_CPUTIME_ID, n, min_time, [&delays] { return w5_timers(delays); }, value, reps);
  } else if (workload == "W6") {
    value = run(context, w6_memory(n));
  } else {
    usage();
  }
  std::printf("{\"system\": \"asio\", \"workload\": \"%s\", \"value\": %.3f, \"reps\": %d}\n", workload.c_str(), value,
              reps);
}
