#pragma once
// Lock: asyncio.Lock (Lib/asyncio/locks.py) — mutual exclusion between tasks.
//
//     lock = asyncio.Lock()                     aio::Lock lock;
//     async with lock:                          {
//         ...                                     auto held = co_await lock.hold();
//                                                 ...
//                                               }
//     await lock.acquire()                      co_await lock.acquire();
//     try:                                      {
//         ...                                     aio::Finally release([&] { lock.release(); });
//     finally:                                    ...
//         lock.release()                        }
//
// The rules students get wrong, all straight from locks.py:
// - Waiters are served first come, first served: release() resolves the first waiter's
//   future, and that task takes the lock when it resumes, one loop iteration later.
// - Between the release() and that resumption the lock reads as unlocked, yet a newcomer's
//   acquire() does not take it: while a waiter that is not cancelled is queued, acquire()
//   queues too (3.11's no-barging rule; oracle 28).
// - A waiter cancelled after release() woke it passes the wake-up on to the next waiter.
//
// A lesson (two workers take turns; each holds the lock across a sleep):
//
//     aio::Coroutine<void> worker(std::string name, aio::Lock lock) {
//       auto held = co_await lock.hold();             // async with lock:
//       aio::print(name, "has the lock");             //     print(name, "has the lock")
//       co_await aio::sleep(0.1);                     //     await asyncio.sleep(0.1)
//       aio::print(name, "releases it");              //     print(name, "releases it")
//     }
//
//     aio::Coroutine<void> main_() {
//       aio::Lock lock;                               // lock = asyncio.Lock()
//       auto a = aio::create_task(worker("a", lock));
//       auto b = aio::create_task(worker("b", lock));
//       co_await a;                                   // prints: a has the lock, a releases it,
//       co_await b;                                   //         b has the lock, b releases it
//     }
//
// A Lock is a reference to shared state, like Event and Future: copies are the same lock.
#include <cstddef>

#include "coroscope/context_manager_mixin.hpp"
#include "coroscope/coroutine.hpp"
#include "coroscope/detail/waiters.hpp"
#include "coroscope/mixins.hpp"

namespace coroscope {

namespace detail {

// The fields of asyncio.Lock.
class LockState final : public RefCounted, public LoopBoundMixin {
 public:
  LockState() noexcept : LoopBoundMixin("Lock") {}

  // Lock._wake_up_first: resolve the first waiter's future, unless it is done already.
  void wake_up_first() const;

  Waiters<bool> waiters;  // Lock._waiters: one future per suspended acquire(), FIFO
  bool locked = false;    // Lock._locked
};

}  // namespace detail

class Lock : public detail::ContextManagerMixin<Lock> {
 public:
  // asyncio.Lock(): a new lock, unlocked.
  Lock();

  // Lock.locked(): True while some task holds the lock.
  bool locked() const noexcept { return state_->locked; }
  // Lock.acquire(): takes the lock and returns True; suspends first while it is locked or
  // other tasks are already queued for it.
  Coroutine<bool> acquire() const { return acquire(state_); }
  // Lock.release(): unlocks and wakes the first waiter. Raises RuntimeError('Lock is not
  // acquired.') on an unlocked lock. Any task may release, not only the one that acquired.
  void release() const;

  // len(lock._waiters): the acquire() calls suspended now (repr's `waiters:N`).
  std::size_t waiter_count() const noexcept { return state_->waiters.size(); }

 private:
  // The coroutine holds its own reference to the lock, as a Python frame holds `self`.
  static Coroutine<bool> acquire(detail::Ref<detail::LockState> lock);

  detail::Ref<detail::LockState> state_;
};

}  // namespace coroscope
