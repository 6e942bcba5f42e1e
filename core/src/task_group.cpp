#include "coroscope/task_group.hpp"

#include <algorithm>

namespace coroscope {

namespace detail {

std::string TaskGroupState::repr() const {
  std::string info;
  if (!tasks.empty()) info += " tasks=" + std::to_string(tasks.size());
  if (!errors.empty()) info += " errors=" + std::to_string(errors.size());
  if (aborting) {
    info += " cancelling";
  } else if (entered) {
    info += " entered";
  }
  return "<TaskGroup" + info + ">";
}

void TaskGroupState::check_can_create_task() const {
  if (!entered) throw RuntimeError("TaskGroup " + repr() + " has not been entered");
  if (exiting && tasks.empty()) throw RuntimeError("TaskGroup " + repr() + " is finished");
  if (aborting) throw RuntimeError("TaskGroup " + repr() + " is shutting down");
}

void TaskGroupState::adopt(TaskBase& task) {
  task.add_done_callback(&on_task_done, Ref<RefCounted>(this), runtime_callback("TaskGroup._on_task_done"));
  tasks.emplace_back(&task);
}

void TaskGroupState::abort() {
  aborting = true;
  for (const auto& t : tasks)
    if (!t->done()) t->cancel();
}

void TaskGroupState::on_task_done(RefCounted& context, FutureBase& done) {
  auto& self = static_cast<TaskGroupState&>(context);
  auto& task = static_cast<TaskBase&>(done);
  std::erase(self.tasks, Ref<TaskBase>(&task));

  if (self.on_completed_fut && self.tasks.empty() && !self.on_completed_fut->done())
    self.on_completed_fut->set_result();

  if (task.cancelled()) return;
  std::exception_ptr exc = task.exception();
  if (!exc) return;
  self.errors.push_back(exc);

  if (self.parent_task->done()) {
    // Not sure if this case is possible, but we want to handle it anyways.
    self.loop->call_exception_handler({"Task " + task.describe() + " has errored out but its parent task " +
                                           self.parent_task->task_state().describe() + " is already completed",
                                       exc, task.describe()});
    return;
  }

  if (!self.aborting && !self.parent_cancel_requested) {
    // The parent task is not being cancelled: cancel it ourselves, to interrupt whatever
    // the block is awaiting, and mark it "not cancelled" again in __aexit__ (uncancel).
    self.abort();
    self.parent_cancel_requested = true;
    self.parent_task->cancel();
  }
}

}  // namespace detail

TaskGroup::TaskGroup() : state_(new detail::TaskGroupState) {}

Coroutine<TaskGroup> TaskGroup::aenter(detail::Ref<detail::TaskGroupState> self) {
  if (self->entered) throw RuntimeError("TaskGroup " + self->repr() + " has been already entered");
  self->entered = true;
  if (!self->loop) self->loop = &get_running_loop();
  self->parent_task = current_task();  // RuntimeError outside a task
  co_return TaskGroup(std::move(self));
}

Coroutine<bool> TaskGroup::aexit(detail::Ref<detail::TaskGroupState> self, std::exception_ptr exception) {
  self->exiting = true;

  std::exception_ptr propagate_cancellation_error = detail::is_exactly_cancelled_error(exception) ? exception : nullptr;
  if (self->parent_cancel_requested) {
    // If this flag is set we *must* call uncancel(). If there are no pending cancellations
    // left, don't propagate CancelledError.
    if (self->parent_task->uncancel() == 0) propagate_cancellation_error = nullptr;
  }

  // The parent task is being cancelled, or the block raised: cancel the children.
  if (exception && !self->aborting) self->abort();

  // A loop, because on_completed_fut can be cancelled several times if the parent task is
  // cancelled repeatedly (or even once, when our own cancellation is already in progress).
  while (!self->tasks.empty()) {
    if (!self->on_completed_fut) self->on_completed_fut.emplace(*self->loop, FutureKind::task_group);
    try {
      co_await *self->on_completed_fut;
    } catch (const CancelledError&) {
      if (!self->aborting) {
        // The parent task is being cancelled while children still run.
        propagate_cancellation_error = std::current_exception();
        self->abort();
      }
    }
    self->on_completed_fut.reset();
  }

  // Propagate CancelledError if there is one, except if there are other errors: those
  // have priority.
  if (propagate_cancellation_error && self->errors.empty()) std::rethrow_exception(propagate_cancellation_error);

  if (exception && !detail::is_exactly_cancelled_error(exception)) self->errors.push_back(exception);

  if (!self->errors.empty()) {
    std::vector<std::exception_ptr> errors = std::move(self->errors);
    self->errors.clear();
    std::rethrow_exception(make_exception_group("unhandled errors in a TaskGroup", std::move(errors)));
  }
  co_return false;
}

}  // namespace coroscope
