#pragma once
// asyncio.wait_for(aw, timeout): await aw, but give up after `timeout` seconds — cancel it,
// wait until it has really finished (its cleanup ran), then raise TimeoutError.
//
//   co_await aio::wait_for(coro_or_future, 1.5)           -> T
//   co_await aio::wait_for(coro_or_future, std::nullopt)  -> T   (timeout=None: no limit)
//
// The timeout is a std::optional<double> because Python's None means "no limit", while a
// timeout <= 0 means "cancel at once" (a negative number cannot stand for None).
//
// CPython 3.11's wait_for is a coroutine, and so is this one: a Coroutine argument becomes a
// task (ensure_future, which takes a Task-N number) when wait_for starts running, not when it
// is called; with timeout=None it is awaited inline, with no task at all. Cancelling the task
// that awaits wait_for cancels the inner future too. To protect the inner future from the
// timeout, wrap it in shield(). This mirrors Lib/asyncio/tasks.py of 3.11 (wait_for,
// _cancel_and_wait, _release_waiter); 3.12 rewrote wait_for on top of asyncio.timeout().
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "coroscope/finally.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

namespace detail {

// tasks._release_waiter: wakes whoever awaits `waiter`. The timeout and the inner future's
// completion race to release it, so the loser finds it done already.
void release_waiter(const Future<void>& waiter);
// fut.add_done_callback(functools.partial(_release_waiter, waiter)), and its removal.
void add_release_waiter(FutureBase& fut, const Future<void>& waiter);
void remove_release_waiter(FutureBase& fut, const Future<void>& waiter);

// tasks._cancel_and_wait: cancels fut and waits until it is done. It waits on a waiter of its
// own rather than on fut, so that cancelling the task running it always interrupts the wait.
Coroutine<void> cancel_and_wait(AnyFuture fut, EventLoop& loop);

// The T of the awaitables wait_for takes: Coroutine<T>, Future<T>, Task<T>.
template <class A>
struct Awaited;
template <class T>
struct Awaited<Coroutine<T>> {
  using type = T;
};
template <class T>
struct Awaited<Future<T>> {
  using type = T;
};
template <class T>
struct Awaited<Task<T>> {
  using type = T;
};

// tasks.ensure_future(aw, loop=loop): a future (or task) as it is; a coroutine wrapped in a
// task by loop.create_task, which takes a Task-N number.
template <class T>
Future<T> ensure_future(Coroutine<T> coro, EventLoop& loop) {
  return loop.create_task(std::move(coro));
}
template <class T>
Future<T> ensure_future(Future<T> fut, EventLoop&) {
  return fut;
}

// `return fut.result()` from a Coroutine<T>: for T = void, `co_return result_of(fut)` is a
// co_return of a void expression, which returns nothing (and still raises what result() raises).
template <class T>
T result_of(const Future<T>& fut) {
  if constexpr (std::is_void_v<T>) {
    fut.result();
  } else {
    return fut.result();
  }
}

// try: return fut.result()
// except CancelledError as exc: raise TimeoutError() from exc
template <class T>
T result_or_timeout(const Future<T>& fut) {
  try {
    return result_of(fut);
  } catch (const CancelledError&) {
    throw TimeoutError();
  }
}

}  // namespace detail

template <class A>
Coroutine<typename detail::Awaited<A>::type> wait_for(A aw, std::optional<double> timeout) {
  using T = typename detail::Awaited<A>::type;
  EventLoop& loop = get_running_loop();

  if (!timeout) {
    // `return await fut`: a coroutine runs inline in this task, like any awaited coroutine.
    if constexpr (std::is_same_v<A, Coroutine<T>>) {
      co_return co_await std::move(aw);
    } else {
      co_await aw;
      co_return detail::result_of(aw);
    }
  }

  if (*timeout <= 0) {
    Future<T> fut = detail::ensure_future(std::move(aw), loop);
    if (fut.done()) co_return detail::result_of(fut);
    co_await detail::cancel_and_wait(fut, loop);
    co_return detail::result_or_timeout(fut);
  }

  Future<void> waiter(loop, FutureKind::wait_for);
  TimerHandle timeout_handle = loop.call_later(
      *timeout, [waiter] { detail::release_waiter(waiter); }, {}, runtime_callback("_release_waiter"));
  Future<T> fut = detail::ensure_future(std::move(aw), loop);
  detail::add_release_waiter(*fut.state(), waiter);

  Finally cancel_timeout_handle([&timeout_handle] { timeout_handle.cancel(); });

  // Wait until the future completes or the timeout. C++ allows no co_await inside a catch
  // block, so the CancelledError (this task was cancelled) is kept and handled below;
  // CPython's two branches differ only in their last statement.
  std::exception_ptr cancelled;
  try {
    co_await waiter;
  } catch (const CancelledError&) {
    cancelled = std::current_exception();
  }
  if (fut.done()) co_return detail::result_of(fut);
  detail::remove_release_waiter(*fut.state(), waiter);
  // We must ensure that the task is not running after wait_for() returns (bpo-32751).
  co_await detail::cancel_and_wait(fut, loop);
  if (cancelled) std::rethrow_exception(cancelled);
  // In case task cancellation failed with some exception, we should re-raise it (bpo-40607).
  co_return detail::result_or_timeout(fut);
}

// wait_for(asyncio.sleep(5), 1): the sleep's coroutine, wrapped in a task as any coroutine is.
template <class T>
Coroutine<sleep_result_t<T>> wait_for(SleepAwaiter<T> sleep, std::optional<double> timeout) {
  return wait_for(detail::coroutine_of::sleep(std::move(sleep)), timeout);
}

}  // namespace coroscope
