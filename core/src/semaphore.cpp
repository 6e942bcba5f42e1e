#include "coroscope/semaphore.hpp"

#include <algorithm>

namespace coroscope {

detail::SemaphoreState::SemaphoreState(int value, std::optional<int> bound_value, const char* type_name)
    : LoopBoundMixin(type_name), value(value), bound_value(bound_value) {
  if (value < 0) throw ValueError("Semaphore initial value must be >= 0");
}

bool detail::SemaphoreState::locked() const {
  return value == 0 ||
         std::any_of(waiters.begin(), waiters.end(), [](const Future<bool>& w) { return !w.cancelled(); });
}

void detail::SemaphoreState::wake_up_next() {
  for (const Future<bool>& fut : waiters) {
    if (!fut.done()) {
      // The slot is the waiter's from now on: nobody can take it before it resumes.
      --value;
      fut.set_result(true);
      return;
    }
  }
}

Semaphore::Semaphore(int value, std::optional<int> bound_value, const char* type_name)
    : state_(new detail::SemaphoreState(value, bound_value, type_name)) {}

Coroutine<bool> Semaphore::acquire(detail::Ref<detail::SemaphoreState> sem) {
  if (!sem->locked()) {
    --sem->value;
    co_return true;
  }

  Future<bool> fut(sem->get_loop(), FutureKind::semaphore);
  sem->waiters.push_back(fut);
  // The waiter leaves the deque before the CancelledError is handled, so that
  // wake_up_next() below does not hand the slot back to this cancelled waiter.
  try {
    detail::RemoveWaiterAtExit remove_waiter(sem->waiters, fut);
    co_await fut;
  } catch (const CancelledError&) {
    // Cancelled after release() had handed us a slot (our future has its result): give the
    // slot back, to the next waiter if there is one.
    if (!fut.cancelled()) {
      ++sem->value;
      sem->wake_up_next();
    }
    throw;
  }

  if (sem->value > 0) sem->wake_up_next();
  co_return true;
}

void Semaphore::release() const {
  if (state_->bound_value && state_->value >= *state_->bound_value)
    throw ValueError("BoundedSemaphore released too many times");
  ++state_->value;
  state_->wake_up_next();
}

}  // namespace coroscope
