#pragma once
// asyncio.timeout(delay) / asyncio.timeout_at(when) (3.11, Lib/asyncio/timeouts.py): a
// deadline for a block of code. At the deadline the Timeout cancels the task running the
// block; the block sees CancelledError at its co_await; leaving the block, the Timeout turns
// that CancelledError into TimeoutError — only if this Timeout expired and no other
// cancellation is pending (uncancel() brings cancelling() back to 0). Nested timeouts: the
// one that expired converts; the others let the CancelledError through.
//
//     async with asyncio.timeout(0.5) as cm:    aio::Timeout cm = aio::timeout(0.5);
//         await work()                          co_await aio::async_with(cm, [&]() -> aio::Coroutine<void> {
//                                                 co_await work();
//                                               });
//     cm.expired()                              cm.expired()
//     async with asyncio.timeout(0.5):          co_await aio::async_with(aio::timeout(0.5), [&]() -> ...);
//     asyncio.timeout(None)                     aio::timeout(std::nullopt)       (no deadline)
//     asyncio.timeout_at(loop.time() + 1)       aio::timeout_at(loop.time() + 1)
//     cm.reschedule(when) / cm.when()           cm.reschedule(when) / cm.when()
//
// aenter() and aexit(exception) are __aenter__ and __aexit__, which aio::async_with
// (async_with.hpp) calls. `as cm` is a Timeout named before the block, so that it outlives the
// block as Python's name does. A Timeout is a reference to shared state, like a Python object bound to two names.
#include <exception>
#include <optional>

#include "coroscope/coroutine.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

namespace detail {

// Timeout's fields. _on_timeout is a callback of the loop, so the state is reference counted:
// the timer keeps it alive until it fires or is cancelled.
class TimeoutState final : public RefCounted {
 public:
  // timeouts._State, with its values as Timeout's repr shows them.
  enum class State { created, entered, expiring, expired, exited };

  explicit TimeoutState(std::optional<double> when) noexcept : when(when) {}

  void reschedule(std::optional<double> when);
  void on_timeout();

  State state = State::created;
  std::optional<Handle> timeout_handler;  // Timeout._timeout_handler (None: no timer)
  std::optional<AnyTask> task;            // Timeout._task: the task running the block
  std::optional<double> when;             // Timeout._when (None: no deadline)
};

}  // namespace detail

class Timeout {
 public:
  // asyncio.Timeout(when): a deadline on the loop's clock (std::nullopt: none).
  explicit Timeout(std::optional<double> when);

  // Timeout.when(): the deadline, or std::nullopt.
  std::optional<double> when() const noexcept { return state_->when; }
  // Timeout.reschedule(when): move the deadline while the block runs (RuntimeError before it
  // is entered or once it expired or exited).
  void reschedule(std::optional<double> when) const { state_->reschedule(when); }
  // Timeout.expired(): the deadline passed while the block ran.
  bool expired() const noexcept;

  // Timeout.__aenter__: remembers the current task and arms the timer; returns the Timeout.
  Coroutine<Timeout> aenter() const { return aenter(state_); }
  // Timeout.__aexit__(exc): disarms the timer; raises TimeoutError in place of the
  // CancelledError this Timeout caused. Returns false: it never suppresses `exception`.
  Coroutine<bool> aexit(std::exception_ptr exception) const { return aexit(state_, std::move(exception)); }

 private:
  explicit Timeout(detail::Ref<detail::TimeoutState> state) noexcept : state_(std::move(state)) {}
  static Coroutine<Timeout> aenter(detail::Ref<detail::TimeoutState> self);
  static Coroutine<bool> aexit(detail::Ref<detail::TimeoutState> self, std::exception_ptr exception);

  detail::Ref<detail::TimeoutState> state_;
};

// asyncio.timeout(delay): a Timeout at loop.time() + delay; std::nullopt for no deadline.
Timeout timeout(std::optional<double> delay);
// asyncio.timeout_at(when): a Timeout at the absolute loop time `when`.
Timeout timeout_at(std::optional<double> when);

}  // namespace coroscope
