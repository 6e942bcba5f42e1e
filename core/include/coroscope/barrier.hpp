#pragma once
// Barrier: asyncio.Barrier (Lib/asyncio/locks.py, new in 3.11) — a meeting point for a fixed
// number of tasks: each wait() suspends until `parties` tasks are waiting, then all of them
// go on together.
//
//     barrier = asyncio.Barrier(3)              aio::Barrier barrier(3);
//     index = await barrier.wait()              int index = co_await barrier.wait();
//     async with barrier as index:              int index = co_await barrier.wait();   (__aexit__ does nothing)
//     await barrier.reset()                     co_await barrier.reset();
//     await barrier.abort()                     co_await barrier.abort();
//     except asyncio.BrokenBarrierError:        catch (const aio::BrokenBarrierError&)
//
// The rules, straight from locks.py:
// - wait() returns each task's arrival index, 0 to parties-1; the last to arrive releases
//   the others (they resume in arrival order, one at a time, as they re-take the barrier's
//   Condition lock) and returns without suspending for them.
// - While the released tasks drain out, newcomers wait for the next round.
// - reset() breaks the current round: its waiters raise BrokenBarrierError('Abort or reset of
//   barrier') and the barrier is ready again once they are out. abort() breaks it for good:
//   waiters and every later wait() raise BrokenBarrierError (later ones 'Barrier aborted').
//
// A lesson (three runners start together):
//
//     aio::Coroutine<void> runner(std::string name, double warm_up, aio::Barrier barrier) {
//       co_await aio::sleep(warm_up);                 // await asyncio.sleep(warm_up)
//       aio::print(name, "is ready");                 // print(name, "is ready")
//       co_await barrier.wait();                      // await barrier.wait()
//       aio::print(name, "runs");                     // print(name, "runs")
//     }
//
//     aio::Coroutine<void> main_() {
//       aio::Barrier barrier(3);                      // barrier = asyncio.Barrier(3)
//       auto a = aio::create_task(runner("a", 0.3, barrier));
//       auto b = aio::create_task(runner("b", 0.1, barrier));
//       auto c = aio::create_task(runner("c", 0.2, barrier));
//       co_await a;                                   // prints: b is ready, c is ready,
//       co_await b;                                   //         a is ready, a runs,
//       co_await c;                                   //         b runs, c runs
//     }
//
// A Barrier is a reference to shared state: copies are the same barrier.
#include "coroscope/condition.hpp"
#include "coroscope/coroutine.hpp"

namespace coroscope {

// asyncio.BrokenBarrierError: wait() on a barrier that was reset or aborted.
class BrokenBarrierError : public RuntimeError {
  using RuntimeError::RuntimeError;
};

namespace detail {

// The fields of asyncio.Barrier and its private methods (_block, _release, _wait, _exit).
// Only its Condition needs a loop, and binds to it (Barrier never calls its own _get_loop).
class BarrierState final : public RefCounted {
 public:
  enum class State { filling, draining, resetting, broken };  // _BarrierState

  explicit BarrierState(int parties);

  Coroutine<void> block();
  // Barrier._release (not `release`: that name is RefCounted's, which Ref calls).
  void release_parties();
  Coroutine<void> wait();
  void exit();

  Condition cond;  // Barrier._cond: notifies all tasks when the state changes
  int parties;     // Barrier._parties
  State state = State::filling;
  int count = 0;  // Barrier._count: tasks inside wait()
};

}  // namespace detail

class Barrier {
 public:
  // asyncio.Barrier(parties). ValueError('parties must be > 0').
  explicit Barrier(int parties);

  // Barrier.wait(): suspends until `parties` tasks wait; returns this task's arrival index.
  Coroutine<int> wait() const { return wait(state_); }
  // Barrier.reset(): back to the empty state; the current waiters raise BrokenBarrierError.
  Coroutine<void> reset() const { return reset(state_); }
  // Barrier.abort(): broken for good; waiters and later wait() calls raise BrokenBarrierError.
  Coroutine<void> abort() const { return abort(state_); }

  // Barrier.parties, Barrier.n_waiting, Barrier.broken.
  int parties() const noexcept { return state_->parties; }
  int n_waiting() const noexcept;
  bool broken() const noexcept { return state_->state == detail::BarrierState::State::broken; }

 private:
  // Each coroutine holds its own reference to the barrier, as a Python frame holds `self`.
  static Coroutine<int> wait(detail::Ref<detail::BarrierState> barrier);
  static Coroutine<void> reset(detail::Ref<detail::BarrierState> barrier);
  static Coroutine<void> abort(detail::Ref<detail::BarrierState> barrier);

  detail::Ref<detail::BarrierState> state_;
};

}  // namespace coroscope
