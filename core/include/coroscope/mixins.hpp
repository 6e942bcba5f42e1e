#pragma once
// LoopBoundMixin: asyncio.mixins._LoopBoundMixin — what binds Event, Lock, Condition,
// Semaphore, Barrier and Queue to one event loop. A primitive made outside any loop binds to
// the loop that first needs it (to create a waiter's future); using it from another loop
// afterwards is a RuntimeError, because its waiters' futures would wake tasks of a loop that
// is not running.
#include "coroscope/detail/ref_counted.hpp"
#include "coroscope/event_loop.hpp"

namespace coroscope::detail {

class LoopBoundMixin {
 public:
  // `type_name` names the primitive in the error ("Lock is bound to a different event loop").
  explicit LoopBoundMixin(const char* type_name) noexcept : type_name_(type_name) {}

  // _LoopBoundMixin._get_loop: the running loop, which the primitive binds to on first use.
  EventLoop& get_loop();

 private:
  Ref<EventLoop> loop_;
  const char* type_name_;
};

}  // namespace coroscope::detail
