#pragma once
// Outcome<T>: a child's result or the exception it raised — one slot of what
// gather(return_exceptions, ...) returns, where Python's list holds either kind of object.
#include <exception>
#include <utility>
#include <variant>

namespace coroscope {

template <class T>
class Outcome {
 public:
  Outcome(T value) : v_(std::move(value)) {}
  Outcome(std::exception_ptr exception) : v_(std::move(exception)) {}

  // isinstance(r, BaseException)
  bool is_exception() const noexcept { return v_.index() == 1; }
  const T& value() const { return std::get<0>(v_); }
  const std::exception_ptr& exception() const { return std::get<1>(v_); }

 private:
  std::variant<T, std::exception_ptr> v_;
};

}  // namespace coroscope
