#pragma once
// Ctrl-C. Python turns SIGINT into KeyboardInterrupt, raised in the main thread where the
// interpreter next checks for signals: between bytecodes, and when a blocking call such as
// the selector's wait returns with EINTR (PEP 475). coroscope's loop checks where it waits
// (each wait for a timer, and the endless wait of a real clock with nothing scheduled): a
// signal handler calls interrupt_main(), which only sets a flag, and the loop's wait raises
// KeyboardInterrupt; asyncio.run's shutdown then cancels the tasks still pending and runs
// their cleanup, as it does when KeyboardInterrupt reaches it. A program that never waits (a
// loop of sleep(0)) checks nowhere: a signal handler can see that the interrupt is still
// pending and stop the process the hard way.
#include "coroscope/exceptions.hpp"

namespace coroscope {

// Python's KeyboardInterrupt: a BaseException, so `catch (const aio::Exception&)` lets it pass.
class KeyboardInterrupt : public BaseException {
  using BaseException::BaseException;
};

// _thread.interrupt_main(): KeyboardInterrupt at the loop's next wait. Async-signal-safe: all
// it does is set a flag of type volatile sig_atomic_t.
void interrupt_main() noexcept;
// Whether an interrupt is pending, not yet raised by a wait (async-signal-safe).
bool interrupt_pending() noexcept;

namespace detail {
// PyErr_CheckSignals: takes the pending interrupt, if any (true), for the loop to raise.
bool take_interrupt() noexcept;
}  // namespace detail

}  // namespace coroscope
