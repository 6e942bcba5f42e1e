#pragma once
// asyncio.as_completed(fs, timeout=): awaitables that give the results of `fs` in the order
// they complete — each `co_await` returns the next finished one's result or raises its
// exception; after the timeout, the remaining ones raise TimeoutError.
//
//     for next_done in asyncio.as_completed(fs):       for (auto next_done : aio::as_completed(fs)) {
//         result = await next_done                          auto result = co_await next_done;
//     asyncio.as_completed(fs, timeout=0.5)             aio::as_completed(fs, 0.5)
//
// `fs` is a std::vector of Coroutines, Tasks or Futures with one result type; coroutines are
// wrapped in tasks (each takes a Task-N number). Like CPython 3.11's as_completed
// (Lib/asyncio/tasks.py): the done callbacks put each finished future into a Queue, and each
// awaitable is a _wait_for_one() coroutine that takes the next one from it, so the trace shows
// a waiting task on Queue.get, as in Python. Python's as_completed is a generator, so its set-up
// (tasks, callbacks, the timer) runs at the first step of the `for`; here it runs when
// as_completed() is called, which in a `for` is the same moment.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <type_traits>
#include <vector>

#include "coroscope/queues.hpp"
#include "coroscope/task.hpp"
#include "coroscope/wait.hpp"
#include "coroscope/wait_for.hpp"

namespace coroscope {

namespace detail {

// The variables as_completed's closures share: the `done` queue, `todo` and the timer.
class AsCompletedState final : public RefCounted {
 public:
  AsCompletedState(std::vector<Ref<FutureBase>> todo, std::optional<double> timeout, EventLoop& loop);

  // _wait_for_one() up to `f.result()`: the next finished future (TimeoutError once the
  // timeout has passed).
  static Coroutine<AnyFuture> next_done(Ref<AsCompletedState> self);
  std::size_t count() const noexcept { return count_; }

 private:
  static void on_completion(RefCounted& self, FutureBase& f);
  void on_timeout();

  Queue<AnyFuture> done_;  // an empty AnyFuture is _on_timeout's dummy None
  std::vector<Ref<FutureBase>> todo_;
  std::optional<TimerHandle> timeout_handle_;
  std::size_t count_;  // len(todo) when iteration starts: how many awaitables there are
};

template <class T>
Coroutine<T> wait_for_one(Ref<AsCompletedState> state) {
  AnyFuture f = co_await AsCompletedState::next_done(std::move(state));
  co_return result_of(Future<T>(Ref<FutureBase>(f.state()), AdoptState{}));  // May raise f.exception().
}

}  // namespace detail

// What as_completed returns: a range of count() awaitables (Coroutine<T>), each made when the
// `for` reaches it.
template <class T>
class AsCompleted {
 public:
  explicit AsCompleted(detail::Ref<detail::AsCompletedState> state) : state_(std::move(state)) {}

  class iterator {
   public:
    iterator(const AsCompleted* range, std::size_t i) noexcept : range_(range), i_(i) {}
    Coroutine<T> operator*() const { return detail::wait_for_one<T>(range_->state_); }
    iterator& operator++() noexcept {
      ++i_;
      return *this;
    }
    bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }

   private:
    const AsCompleted* range_;
    std::size_t i_;
  };
  iterator begin() const noexcept { return {this, 0}; }
  iterator end() const noexcept { return {this, state_->count()}; }

 private:
  detail::Ref<detail::AsCompletedState> state_;
};

template <class A>
AsCompleted<typename detail::Awaited<A>::type> as_completed(std::vector<A> fs,
                                                            std::optional<double> timeout = std::nullopt) {
  using T = typename detail::Awaited<A>::type;
  EventLoop& loop = get_running_loop();
  // todo = {ensure_future(f, loop=loop) for f in set(fs)}
  std::vector<Future<T>> todo;
  std::vector<const void*> seen;
  for (A& f : fs) {
    const void* identity = [&] {
      if constexpr (std::is_same_v<A, Coroutine<T>>) {
        return f.identity();
      } else {
        return static_cast<const void*>(f.state());
      }
    }();
    if (std::find(seen.begin(), seen.end(), identity) != seen.end()) continue;
    seen.push_back(identity);
    todo.push_back(detail::ensure_future(std::move(f), loop));
  }
  todo = detail::unique_in_creation_order(std::move(todo));
  std::vector<detail::Ref<detail::FutureBase>> states;
  for (const Future<T>& f : todo) states.emplace_back(f.state());
  return AsCompleted<T>(
      detail::Ref<detail::AsCompletedState>(new detail::AsCompletedState(std::move(states), timeout, loop)));
}

}  // namespace coroscope
