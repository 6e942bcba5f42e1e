#pragma once
// asyncio.sleep(delay, result): suspend the task; sleep(0) yields exactly one iteration.
#include <coroutine>
#include <type_traits>
#include <utility>

#include "coroscope/coroutine.hpp"
#include "coroscope/future.hpp"

namespace coroscope {

// The awaiter of sleep(). CPython's sleep is a coroutine; this is the same algorithm as a
// plain awaiter, so a sleep costs no coroutine frame:
//     if delay <= 0: bare yield (one iteration)
//     else: a future, and a call_later timer that sets its result unless it was cancelled;
//           `finally: h.cancel()` — cancelling the sleeping task cancels the timer.
template <class T>
class SleepAwaiter {
 public:
  SleepAwaiter(double delay, T result) : delay_(delay), result_(std::move(result)) {}
  SleepAwaiter(SleepAwaiter&&) noexcept = default;
  SleepAwaiter& operator=(SleepAwaiter&&) = delete;
  ~SleepAwaiter() { timer_.cancel(); }

  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) {
    if (delay_ <= 0) {
      detail::suspend_task_bare();
      return;
    }
    EventLoop& loop = get_running_loop();
    Future<void> future(loop, FutureKind::sleep);
    timer_ = loop.call_later(delay_,
                             [future] {
                               if (!future.cancelled()) future.set_result();  // futures._set_result_unless_cancelled
                             },
                             {detail::running_task_id(), future.state()->id()});
    future_ = future;
    detail::suspend_task_on(*future_.state());
  }
  T await_resume() { return std::move(result_); }

 private:
  double delay_;
  T result_;
  AnyFuture future_;
  TimerHandle timer_;
};

inline SleepAwaiter<NoneType> sleep(double delay) { return {delay, None}; }
template <class T>
SleepAwaiter<T> sleep(double delay, T result) {
  return {delay, std::move(result)};
}

// What a coroutine returning sleep's result is: Coroutine<void> for sleep(d), whose result is None.
template <class T>
using sleep_result_t = std::conditional_t<std::is_same_v<T, NoneType>, void, T>;

namespace detail::coroutine_of {
// asyncio.sleep as the coroutine CPython's is, where only a coroutine will do:
// create_task(sleep(1)), gather(sleep(1), work()), wait_for(sleep(5), 1). Awaited directly,
// sleep stays an awaiter and costs no frame; here the task's coroutine is named `sleep`, as
// Python names it.
inline Coroutine<void> sleep(SleepAwaiter<NoneType> awaiter) { co_await std::move(awaiter); }
template <class T>
Coroutine<T> sleep(SleepAwaiter<T> awaiter) {
  co_return co_await std::move(awaiter);
}
}  // namespace detail::coroutine_of

}  // namespace coroscope
