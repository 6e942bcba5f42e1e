#include "coroscope/coroutine.hpp"

#include "coroscope/event_loop.hpp"

namespace coroscope::detail {

namespace {
std::size_t never_awaited = 0;
}

void* PromiseBase::operator new(std::size_t size) { return Pool::local().allocate(size); }
void PromiseBase::operator delete(void* frame, std::size_t size) noexcept { Pool::local().deallocate(frame, size); }

// Python warns "RuntimeWarning: coroutine 'name' was never awaited" when such a coroutine
// object is collected; coroscope reports it through the loop's exception handler in debug
// mode (DESIGN.md rule 12).
void report_never_awaited(const char* function_name) {
  ++never_awaited;
  EventLoop* loop = running_loop();
  if (loop && loop->get_debug())
    loop->call_exception_handler({std::string("coroutine '") + function_name + "' was never awaited", nullptr, {}});
}

std::size_t never_awaited_count() noexcept { return never_awaited; }

}  // namespace coroscope::detail
