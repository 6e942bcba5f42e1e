#pragma once
// Event: asyncio.Event (Lib/asyncio/locks.py) — a flag that tasks wait for. set() resolves
// the future of every waiter at once, in the order they began waiting, so they resume FIFO on
// the next iteration; wait() on a set event returns True without suspending; clear() makes
// later waiters block again.
//
// An Event is a reference to shared state, like a Future: copies are the same event, as two
// Python variables can name one object, so a task may keep waiting on an event after the
// coroutine that made it has returned.
#include <cstddef>

#include "coroscope/coroutine.hpp"
#include "coroscope/detail/waiters.hpp"
#include "coroscope/future.hpp"
#include "coroscope/mixins.hpp"

namespace coroscope {

namespace detail {

// The fields of asyncio.Event, and the loop that mixins._LoopBoundMixin binds it to.
class EventState final : public RefCounted, public LoopBoundMixin {
 public:
  explicit EventState(FutureKind waiter_kind) noexcept : LoopBoundMixin("Event"), waiter_kind(waiter_kind) {}

  bool value = false;      // Event._value
  Waiters<bool> waiters;   // Event._waiters: one future per suspended wait()
  FutureKind waiter_kind;  // what the waiters' futures show as in the trace
};

}  // namespace detail

class Event {
 public:
  // asyncio.Event(): a new event, not set.
  Event() : Event(FutureKind::event) {}
  // An event whose waiters show in the trace as `waiter_kind`: Queue.join waits on the
  // queue's `_finished` event, and the timeline says "Queue.join", not "Event.wait".
  explicit Event(FutureKind waiter_kind);

  // Event.is_set(): the flag.
  bool is_set() const noexcept { return state_->value; }
  // Event.set(): sets the flag and resolves every waiter's future that is not done yet
  // (a cancelled waiter's future is). The waiters resume one iteration later, never inside set().
  void set() const;
  // Event.clear(): resets the flag; a wait() from now on blocks until the next set().
  void clear() const noexcept { state_->value = false; }
  // Event.wait(): True at once if the flag is set; otherwise suspends until set() is called.
  Coroutine<bool> wait() const { return wait(state_); }

  // len(event._waiters): the wait() calls suspended now (what repr shows as `waiters:N`).
  std::size_t waiter_count() const noexcept { return state_->waiters.size(); }

 private:
  // The coroutine holds its own reference to the event, as a Python frame holds `self`, so
  // awaiting the wait() of a temporary copy is safe.
  static Coroutine<bool> wait(detail::Ref<detail::EventState> event);

  detail::Ref<detail::EventState> state_;
};

}  // namespace coroscope
