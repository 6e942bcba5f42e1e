#pragma once
// `async with` for Lock, Condition and Semaphore: locks.py's _ContextManagerMixin, whose
// __aenter__ awaits acquire() and whose __aexit__ calls release().
//
//     async with lock:                          {
//         print("inside")                         auto held = co_await lock.hold();
//                                                 aio::print("inside");
//                                               }
//
// or, in the form every async context manager shares (async_with.hpp):
//
//                                               co_await aio::async_with(lock, [&] {
//                                                 aio::print("inside");
//                                               });
//
// hold() acquires and gives a Held guard; leaving the scope, however it is left (its end,
// co_return, an exception, a CancelledError thrown in at a co_await), releases, as __aexit__
// does. Releasing never suspends in asyncio, so a destructor can do it. Give the guard a name:
// an unnamed `co_await lock.hold();` would release at once.
#include <exception>
#include <optional>
#include <utility>

#include "coroscope/coroutine.hpp"

namespace coroscope {

namespace detail {
// A release() that raised inside a guard's destructor, which cannot throw: reported through
// the running loop's exception handler (the default one when no loop runs), as Python reports
// "Exception ignored in: <coroutine ...>" for an __aexit__ that fails while a coroutine is
// closed. It happens when the block itself released (RuntimeError 'Lock is not acquired.'),
// or when a loop closes with a task inside the block and the release would wake a waiter of
// that closed loop.
void report_release_error(std::exception_ptr error) noexcept;
}  // namespace detail

// The held `async with` block of a Lock, Condition or Semaphore: its destructor is __aexit__.
template <class Primitive>
class [[nodiscard]] Held {
 public:
  explicit Held(Primitive primitive) noexcept : primitive_(std::move(primitive)) {}
  Held(Held&& o) noexcept : primitive_(std::exchange(o.primitive_, std::nullopt)) {}
  Held& operator=(Held&&) = delete;
  ~Held() {
    if (!primitive_) return;
    try {
      primitive_->release();
    } catch (...) {
      detail::report_release_error(std::current_exception());
    }
  }

 private:
  std::optional<Primitive> primitive_;  // empty once moved from
};

namespace detail {

// Gives a primitive with acquire() and release() its `async with` form, hold().
template <class Self>
class ContextManagerMixin {
 public:
  // `async with self:` — acquires (suspending while another holder has it) and returns the
  // guard that releases. Awaiting it costs no iteration beyond acquire()'s own.
  Coroutine<Held<Self>> hold() const { return acquire_and_hold(static_cast<const Self&>(*this)); }

  // _ContextManagerMixin.__aenter__ and __aexit__, for aio::async_with(lock, block).
  Coroutine<void> aenter() const { return acquire(static_cast<const Self&>(*this)); }
  Coroutine<void> aexit(std::exception_ptr) const { return release(static_cast<const Self&>(*this)); }

 private:
  // Each coroutine keeps its own copy of the primitive, which shares its state, so awaiting
  // one made from a temporary copy is safe.
  static Coroutine<Held<Self>> acquire_and_hold(Self self) {
    co_await self.acquire();
    co_return Held<Self>(std::move(self));
  }
  static Coroutine<void> acquire(Self self) { co_await self.acquire(); }
  static Coroutine<void> release(Self self) {
    self.release();
    co_return;
  }
};

}  // namespace detail

}  // namespace coroscope
