#pragma once
// Handle and TimerHandle: a callback scheduled on the loop (asyncio.events.Handle).
// The loop's ready queue and timer heap hold HandleStates; a Handle is the user's
// reference to one, through which it can be cancelled.
#include <cstdint>

#include "coroscope/detail/id_counters.hpp"
#include "coroscope/detail/inline_callback.hpp"
#include "coroscope/detail/ref_counted.hpp"

namespace coroscope {

class EventLoop;

// What a handle will run: the trace and the app show it ("Task-2 step", "wakeup", ...).
enum class HandleKind : std::uint8_t {
  callback,       // loop.call_soon / call_later / call_at of user code
  task_step,      // Task.__step: a task's first step, or its next one after a bare yield
  task_wakeup,    // Task.__wakeup: a future a task waits on is done
  done_callback,  // a Future's done callback (add_done_callback), scheduled when it completes
};

// Whom a handle concerns, for the trace: the task it steps or wakes, and the future whose
// completion scheduled it or that it will complete (a sleep's timer); ids, 0 for none.
struct HandleSubject {
  std::uint32_t task = 0;
  std::uint32_t future = 0;
};

// What the trace and the loop's diagnostics say of a scheduled callback: a handle's, or a
// task's pending step, which the ready queue holds without a handle (EventLoop::ReadyEntry).
struct HandleInfo {
  std::uint32_t id;
  HandleKind kind;
  HandleSubject subject;
};

namespace detail {

// Every call_soon / call_at makes a new handle with a new id, from one counter.
inline std::uint32_t next_handle_id() noexcept { return ++id_counters.handle; }

class HandleState final : public RefCounted {
 public:
  HandleState(EventLoop* loop, HandleKind kind, HandleSubject subject)
      : kind_(kind), loop_(loop), subject_(subject), id_(next_handle_id()) {}

  void cancel() noexcept;
  bool cancelled() const noexcept { return cancelled_; }
  HandleKind kind() const noexcept { return kind_; }
  double when() const noexcept { return when_; }
  std::uint64_t timer_sequence() const noexcept { return timer_sequence_; }
  std::uint32_t id() const noexcept { return id_; }
  const HandleSubject& subject() const noexcept { return subject_; }
  HandleInfo info() const noexcept { return {id_, kind_, subject_}; }

  // Handle._run: the loop catches what escapes and passes it to its exception handler, then
  // drops the callback (callback().reset()); one that returns is dropped at once.
  void run() { callback_.run_and_reset(); }

  InlineCallback& callback() noexcept { return callback_; }

 private:
  friend class coroscope::EventLoop;

  // What the loop reads of every handle it takes from the ready queue comes first, after
  // RefCounted's count: the flags, then the callback, in the handle's first 56 bytes.
  HandleKind kind_;
  bool cancelled_ = false;
  // TimerHandle._scheduled: in the heap, or due and not yet taken from the ready queue.
  bool in_timer_heap_ = false;
  InlineCallback callback_;
  EventLoop* loop_;  // only used while in the timer heap, where the loop is alive
  double when_ = 0.0;
  std::uint64_t timer_sequence_ = 0;  // scheduling order among timers of equal deadline
  HandleSubject subject_;
  std::uint32_t id_;
};

}  // namespace detail

class Handle {
 public:
  Handle() = default;
  explicit Handle(detail::Ref<detail::HandleState> state) : state_(std::move(state)) {}

  // Handle.cancel(): a cancelled handle is skipped when its turn comes.
  void cancel() noexcept {
    if (state_) state_->cancel();
  }
  bool cancelled() const noexcept { return state_ && state_->cancelled(); }

 protected:
  detail::Ref<detail::HandleState> state_;
};

class TimerHandle : public Handle {
 public:
  using Handle::Handle;
  // TimerHandle.when(): the absolute deadline on the loop's clock.
  double when() const noexcept { return state_ ? state_->when() : 0.0; }
};

}  // namespace coroscope
