#include "coroscope/clock.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "coroscope/exceptions.hpp"

namespace coroscope {

double MonotonicClock::time() const {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// One nanosleep, not std::this_thread::sleep_for, which sleeps again when a signal cuts it
// short: like select(), the wait ends early on a signal, so the loop can raise
// KeyboardInterrupt (interrupt.hpp).
void MonotonicClock::wait(double timeout) {
  const double whole = std::floor(timeout);
  const timespec duration{static_cast<std::time_t>(whole), static_cast<long>((timeout - whole) * 1e9)};
  ::nanosleep(&duration, nullptr);
}

void VirtualClock::count_wait() {
  if (*waits_left_ == 0) throw WaitLimitReached("the virtual clock's limit of waits is reached");
  --*waits_left_;
}

std::unique_ptr<Clock> make_clock(ClockKind kind) {
  if (kind == ClockKind::virtual_time) return std::make_unique<VirtualClock>();
  return std::make_unique<MonotonicClock>();
}

namespace {
std::optional<ClockKind>& chosen_clock() {
  static std::optional<ClockKind> kind;
  return kind;
}
}  // namespace

ClockKind default_clock_kind() {
  // The environment wins, so the same lesson binary can be checked on both clocks.
  if (const char* env = std::getenv("COROSCOPE_CLOCK")) {
    if (std::string_view(env) == "virtual") return ClockKind::virtual_time;
    if (std::string_view(env) == "real") return ClockKind::real;
    throw ValueError("COROSCOPE_CLOCK must be 'virtual' or 'real', not '" + std::string(env) + "'");
  }
  return chosen_clock().value_or(ClockKind::real);
}

void set_default_clock_kind(ClockKind kind) { chosen_clock() = kind; }

}  // namespace coroscope
