#include "coroscope/queues.hpp"

namespace coroscope::detail {

QueueBase::QueueBase(int maxsize, const char* type_name)
    : LoopBoundMixin(type_name), maxsize(maxsize), finished(FutureKind::queue_join) {
  finished.set();
}

bool QueueBase::full() const noexcept {
  if (maxsize <= 0) return false;
  return qsize() >= static_cast<std::size_t>(maxsize);
}

Coroutine<void> QueueBase::wait_while(bool (QueueBase::*blocked)() const noexcept, Waiters<void>& waiters,
                                      FutureKind kind) {
  while ((this->*blocked)()) {
    Future<void> waiter(get_loop(), kind);
    waiters.push_back(waiter);
    try {
      co_await waiter;
    } catch (...) {
      waiter.cancel();  // Just in case the waiter is not done yet.
      // Clean the waiters from the cancelled one; get_nowait()/put_nowait() may have
      // removed it already, when it woke it.
      remove_if_present(waiters, waiter);
      // We were woken up, but cannot take the item or the slot: wake up the next in line.
      if (!(this->*blocked)() && !waiter.cancelled()) wakeup_next(waiters);
      throw;
    }
  }
}

void QueueBase::item_put() {
  unfinished_tasks += 1;
  finished.clear();
  wakeup_next(getters);
}

void QueueBase::task_done() {
  if (unfinished_tasks <= 0) throw ValueError("task_done() called too many times");
  unfinished_tasks -= 1;
  if (unfinished_tasks == 0) finished.set();
}

void QueueBase::wakeup_next(Waiters<void>& waiters) {
  while (!waiters.empty()) {
    Future<void> waiter = std::move(waiters.front());
    waiters.pop_front();
    if (!waiter.done()) {
      waiter.set_result();
      break;
    }
  }
}

}  // namespace coroscope::detail
