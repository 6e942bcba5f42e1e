#pragma once
// The waiters of a synchronisation primitive: locks.py and queues.py keep one future per
// suspended call in a collections.deque, in the order the calls began waiting, and wake them
// from the front.
#include <algorithm>
#include <deque>

#include "coroscope/future.hpp"

namespace coroscope::detail {

template <class T>
using Waiters = std::deque<Future<T>>;

// `self._waiters.remove(fut)`, for the queues, whose waiter may already be gone: get_nowait
// and put_nowait pop the waiter they wake (`except ValueError: pass`).
template <class T>
void remove_if_present(Waiters<T>& waiters, const Future<T>& fut) {
  auto it = std::find(waiters.begin(), waiters.end(), fut);
  if (it != waiters.end()) waiters.erase(it);
}

// The `finally: self._waiters.remove(fut)` that follows `await fut` in Event.wait,
// Lock.acquire, Condition.wait and Semaphore.acquire. It runs however the await ends: with
// the result, with the CancelledError thrown in at the co_await, or when the loop closes and
// destroys the frame of a task still waiting. Declare it right after pushing `fut`.
template <class T>
class RemoveWaiterAtExit {
 public:
  RemoveWaiterAtExit(Waiters<T>& waiters, const Future<T>& fut) : waiters_(waiters), fut_(fut) {}
  RemoveWaiterAtExit(const RemoveWaiterAtExit&) = delete;
  RemoveWaiterAtExit& operator=(const RemoveWaiterAtExit&) = delete;
  // Only the waiting call removes its own future from these deques, so it is always there.
  ~RemoveWaiterAtExit() { waiters_.erase(std::find(waiters_.begin(), waiters_.end(), fut_)); }

 private:
  Waiters<T>& waiters_;
  const Future<T>& fut_;
};

}  // namespace coroscope::detail
