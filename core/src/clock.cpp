#include "coroscope/clock.hpp"

#include <chrono>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <thread>

namespace coroscope {

double MonotonicClock::time() const {
  using namespace std::chrono;
  return duration<double>(steady_clock::now().time_since_epoch()).count();
}

void MonotonicClock::wait(double timeout) { std::this_thread::sleep_for(std::chrono::duration<double>(timeout)); }

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
  }
  return chosen_clock().value_or(ClockKind::real);
}

void set_default_clock_kind(ClockKind kind) { chosen_clock() = kind; }

}  // namespace coroscope
