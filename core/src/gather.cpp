#include "coroscope/gather.hpp"

namespace coroscope::detail {

std::exception_ptr gathered_exception(FutureBase& child) {
  // A cancelled child is reported as a fresh CancelledError with its message, so
  // _make_cancelled_error() is still called at most once per child.
  if (child.cancelled()) return std::make_exception_ptr(CancelledError(child.cancel_message()));
  return child.exception();
}

GatheringBase::GatheringBase(EventLoop& loop, std::vector<Ref<FutureBase>> children, bool return_exceptions)
    : FutureBase(loop, FutureKind::gather), children_(std::move(children)), return_exceptions_(return_exceptions) {
  // One callback per distinct child (CPython's arg_to_fut dict): a mark on each child finds the
  // repeats in one pass. The marks are all cleared before anything can throw.
  std::vector<bool> distinct(children_.size());
  for (std::size_t i = 0; i < children_.size(); ++i) {
    distinct[i] = !children_[i]->marked_by_gather_;
    children_[i]->marked_by_gather_ = true;
  }
  for (const auto& child : children_) child->marked_by_gather_ = false;
  for (std::size_t i = 0; i < children_.size(); ++i) {
    if (!distinct[i]) continue;
    ++nfuts_;
    children_[i]->add_done_callback(&GatheringBase::child_done, Ref<RefCounted>(this),
                                    runtime_callback("_done_callback"), id());
  }
}

bool GatheringBase::cancel(std::string msg) {
  if (done()) return false;
  bool cancelled_any = false;
  for (auto& child : children_)
    if (child->cancel(msg)) cancelled_any = true;
  // A cancellation that reached a child must surface as CancelledError even with
  // return_exceptions (bpo-32684).
  if (cancelled_any) cancel_requested_ = true;
  return cancelled_any;
}

// gather's _done_callback: runs (via call_soon) each time a child finishes.
void GatheringBase::child_done(RefCounted& outer, FutureBase& child) {
  auto& self = static_cast<GatheringBase&>(outer);
  ++self.nfinished_;
  if (self.done()) {
    if (!child.cancelled()) child.exception();  // mark the exception as retrieved
    return;
  }
  if (!self.return_exceptions_) {
    // The first failure reaches the awaiter at once; the other children keep running.
    if (child.cancelled()) {
      self.set_exception(child.make_cancelled_error());
      return;
    }
    if (auto exception = child.exception()) {
      self.set_exception(exception);
      return;
    }
  }
  if (self.nfinished_ == self.nfuts_) {
    if (self.cancel_requested_) {
      // CPython raises the last child's _make_cancelled_error() (its loop variable `fut`).
      for (auto& each : self.children_) gathered_exception(*each);
      self.set_exception(self.children_.back()->make_cancelled_error());
    } else {
      self.set_results();
    }
  }
}

}  // namespace coroscope::detail
