// Twin of shared/oracle/16_task_exception_caught.py.
// An exception escaping a task's coroutine finishes the task with that exception;
// `await task` re-raises the same exception object in the awaiter, every time.
// Exceptions from an inline-awaited coroutine propagate like normal calls.
#include <coroscope/asyncio.hpp>
#include <exception>
namespace aio = coroscope;

class AppError : public aio::Exception {
  using aio::Exception::Exception;
};

aio::Coroutine<void> inner() {
  co_await aio::sleep(0);
  throw AppError("missing");
}

aio::Coroutine<void> failing() {
  aio::print("failing: start");
  co_await inner();
  aio::print("failing: never reached");
}

aio::Coroutine<void> main_() {
  auto t = aio::create_task(failing());
  // `e is first` compares exception objects: two exception_ptr are equal when they point to
  // the same one.
  std::exception_ptr first;
  try {
    co_await t;
  } catch (const AppError& e) {
    aio::print("main: caught", aio::type_name(e), aio::str(e));
    first = std::current_exception();
  }
  aio::print("task done =", t.done(), "cancelled =", t.cancelled());
  aio::print("t.exception() is the caught object:", t.exception() == first);
  try {
    co_await t;
  } catch (const AppError&) {
    aio::print("main: awaiting again re-raises the same object:", std::current_exception() == first);
  }
  try {
    t.result();
  } catch (const AppError& e) {
    aio::print("main: t.result() raises", aio::type_name(e));
  }
  try {
    co_await inner();
  } catch (const AppError& e) {
    aio::print("main: inline await raised", aio::type_name(e), aio::str(e));
  }
}

int main() { aio::run(main_()); }
