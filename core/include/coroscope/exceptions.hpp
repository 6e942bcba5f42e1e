#pragma once
// asyncio's exceptions, and the Python builtins a lesson needs, as C++ classes.
//
// The hierarchy mirrors Python's: CancelledError derives from BaseException but not from
// Exception, so `catch (const aio::Exception&)` does not swallow a cancellation, exactly as
// `except Exception:` does not in Python 3.8+.
#include <exception>
#include <stdexcept>
#include <string>

namespace coroscope {

class BaseException : public std::exception {
 public:
  explicit BaseException(std::string message = {}) : message_(std::move(message)) {}
  const char* what() const noexcept override { return message_.c_str(); }
  const std::string& message() const noexcept { return message_; }

 private:
  std::string message_;
};

class Exception : public BaseException {
  using BaseException::BaseException;
};

// asyncio.CancelledError: thrown into a task at its `co_await` when it is cancelled.
class CancelledError : public BaseException {
  using BaseException::BaseException;
};

// GeneratorExit: what aclose() raises at an async generator's co_yield so that its cleanup
// runs. A BaseException, so that `catch (const aio::Exception&)` in the generator does not
// swallow it.
class GeneratorExit : public BaseException {
  using BaseException::BaseException;
};

// asyncio.InvalidStateError: a Future used in a state that does not allow the call.
class InvalidStateError : public Exception {
  using Exception::Exception;
};

class RuntimeError : public Exception {
  using Exception::Exception;
};
class ValueError : public Exception {
  using Exception::Exception;
};
class TypeError : public Exception {
  using Exception::Exception;
};
// The builtin TimeoutError, which asyncio.TimeoutError aliases since 3.11.
class TimeoutError : public Exception {
  using Exception::Exception;
};

// `type(e).__name__`: the exception's class name without namespaces ("ValueError"); any C++
// exception works (a std::runtime_error is named "std::runtime_error").
std::string type_name(const std::exception& e);
std::string type_name(const std::exception_ptr& e);
// `str(e)`: the exception's message. Of an exception that is not a std::exception, the value
// when it is a string or an int (`throw 42;`), else "".
std::string message_of(const std::exception_ptr& e);
// traceback.format_exception_only: "ValueError: bad input", or just "ValueError" when the
// message is empty. Any C++ exception works: `throw 42;` is "int: 42".
std::string format_exception_only(const std::exception_ptr& e);

// isinstance(e, E) for the exception `e` holds (false when it holds none).
template <class E>
bool is_instance(const std::exception_ptr& e) noexcept {
  if (!e) return false;
  try {
    std::rethrow_exception(e);
  } catch (const E&) {
    return true;
  } catch (...) {
    return false;
  }
}

namespace detail {
bool is_cancelled_error(const std::exception_ptr& e) noexcept;
// `type(e) is CancelledError`, the exact test of Timeout.__aexit__ and TaskGroup.__aexit__
// (`exc_type is exceptions.CancelledError`): a subclass does not count.
bool is_exactly_cancelled_error(const std::exception_ptr& e) noexcept;
}  // namespace detail

}  // namespace coroscope
