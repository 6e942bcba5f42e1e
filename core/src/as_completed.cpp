#include "coroscope/as_completed.hpp"

#include <algorithm>

namespace coroscope::detail {

namespace {
// The trace's name of _on_completion, as it is added and removed.
constexpr CallSite on_completion_name = runtime_callback("_on_completion");
}  // namespace

AsCompletedState::AsCompletedState(std::vector<Ref<FutureBase>> todo, std::optional<double> timeout, EventLoop& loop)
    : todo_(std::move(todo)), count_(todo_.size()) {
  for (const auto& f : todo_) f->add_done_callback(&on_completion, Ref<RefCounted>(this), on_completion_name);
  if (!todo_.empty() && timeout)
    timeout_handle_ = loop.call_later(
        *timeout, [self = Ref<AsCompletedState>(this)] { self->on_timeout(); }, {}, runtime_callback("_on_timeout"));
}

// _on_timeout: every future still to come is a dummy None, which _wait_for_one turns into
// TimeoutError.
void AsCompletedState::on_timeout() {
  for (const auto& f : todo_) {
    f->remove_done_callback(&on_completion, this, on_completion_name);
    done_.put_nowait(AnyFuture());  // Queue a dummy value for _wait_for_one().
  }
  todo_.clear();  // Can't do todo.remove(f) in the loop.
  timeout_handle_.reset();
}

void AsCompletedState::on_completion(RefCounted& context, FutureBase& f) {
  auto& self = static_cast<AsCompletedState&>(context);
  if (self.todo_.empty()) return;  // _on_timeout() was here first.
  std::erase(self.todo_, Ref<FutureBase>(&f));
  self.done_.put_nowait(AnyFuture(Ref<FutureBase>(&f)));
  if (self.todo_.empty() && self.timeout_handle_) {
    self.timeout_handle_->cancel();
    self.timeout_handle_.reset();
  }
}

Coroutine<AnyFuture> AsCompletedState::next_done(Ref<AsCompletedState> self) {
  AnyFuture f = co_await self->done_.get();
  if (!f) throw TimeoutError();  // Dummy value from _on_timeout().
  co_return f;
}

}  // namespace coroscope::detail
