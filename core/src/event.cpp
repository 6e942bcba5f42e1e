#include "coroscope/event.hpp"

namespace coroscope {

Event::Event(FutureKind waiter_kind) : state_(new detail::EventState(waiter_kind)) {}

void Event::set() const {
  if (state_->value) return;
  state_->value = true;
  // Like Future.set_result everywhere: each waiter's wakeup goes through call_soon, so the
  // waiters resume in this order on the next iteration. set_result runs no callback inline,
  // so the deque does not change while we walk it.
  for (const Future<bool>& fut : state_->waiters) {
    if (!fut.done()) fut.set_result(true);
  }
}

Coroutine<bool> Event::wait(detail::Ref<detail::EventState> event) {
  if (event->value) co_return true;

  Future<bool> fut(event->get_loop(), event->waiter_kind);
  event->waiters.push_back(fut);
  detail::RemoveWaiterAtExit remove_waiter(event->waiters, fut);
  co_await fut;
  co_return true;
}

}  // namespace coroscope
