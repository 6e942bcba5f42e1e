#include "coroscope/timeouts.hpp"

#include <cassert>
#include <string>

namespace coroscope {

namespace detail {

namespace {
const char* value_of(TimeoutState::State state) noexcept {
  switch (state) {
    case TimeoutState::State::created:
      return "created";
    case TimeoutState::State::entered:
      return "active";
    case TimeoutState::State::expiring:
      return "expiring";
    case TimeoutState::State::expired:
      return "expired";
    case TimeoutState::State::exited:
      return "finished";
  }
  return "";
}
}  // namespace

// Timeout.reschedule: a deadline already passed fires with call_soon, the next iteration.
void TimeoutState::reschedule(std::optional<double> new_when) {
  assert(state != State::created);
  if (state != State::entered)
    throw RuntimeError(std::string("Cannot change state of ") + value_of(state) + " Timeout");
  when = new_when;
  if (timeout_handler) timeout_handler->cancel();
  if (!when) {
    timeout_handler.reset();
    return;
  }
  EventLoop& loop = get_running_loop();
  auto fire = [self = Ref<TimeoutState>(this)] { self->on_timeout(); };
  if (*when <= loop.time()) {
    timeout_handler = loop.call_soon(std::move(fire), runtime_callback("Timeout._on_timeout"));
  } else {
    timeout_handler = loop.call_at(*when, std::move(fire), {}, runtime_callback("Timeout._on_timeout"));
  }
}

// Timeout._on_timeout: cancel the task running the block.
void TimeoutState::on_timeout() {
  assert(state == State::entered);
  task->cancel();
  state = State::expiring;
  timeout_handler.reset();  // drop the reference early (it is the one cycle through us)
}

}  // namespace detail

Timeout::Timeout(std::optional<double> when) : state_(new detail::TimeoutState(when)) {}

bool Timeout::expired() const noexcept {
  using State = detail::TimeoutState::State;
  return state_->state == State::expiring || state_->state == State::expired;
}

Coroutine<Timeout> Timeout::aenter(detail::Ref<detail::TimeoutState> self) {
  self->state = detail::TimeoutState::State::entered;
  self->task = current_task();  // RuntimeError outside a task
  self->reschedule(self->when);
  co_return Timeout(std::move(self));
}

Coroutine<bool> Timeout::aexit(detail::Ref<detail::TimeoutState> self, std::exception_ptr exception) {
  using State = detail::TimeoutState::State;
  assert(self->state == State::entered || self->state == State::expiring);
  if (self->timeout_handler) {
    self->timeout_handler->cancel();
    self->timeout_handler.reset();
  }
  if (self->state == State::expiring) {
    self->state = State::expired;
    // Since there are no outstanding cancel requests, we're handling this: the
    // CancelledError is ours to turn into TimeoutError.
    if (self->task->uncancel() == 0 && detail::is_exactly_cancelled_error(exception)) throw TimeoutError();
  } else if (self->state == State::entered) {
    self->state = State::exited;
  }
  co_return false;
}

Timeout timeout(std::optional<double> delay) {
  EventLoop& loop = get_running_loop();
  return Timeout(delay ? std::optional<double>(loop.time() + *delay) : std::nullopt);
}

Timeout timeout_at(std::optional<double> when) { return Timeout(when); }

}  // namespace coroscope
