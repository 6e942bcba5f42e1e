#include "coroscope/exception_group.hpp"

namespace coroscope {

namespace {
// BaseExceptionGroup.__str__: "message (1 sub-exception)", "message (3 sub-exceptions)".
std::string summary(const std::string& message, std::size_t count) {
  return message + " (" + std::to_string(count) + (count == 1 ? " sub-exception)" : " sub-exceptions)");
}
}  // namespace

namespace detail {
bool is_exception(const std::exception_ptr& e) noexcept {
  try {
    std::rethrow_exception(e);
  } catch (const Exception&) {
    return true;
  } catch (const BaseException&) {
    return false;
  } catch (...) {
    return true;
  }
}
}  // namespace detail

const ExceptionGroupMembers* exception_group_of(const std::exception_ptr& e) noexcept {
  if (!e) return nullptr;
  try {
    std::rethrow_exception(e);
  } catch (const ExceptionGroupMembers& group) {
    return &group;  // the exception object lives as long as `e` does
  } catch (...) {
    return nullptr;
  }
}

BaseExceptionGroup::BaseExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : BaseException(summary(message, exceptions.size())),
      ExceptionGroupMembers(std::move(message), std::move(exceptions)) {}

ExceptionGroup::ExceptionGroup(std::string message, std::vector<std::exception_ptr> exceptions)
    : Exception(summary(message, exceptions.size())),
      ExceptionGroupMembers(std::move(message), std::move(exceptions)) {}

std::exception_ptr make_exception_group(std::string message, std::vector<std::exception_ptr> exceptions) {
  if (exceptions.empty()) throw ValueError("second argument (exceptions) must be a non-empty sequence");
  for (const std::exception_ptr& e : exceptions)
    if (!detail::is_exception(e))
      return std::make_exception_ptr(BaseExceptionGroup(std::move(message), std::move(exceptions)));
  return std::make_exception_ptr(ExceptionGroup(std::move(message), std::move(exceptions)));
}

}  // namespace coroscope
