#include "coroscope/condition.hpp"

#include <exception>

namespace coroscope {

Condition::Condition(Lock lock) : state_(new detail::ConditionState(std::move(lock))) {}

Coroutine<bool> Condition::wait(detail::Ref<detail::ConditionState> cond) {
  if (!cond->lock.locked()) throw RuntimeError("cannot wait on un-acquired lock");

  cond->lock.release();
  // try: ... finally: re-acquire. The finally awaits, which no destructor can, so what the
  // wait ended with is kept and re-raised once the lock is ours again.
  std::exception_ptr wait_error;
  try {
    Future<bool> fut(cond->get_loop(), FutureKind::condition);
    cond->waiters.push_back(fut);
    detail::RemoveWaiterAtExit remove_waiter(cond->waiters, fut);
    co_await fut;
  } catch (...) {
    wait_error = std::current_exception();
  }

  // Must re-acquire the lock even if wait is cancelled: the caller's `async with` will
  // release it. A cancellation during the re-acquire is remembered and raised afterwards.
  bool cancelled = false;
  for (;;) {
    try {
      co_await cond->lock.acquire();
      break;
    } catch (const CancelledError&) {
      cancelled = true;
    }
  }
  if (cancelled) throw CancelledError();
  if (wait_error) std::rethrow_exception(wait_error);
  co_return true;
}

void Condition::notify(std::size_t n) const {
  if (!locked()) throw RuntimeError("cannot notify on un-acquired lock");
  std::size_t idx = 0;
  for (const Future<bool>& fut : state_->waiters) {
    if (idx >= n) break;
    if (!fut.done()) {
      ++idx;
      fut.set_result(false);
    }
  }
}

}  // namespace coroscope
