#include "coroscope/barrier.hpp"

namespace coroscope {

namespace detail {

BarrierState::BarrierState(int parties) : parties(parties) {
  if (parties < 1) throw ValueError("parties must be > 0");
}

// Barrier._block: wait while the barrier drains or resets; raise if it is broken.
Coroutine<void> BarrierState::block() {
  co_await cond.wait_for([this] { return state != State::draining && state != State::resetting; });
  if (state == State::broken) throw BrokenBarrierError("Barrier aborted");
}

// Barrier._release: the last arrival lets the others go. The next arrivals are blocked
// until the draining ends.
void BarrierState::release_parties() {
  state = State::draining;
  cond.notify_all();
}

// Barrier._wait: wait until the filling ends; raise if that was a reset or an abort.
Coroutine<void> BarrierState::wait() {
  co_await cond.wait_for([this] { return state != State::filling; });
  if (state == State::broken || state == State::resetting) throw BrokenBarrierError("Abort or reset of barrier");
}

// Barrier._exit: the last task out of wait() ends the draining (or resetting) and wakes the
// tasks blocked until then.
void BarrierState::exit() {
  if (count == 0) {
    if (state == State::resetting || state == State::draining) state = State::filling;
    cond.notify_all();
  }
}

}  // namespace detail

Barrier::Barrier(int parties) : state_(new detail::BarrierState(parties)) {}

int Barrier::n_waiting() const noexcept {
  return state_->state == detail::BarrierState::State::filling ? state_->count : 0;
}

Coroutine<int> Barrier::wait(detail::Ref<detail::BarrierState> barrier) {
  auto held = co_await barrier->cond.hold();
  co_await barrier->block();
  // try: ... finally: count -= 1; _exit()
  auto leave = [&barrier] {
    barrier->count -= 1;
    barrier->exit();
  };
  int index = barrier->count;
  barrier->count += 1;
  try {
    if (index + 1 == barrier->parties) {
      barrier->release_parties();
    } else {
      co_await barrier->wait();
    }
  } catch (...) {
    leave();
    throw;
  }
  leave();
  co_return index;
}

Coroutine<void> Barrier::reset(detail::Ref<detail::BarrierState> barrier) {
  auto held = co_await barrier->cond.hold();
  using State = detail::BarrierState::State;
  if (barrier->count > 0) {
    // Reset the barrier, waking up the tasks in it.
    if (barrier->state != State::resetting) barrier->state = State::resetting;
  } else {
    barrier->state = State::filling;
  }
  barrier->cond.notify_all();
}

Coroutine<void> Barrier::abort(detail::Ref<detail::BarrierState> barrier) {
  auto held = co_await barrier->cond.hold();
  barrier->state = detail::BarrierState::State::broken;
  barrier->cond.notify_all();
}

}  // namespace coroscope
