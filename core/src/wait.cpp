#include "coroscope/wait.hpp"

#include "coroscope/finally.hpp"
#include "coroscope/wait_for.hpp"

namespace coroscope::detail {

namespace {

// The trace's name of the done callback below, as it is added and removed.
constexpr CallSite on_completion_name = runtime_callback("_on_completion");

// The variables _wait's _on_completion closure shares with _wait.
class WaitState final : public RefCounted {
 public:
  WaitState(EventLoop& loop, std::size_t counter, ReturnWhen return_when)
      : waiter(loop, FutureKind::wait), counter(counter), return_when(return_when) {}

  // _on_completion(f): a done callback of every future in fs.
  static void on_completion(RefCounted& context, FutureBase& f) {
    auto& self = static_cast<WaitState&>(context);
    self.counter -= 1;
    if (self.counter <= 0 || self.return_when == FIRST_COMPLETED ||
        (self.return_when == FIRST_EXCEPTION && !f.cancelled() && f.exception() != nullptr)) {
      if (self.timeout_handle) self.timeout_handle->cancel();
      if (!self.waiter.done()) self.waiter.set_result();
    }
  }

  Future<void> waiter;
  std::optional<TimerHandle> timeout_handle;
  std::ptrdiff_t counter;
  ReturnWhen return_when;
};

}  // namespace

Coroutine<void> wait_until(std::vector<Ref<FutureBase>> fs, std::optional<double> timeout, ReturnWhen return_when,
                           EventLoop& loop) {
  Ref<WaitState> state(new WaitState(loop, fs.size(), return_when));
  if (timeout)
    state->timeout_handle = loop.call_later(
        *timeout, [waiter = state->waiter] { release_waiter(waiter); }, {}, runtime_callback("_release_waiter"));
  for (const auto& f : fs)
    f->add_done_callback(&WaitState::on_completion, state, on_completion_name, state->waiter.state()->id());
  Finally cleanup([&] {
    if (state->timeout_handle) state->timeout_handle->cancel();
    for (const auto& f : fs)
      f->remove_done_callback(&WaitState::on_completion, state.get(), on_completion_name, state->waiter.state()->id());
  });
  co_await state->waiter;
}

}  // namespace coroscope::detail
