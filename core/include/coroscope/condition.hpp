#pragma once
// Condition: asyncio.Condition (Lib/asyncio/locks.py) — tasks wait, holding a lock, until
// another task notifies them that something changed.
//
//     cond = asyncio.Condition()                aio::Condition cond;
//     async with cond:                          {
//         await cond.wait_for(lambda: items)      auto held = co_await cond.hold();
//                                                 co_await cond.wait_for([&] { return !items.empty(); });
//                                               }
//     async with cond:                          {
//         items.append(x)                         auto held = co_await cond.hold();
//         cond.notify()                           items.push_back(x);
//                                                 cond.notify();
//                                               }
//
// The rules, straight from locks.py:
// - wait() releases the lock, suspends until notified, then must take the lock again before
//   it returns: notified waiters come back one at a time, in the order they began waiting.
// - notify(n) wakes at most n waiters that are not done yet, notify_all() every one; both
//   raise RuntimeError unless the lock is held. Notifying does not release the lock.
// - wait() re-acquires the lock even when cancelled, and then raises CancelledError.
// - wait_for(predicate) checks the predicate first, then again after every wake-up, holding
//   the lock each time, and returns the predicate's last value.
//
// A lesson (a consumer waits until the producer has put an item):
//
//     aio::Coroutine<void> consumer(aio::Condition cond, std::vector<int>& items) {
//       auto held = co_await cond.hold();                                  // async with cond:
//       co_await cond.wait_for([&] { return !items.empty(); });           //     await cond.wait_for(lambda: items)
//       aio::print("took", items.back());                                  //     print("took", items.pop())
//       items.pop_back();
//     }
//
//     aio::Coroutine<void> main_() {
//       aio::Condition cond;                                               // cond = asyncio.Condition()
//       std::vector<int> items;
//       auto c = aio::create_task(consumer(cond, items));
//       co_await aio::sleep(0.1);
//       {
//         auto held = co_await cond.hold();                                // async with cond:
//         items.push_back(42);                                             //     items.append(42)
//         cond.notify();                                                   //     cond.notify()
//       }
//       co_await c;                                                        // prints: took 42
//     }
//
// A Condition is a reference to shared state: copies are the same condition.
#include <cstddef>
#include <type_traits>
#include <utility>

#include "coroscope/context_manager_mixin.hpp"
#include "coroscope/coroutine.hpp"
#include "coroscope/detail/waiters.hpp"
#include "coroscope/lock.hpp"
#include "coroscope/mixins.hpp"

namespace coroscope {

namespace detail {

// The fields of asyncio.Condition.
class ConditionState final : public RefCounted, public LoopBoundMixin {
 public:
  explicit ConditionState(Lock lock) noexcept : LoopBoundMixin("Condition"), lock(std::move(lock)) {}

  Lock lock;              // Condition._lock: its locked(), acquire() and release() are ours
  Waiters<bool> waiters;  // Condition._waiters: one future per suspended wait(), FIFO
};

}  // namespace detail

class Condition : public detail::ContextManagerMixin<Condition> {
 public:
  // asyncio.Condition(): a condition with a new Lock of its own.
  Condition() : Condition(Lock()) {}
  // asyncio.Condition(lock): a condition on an existing lock, shared with its other users.
  explicit Condition(Lock lock);

  // The lock's methods, exported as Condition.__init__ does.
  bool locked() const noexcept { return state_->lock.locked(); }
  Coroutine<bool> acquire() const { return state_->lock.acquire(); }
  void release() const { state_->lock.release(); }

  // Condition.wait(): releases the lock, waits for a notify, takes the lock again and returns
  // True. RuntimeError('cannot wait on un-acquired lock') unless the lock is held.
  Coroutine<bool> wait() const { return wait(state_); }
  // Condition.wait_for(predicate): waits until predicate() is true and returns its value.
  template <class Predicate>
  Coroutine<std::decay_t<std::invoke_result_t<Predicate&>>> wait_for(Predicate predicate) const {
    return wait_for(*this, std::move(predicate));
  }
  // Condition.notify(n=1): wakes up to n waiters. RuntimeError('cannot notify on un-acquired
  // lock') unless the lock is held.
  void notify(std::size_t n = 1) const;
  // Condition.notify_all(): wakes every waiter.
  void notify_all() const { notify(state_->waiters.size()); }

  // len(cond._waiters): the wait() calls waiting for a notify now.
  std::size_t waiter_count() const noexcept { return state_->waiters.size(); }

 private:
  // Each coroutine holds its own reference to the condition, as a Python frame holds `self`.
  static Coroutine<bool> wait(detail::Ref<detail::ConditionState> cond);
  template <class Predicate>
  static Coroutine<std::decay_t<std::invoke_result_t<Predicate&>>> wait_for(Condition self, Predicate predicate) {
    auto result = predicate();
    while (!result) {
      co_await self.wait();
      result = predicate();
    }
    co_return result;
  }

  detail::Ref<detail::ConditionState> state_;
};

}  // namespace coroscope
