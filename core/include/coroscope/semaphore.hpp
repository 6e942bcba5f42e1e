#pragma once
// Semaphore and BoundedSemaphore: asyncio.Semaphore and asyncio.BoundedSemaphore
// (Lib/asyncio/locks.py) — at most `value` tasks inside at once.
//
//     sem = asyncio.Semaphore(2)                aio::Semaphore sem(2);
//     async with sem:                           {
//         ...                                     auto held = co_await sem.hold();
//                                                 ...
//                                               }
//     await sem.acquire()                       co_await sem.acquire();
//     sem.release()                             sem.release();
//
// The rules, straight from locks.py (3.11.7):
// - acquire() takes a slot at once only if locked() is false: the counter is above zero and
//   no waiter that is not cancelled is queued, so a newcomer never overtakes a waiter.
// - release() hands the slot straight to the first waiter that is not done (it resumes one
//   iteration later, already holding it), so admission is FIFO (oracle 29).
// - A waiter that was handed a slot and is cancelled before it resumes gives the slot back
//   and wakes the next waiter; a woken waiter that finds slots left wakes the next one too.
// - Semaphore(value) raises ValueError for value < 0. BoundedSemaphore.release() raises
//   ValueError('BoundedSemaphore released too many times') above the initial value.
//
// A lesson (at most two downloads at a time):
//
//     aio::Coroutine<void> download(std::string name, aio::Semaphore sem) {
//       auto held = co_await sem.hold();             // async with sem:
//       aio::print(name, "starts");                  //     print(name, "starts")
//       co_await aio::sleep(1);                      //     await asyncio.sleep(1)
//       aio::print(name, "done");                    //     print(name, "done")
//     }
//
//     aio::Coroutine<void> main_() {
//       aio::Semaphore sem(2);                       // sem = asyncio.Semaphore(2)
//       std::vector<aio::Task<void>> tasks;
//       for (std::string name : {"a", "b", "c"}) tasks.push_back(aio::create_task(download(name, sem)));
//       for (auto& t : tasks) co_await t;            // prints: a starts, b starts, a done, b done,
//     }                                              //         c starts, c done
//
// A Semaphore is a reference to shared state: copies are the same semaphore. A
// BoundedSemaphore stays bounded when passed on as a Semaphore (release is virtual in Python).
#include <cstddef>
#include <optional>

#include "coroscope/context_manager_mixin.hpp"
#include "coroscope/coroutine.hpp"
#include "coroscope/detail/waiters.hpp"
#include "coroscope/mixins.hpp"

namespace coroscope {

namespace detail {

// The fields of asyncio.Semaphore (and BoundedSemaphore's _bound_value).
class SemaphoreState final : public RefCounted, public LoopBoundMixin {
 public:
  SemaphoreState(int value, std::optional<int> bound_value, const char* type_name);

  bool locked() const;
  // Semaphore._wake_up_next: give a slot to the first waiter that is not done.
  void wake_up_next();

  Waiters<bool> waiters;           // Semaphore._waiters: one future per suspended acquire()
  int value;                       // Semaphore._value: the free slots
  std::optional<int> bound_value;  // BoundedSemaphore._bound_value
};

}  // namespace detail

class Semaphore : public detail::ContextManagerMixin<Semaphore> {
 public:
  // asyncio.Semaphore(value=1). ValueError('Semaphore initial value must be >= 0').
  explicit Semaphore(int value = 1) : Semaphore(value, std::nullopt, "Semaphore") {}

  // Semaphore.locked(): True if acquire() would suspend.
  bool locked() const { return state_->locked(); }
  // Semaphore.acquire(): takes a slot and returns True, suspending until one is handed over.
  Coroutine<bool> acquire() const { return acquire(state_); }
  // Semaphore.release(): frees a slot, handing it to the first waiter if there is one.
  void release() const;

  // sem._value: the free slots now (repr's `value:N`).
  int value() const noexcept { return state_->value; }
  // len(sem._waiters): the acquire() calls suspended now (repr's `waiters:N`).
  std::size_t waiter_count() const noexcept { return state_->waiters.size(); }

 protected:
  Semaphore(int value, std::optional<int> bound_value, const char* type_name);

 private:
  // The coroutine holds its own reference to the semaphore, as a Python frame holds `self`.
  static Coroutine<bool> acquire(detail::Ref<detail::SemaphoreState> sem);

  detail::Ref<detail::SemaphoreState> state_;
};

class BoundedSemaphore : public Semaphore {
 public:
  // asyncio.BoundedSemaphore(value=1): release() may not raise the value above `value`.
  explicit BoundedSemaphore(int value = 1) : Semaphore(value, value, "BoundedSemaphore") {}
};

}  // namespace coroscope
