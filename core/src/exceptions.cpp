#include "coroscope/exceptions.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace coroscope {

namespace {
std::string demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 ? std::string(name.get()) : std::string(mangled);
}
}  // namespace

std::string type_name(const std::exception& e) {
  std::string name = demangle(typeid(e).name());
  // Our own classes read as Python's: "coroscope::CancelledError" is "CancelledError".
  constexpr std::string_view ours = "coroscope::";
  if (name.starts_with(ours)) name.erase(0, ours.size());
  return name;
}

std::string type_name(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return type_name(ex);
  } catch (...) {
    return "unknown exception";
  }
}

std::string message_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return {};
  }
}

namespace detail {
bool is_cancelled_error(const std::exception_ptr& e) noexcept {
  if (!e) return false;
  try {
    std::rethrow_exception(e);
  } catch (const CancelledError&) {
    return true;
  } catch (...) {
    return false;
  }
}

bool is_exactly_cancelled_error(const std::exception_ptr& e) noexcept {
  if (!e) return false;
  try {
    std::rethrow_exception(e);
  } catch (const CancelledError& cancelled) {
    return typeid(cancelled) == typeid(CancelledError);
  } catch (...) {
    return false;
  }
}
}  // namespace detail

}  // namespace coroscope
