#pragma once
// asyncio.shield(aw): a future that follows aw's outcome, but whose cancellation does not
// reach aw. Cancelling the task that awaits shield(inner) raises CancelledError in that task
// only; inner keeps running to its end.
//
//   co_await aio::shield(task_or_future)   -> T
//   co_await aio::shield(coro)             -> T   (coro runs in a new task, which takes a Task-N)
//
// shield is a plain function, not a coroutine: a coroutine argument becomes a task at the call.
// Shielding a future that is already done returns that future itself. This mirrors shield in
// CPython 3.11's Lib/asyncio/tasks.py, with its _inner_done_callback and _outer_done_callback.
//
// Ownership: inner's done callback holds outer and outer's holds inner — the reference cycle
// CPython's two closures make too. It breaks as soon as either future is done (and a pending
// task drops its callbacks when its loop closes). Only a plain future that never completes,
// shielded by an outer that nobody completes or cancels, stays alive: CPython's garbage
// collector would reclaim that pair; reference counts cannot.
#include <exception>
#include <type_traits>
#include <utility>

#include "coroscope/task.hpp"

namespace coroscope {

template <class T>
Future<T> shield(Future<T> inner) {
  if (inner.done()) return inner;  // Shortcut.
  Future<T> outer(inner.get_loop(), FutureKind::shield);

  DoneCallback<T> inner_done_callback{[outer](const Future<T>& inner) {
                                        if (outer.cancelled()) {
                                          if (!inner.cancelled())
                                            inner.exception();  // Mark inner's result as retrieved.
                                          return;
                                        }
                                        if (inner.cancelled()) {
                                          outer.cancel();
                                        } else if (std::exception_ptr exc = inner.exception()) {
                                          outer.set_exception(exc);
                                        } else if constexpr (std::is_void_v<T>) {
                                          outer.set_result();
                                        } else {
                                          outer.set_result(inner.result());
                                        }
                                      },
                                      runtime_callback("_inner_done_callback")};

  // The outer future is done first (it was cancelled): inner no longer needs to report to it.
  DoneCallback<T> outer_done_callback{[inner, inner_done_callback](const Future<T>&) {
                                        if (!inner.done()) inner.remove_done_callback(inner_done_callback);
                                      },
                                      runtime_callback("_outer_done_callback")};

  inner.add_done_callback(inner_done_callback);
  outer.add_done_callback(outer_done_callback);
  return outer;
}

// _ensure_future(coro): the coroutine runs in a task of the running loop.
template <class T>
Future<T> shield(Coroutine<T> coro) {
  return shield(Future<T>(get_running_loop().create_task(std::move(coro))));
}

}  // namespace coroscope
