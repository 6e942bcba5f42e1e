#include "coroscope/interrupt.hpp"

#include <csignal>

namespace coroscope {

namespace {
// The one kind of object a signal handler may write (C11 7.14.1.1).
volatile std::sig_atomic_t interrupt_flag = 0;
}  // namespace

void interrupt_main() noexcept { interrupt_flag = 1; }

bool interrupt_pending() noexcept { return interrupt_flag != 0; }

bool detail::take_interrupt() noexcept {
  if (interrupt_flag == 0) return false;
  interrupt_flag = 0;
  return true;
}

}  // namespace coroscope
