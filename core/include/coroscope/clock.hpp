#pragma once
// The loop's sense of time. asyncio reads time.monotonic() and waits in its selector;
// coroscope asks a Clock, so lessons and tests can run on VirtualClock, where waiting for
// the next timer is instant and deterministic. Order never depends on which clock runs.
#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

namespace coroscope {

class Clock {
 public:
  virtual ~Clock() = default;
  // loop.time(): seconds on a monotonic scale with an arbitrary origin.
  virtual double time() const = 0;
  // The selector's wait when no file descriptor is registered: pass `timeout` seconds (> 0).
  virtual void wait(double timeout) = 0;
  // time.get_clock_info('monotonic').resolution: timers due within it count as due.
  virtual double resolution() const { return 1e-9; }
  virtual std::string_view name() const = 0;
};

// Real time, from std::chrono::steady_clock; waiting sleeps the thread.
class MonotonicClock final : public Clock {
 public:
  double time() const override;
  void wait(double timeout) override;
  std::string_view name() const override { return "real"; }
};

// Time that stands still while callbacks run and jumps straight to the next deadline when
// the loop would wait: a lesson with sleep(3) runs instantly, in the same order.
class VirtualClock final : public Clock {
 public:
  double time() const override { return now_; }
  void wait(double timeout) override {
    if (waits_left_) [[unlikely]]
      count_wait();
    now_ += timeout;
  }
  std::string_view name() const override { return "virtual"; }

  // Allows `count` more waits (nullopt: any number); the next one throws WaitLimitReached.
  // Where a real loop would sit idle for as long as a program keeps sleeping, this clock
  // jumps at full speed: the limit turns "forever" into an error that can be reported
  // (asyncio.run's shutdown uses it).
  void limit_waits(std::optional<std::size_t> count) noexcept { waits_left_ = count; }

 private:
  void count_wait();
  double now_ = 0.0;
  std::optional<std::size_t> waits_left_;
};

class WaitLimitReached : public std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class ClockKind { real, virtual_time };

std::unique_ptr<Clock> make_clock(ClockKind kind);
// The clock `run` uses when none is given: COROSCOPE_CLOCK=virtual|real if set, else the
// kind set by set_default_clock_kind (lessons choose virtual), else real time. Any other
// COROSCOPE_CLOCK raises ValueError: a typo must not silently choose a clock.
ClockKind default_clock_kind();
void set_default_clock_kind(ClockKind kind);

}  // namespace coroscope
