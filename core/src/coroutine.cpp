#include "coroscope/coroutine.hpp"

#include <string>
#include <unordered_map>

#include "coroscope/event_loop.hpp"

namespace coroscope::detail {

namespace {
std::size_t never_awaited = 0;
}

void* PromiseBase::operator new(std::size_t size) { return Pool::local().allocate(size); }
void PromiseBase::operator delete(void* frame, std::size_t size) noexcept { Pool::local().deallocate(frame, size); }

namespace {
// Where each coroutine object made while tracking was on came from, until it is awaited or
// reported; a task takes over its coroutine's origin, to report it if destroyed pending.
std::unordered_map<const void*, std::string>& origins() {
  static std::unordered_map<const void*, std::string> table;
  return table;
}
}  // namespace

void set_coroutine_origin_tracking(bool enabled) noexcept { coroutine_origin_tracking = enabled; }

void note_origin(const void* key) noexcept {
  try {
    std::string where = running_frame_description();
    keep_origin(key, where.empty() ? "outside any task" : "in " + where);
  } catch (...) {
    // Out of memory while debugging: the warning will just not say where.
  }
}

void keep_origin(const void* key, std::string origin) {
  origins()[key] = std::move(origin);
  coroutine_origins_kept = true;
}

std::string take_origin(const void* key) noexcept {
  auto it = origins().find(key);
  if (it == origins().end()) return {};
  std::string origin = std::move(it->second);
  origins().erase(it);
  coroutine_origins_kept = !origins().empty();
  return origin;
}

// Python warns "RuntimeWarning: coroutine 'name' was never awaited" when such a coroutine
// object is collected, and in debug mode adds where it was created. coroscope warns in debug
// mode (DESIGN.md rule 12), on stderr as Python's warnings module does, and in the trace.
void report_never_awaited(const PromiseBase& coro) {
  ++never_awaited;
  EventLoop* loop = running_loop();
  if (!loop || !loop->get_debug()) return;
  std::string text = std::string("coroutine '") + coro.function_name() + "' was never awaited";
  if (std::string origin = take_origin(&coro); !origin.empty()) text += "\nCoroutine created " + origin;
  loop->warn(Diagnostic::never_awaited, "RuntimeWarning: " + text);
}

std::size_t never_awaited_count() noexcept { return never_awaited; }

}  // namespace coroscope::detail
