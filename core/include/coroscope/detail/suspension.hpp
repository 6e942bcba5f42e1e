#pragma once
// What a coroutine tells its task when it suspends — coroscope's version of the value a
// Python coroutine yields to Task.__step. Every awaiter the runtime provides ends in one
// of these calls; the task's step then acts as __step does.
namespace coroscope::detail {

class FutureBase;
class PromiseBase;

struct Suspension {
  enum class Kind : unsigned char {
    none,             // suspended without telling the task: "Task got bad yield"
    on_future,        // `yield future`: add the task's wakeup to it, keep it as fut_waiter
    bare_yield,       // bare `yield` (sleep(0)): call_soon the next step, one iteration later
    await_coroutine,  // `yield from coro`: run the child inline, in this same step
    async_gen_yield,  // an async generator's `yield value`: resume the frame that is iterating
                      // it, in this same step; the generator stays suspended at its co_yield
  };
  Kind kind = Kind::none;
  FutureBase* future = nullptr;
  PromiseBase* child = nullptr;
};

// Reports to the task running now; the task reads the report when the resume returns.
void suspend_task_on(FutureBase& future);
void suspend_task_bare();
void suspend_task_awaiting(PromiseBase& child);
void suspend_task_async_gen_yield();
// The exception a task throws into its coroutine (coro.throw): rethrown by the awaiter at
// the `co_await` where the innermost coroutine is suspended.
void rethrow_if_thrown_in();

}  // namespace coroscope::detail
