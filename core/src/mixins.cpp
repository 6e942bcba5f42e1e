#include "coroscope/mixins.hpp"

namespace coroscope::detail {

EventLoop& LoopBoundMixin::get_loop() {
  EventLoop& loop = get_running_loop();
  if (!loop_) loop_ = Ref<EventLoop>(&loop);
  // CPython says f'{self!r} is bound to a different event loop'; a C++ object has no repr
  // with an address worth printing, so the message names the primitive's type.
  if (loop_.get() != &loop) throw RuntimeError(std::string(type_name_) + " is bound to a different event loop");
  return loop;
}

}  // namespace coroscope::detail
