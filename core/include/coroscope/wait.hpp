#pragma once
// asyncio.wait(fs, timeout=, return_when=): wait until some of the futures or tasks in `fs`
// are done, and return them split into (done, pending). It never raises their exceptions, and
// a timeout is no error: what is unfinished then comes back in pending.
//
//     done, pending = await asyncio.wait(fs)                   auto [done, pending] = co_await aio::wait(fs);
//     ... asyncio.wait(fs, return_when=FIRST_COMPLETED)        ... aio::wait(fs, {.return_when =
//     aio::FIRST_COMPLETED});
//     ... asyncio.wait(fs, return_when=FIRST_EXCEPTION)        ... aio::wait(fs, {.return_when =
//     aio::FIRST_EXCEPTION});
//     ... asyncio.wait(fs, timeout=0.5)                        ... aio::wait(fs, {.timeout = 0.5});
//
// `fs` is a std::vector of Tasks or Futures (3.11 forbids coroutines: wrap them in tasks
// first). Python returns sets, whose order is unspecified; done and pending here are vectors
// in the futures' creation order, each future once. Like CPython 3.11's wait and _wait
// (Lib/asyncio/tasks.py): one waiter future, released by the futures' done callbacks or the
// timeout, so the awaiting task resumes one iteration after the callback that released it.
#include <algorithm>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "coroscope/coroutine.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

// asyncio.FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED.
enum class ReturnWhen { FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::FIRST_COMPLETED;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::FIRST_EXCEPTION;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::ALL_COMPLETED;

// wait()'s keyword arguments.
struct WaitOptions {
  std::optional<double> timeout = std::nullopt;  // None: no limit
  ReturnWhen return_when = ALL_COMPLETED;
};

// The (done, pending) tuple wait() returns: `auto [done, pending] = ...` unpacks it, and
// `std::tie(done, pending) = ...` assigns it again, as `done, pending = ...` does.
template <class F>
using WaitResult = std::pair<std::vector<F>, std::vector<F>>;

namespace detail {

// tasks._wait without its result: returns when return_when is met or the timeout passed.
Coroutine<void> wait_until(std::vector<Ref<FutureBase>> fs, std::optional<double> timeout, ReturnWhen return_when,
                           EventLoop& loop);

// set(fs), in creation order: each future once, the oldest first.
template <class F>
std::vector<F> unique_in_creation_order(std::vector<F> fs) {
  auto by_creation = [](const F& a, const F& b) { return a.state()->id() < b.state()->id(); };
  std::sort(fs.begin(), fs.end(), by_creation);
  fs.erase(std::unique(fs.begin(), fs.end()), fs.end());
  return fs;
}

}  // namespace detail

template <class F>
Coroutine<WaitResult<F>> wait(std::vector<F> fs, WaitOptions options = {}) {
  static_assert(std::is_base_of_v<AnyFuture, F>, "Passing coroutines is forbidden, use tasks explicitly.");
  if (fs.empty()) throw ValueError("Set of Tasks/Futures is empty.");
  fs = detail::unique_in_creation_order(std::move(fs));
  std::vector<detail::Ref<detail::FutureBase>> states;
  for (const F& f : fs) states.emplace_back(f.state());
  co_await detail::wait_until(std::move(states), options.timeout, options.return_when, get_running_loop());
  WaitResult<F> result;
  for (F& f : fs) (f.done() ? result.first : result.second).push_back(std::move(f));
  co_return result;
}

}  // namespace coroscope
