#include "coroscope/wait_for.hpp"

namespace coroscope::detail {

namespace {
// The trace's name of the done callback below, as it is added and removed.
constexpr CallSite release_waiter_name = runtime_callback("_release_waiter");

// functools.partial(_release_waiter, waiter) as a done callback: the waiter is its context,
// which is also what identifies it for remove_done_callback.
void release_waiter_callback(RefCounted& waiter, FutureBase&) {
  release_waiter(Future<void>(Ref<FutureBase>(&static_cast<FutureBase&>(waiter)), AdoptState{}));
}
}  // namespace

void release_waiter(const Future<void>& waiter) {
  if (!waiter.done()) waiter.set_result();
}

void add_release_waiter(FutureBase& fut, const Future<void>& waiter) {
  fut.add_done_callback(&release_waiter_callback, Ref<RefCounted>(waiter.state()), release_waiter_name,
                        waiter.state()->id());
}

void remove_release_waiter(FutureBase& fut, const Future<void>& waiter) {
  fut.remove_done_callback(&release_waiter_callback, waiter.state(), release_waiter_name, waiter.state()->id());
}

Coroutine<void> cancel_and_wait(AnyFuture fut, EventLoop& loop) {
  Future<void> waiter(loop, FutureKind::wait_for);
  add_release_waiter(*fut.state(), waiter);
  Finally remove_cb([&fut, &waiter] { remove_release_waiter(*fut.state(), waiter); });
  fut.cancel();
  co_await waiter;
}

}  // namespace coroscope::detail
