#pragma once
// asyncio.TaskGroup (3.11, Lib/asyncio/taskgroups.py): structured concurrency. Tasks created
// through the group belong to it; leaving the `async with` block waits for all of them. The
// first child that fails cancels its siblings and the block itself (the parent task is
// cancelled, and uncancelled again on exit, so cancelling() comes back to 0), and the
// children's errors come out together as one ExceptionGroup. Cancelled children add no error.
//
//     async with asyncio.TaskGroup() as tg:
//         t = tg.create_task(work(), name="w")
//         await asyncio.sleep(1)
//
//     co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) -> aio::Coroutine<void> {
//       t = tg.create_task(work(), "w");  // std::optional<aio::Task<T>> t, declared before
//       co_await aio::sleep(1);
//     });
//
//     except* ValueError as eg:       catch (const aio::ExceptionGroup& group) {
//                                       auto [match, rest] = group.split<aio::ValueError>();
//
// aenter() and aexit(exception) are __aenter__ and __aexit__, which aio::async_with
// (async_with.hpp) calls. A TaskGroup is a reference to shared state: copies are the same
// group, and its children's done callbacks keep it alive while they run. Python's TaskGroup keeps its tasks in a set
// and cancels them in set order; here it is creation order (oracle README: unspecified). coroscope has no SystemExit or
// KeyboardInterrupt, so taskgroups.py's _base_error branches, which only those take, have nothing to do here.
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "coroscope/coroutine.hpp"
#include "coroscope/exception_group.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

namespace detail {

// TaskGroup's fields and the methods its children's callbacks call.
class TaskGroupState final : public RefCounted {
 public:
  // The RuntimeErrors of TaskGroup.create_task: not entered, finished, shutting down.
  void check_can_create_task() const;
  // The rest of create_task: task.add_done_callback(self._on_task_done); self._tasks.add(task).
  void adopt(TaskBase& task);
  // TaskGroup._abort: cancel every child that is not done.
  void abort();
  // TaskGroup._on_task_done.
  static void on_task_done(RefCounted& self, FutureBase& task);
  // TaskGroup.__repr__: "<TaskGroup tasks=2 errors=1 cancelling>".
  std::string repr() const;

  bool entered = false;
  bool exiting = false;
  bool aborting = false;
  bool parent_cancel_requested = false;
  EventLoop* loop = nullptr;
  std::optional<AnyTask> parent_task;
  std::vector<Ref<TaskBase>> tasks;  // TaskGroup._tasks, in creation order
  std::vector<std::exception_ptr> errors;
  std::optional<Future<void>> on_completed_fut;
};

}  // namespace detail

class TaskGroup {
 public:
  // asyncio.TaskGroup(): a group not entered yet.
  TaskGroup();

  // TaskGroup.create_task(coro, name=): a task of the group's loop (it takes a Task-N number,
  // then is renamed if a name is given). RuntimeError before the group is entered, once it
  // has finished, and while it is shutting down after a failure.
  template <class T>
  Task<T> create_task(Coroutine<T> coro, std::string name = {}) const {
    state_->check_can_create_task();
    Task<T> task = state_->loop->create_task(std::move(coro));
    if (!name.empty()) task.set_name(std::move(name));
    state_->adopt(task.task_state());
    return task;
  }

  // TaskGroup.__aenter__: remembers the loop and the parent task; returns the group.
  Coroutine<TaskGroup> aenter() const { return aenter(state_); }
  // TaskGroup.__aexit__(exc): waits for every child; raises the ExceptionGroup of their
  // errors, or the CancelledError that must propagate. Returns false: it never suppresses.
  Coroutine<bool> aexit(std::exception_ptr exception) const { return aexit(state_, std::move(exception)); }

 private:
  explicit TaskGroup(detail::Ref<detail::TaskGroupState> state) noexcept : state_(std::move(state)) {}
  static Coroutine<TaskGroup> aenter(detail::Ref<detail::TaskGroupState> self);
  static Coroutine<bool> aexit(detail::Ref<detail::TaskGroupState> self, std::exception_ptr exception);

  detail::Ref<detail::TaskGroupState> state_;
};

}  // namespace coroscope
