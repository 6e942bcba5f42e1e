#include "coroscope/context_manager_mixin.hpp"

#include "coroscope/event_loop.hpp"

namespace coroscope::detail {

void report_release_error(std::exception_ptr error) noexcept {
  try {
    ExceptionContext context{"Exception ignored when leaving `async with`: release() raised", std::move(error), {}};
    if (EventLoop* loop = running_loop()) {
      loop->call_exception_handler(context);
    } else {
      EventLoop::default_exception_handler(context);
    }
  } catch (...) {
    // Nothing is left to report with: out of memory while building the message.
  }
}

}  // namespace coroscope::detail
