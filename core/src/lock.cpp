#include "coroscope/lock.hpp"

#include <algorithm>

namespace coroscope {

void detail::LockState::wake_up_first() const {
  if (waiters.empty()) return;
  // done() means that the first waiter will wake up later on and either take the lock or,
  // if it was cancelled and the lock is still free, call this again to wake the next one.
  const Future<bool>& fut = waiters.front();
  if (!fut.done()) fut.set_result(true);
}

Lock::Lock() : state_(new detail::LockState) {}

Coroutine<bool> Lock::acquire(detail::Ref<detail::LockState> lock) {
  // No barging (3.11): a free lock is taken at once only if nobody is queued for it, except
  // waiters that are cancelled and will never take it.
  if (!lock->locked &&
      std::all_of(lock->waiters.begin(), lock->waiters.end(), [](const Future<bool>& w) { return w.cancelled(); })) {
    lock->locked = true;
    co_return true;
  }

  Future<bool> fut(lock->get_loop(), FutureKind::lock);
  lock->waiters.push_back(fut);
  // The waiter leaves the deque before the CancelledError is handled, so that
  // wake_up_first() below does not try to wake this cancelled waiter itself.
  try {
    detail::RemoveWaiterAtExit remove_waiter(lock->waiters, fut);
    co_await fut;
  } catch (const CancelledError&) {
    // Cancelled after release() had woken us, while the lock is still free: hand the
    // wake-up on to the next waiter, or nobody would ever take the lock.
    if (!lock->locked) lock->wake_up_first();
    throw;
  }

  lock->locked = true;
  co_return true;
}

void Lock::release() const {
  if (!state_->locked) throw RuntimeError("Lock is not acquired.");
  state_->locked = false;
  state_->wake_up_first();
}

}  // namespace coroscope
