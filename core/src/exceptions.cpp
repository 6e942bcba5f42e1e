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
    // C++ may throw anything (`throw 42;`): name the type thrown, as Python names the class.
    const std::type_info* thrown = abi::__cxa_current_exception_type();
    return thrown ? demangle(thrown->name()) : "unknown exception";
  }
}

std::string message_of(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (const char* text) {  // throw "message";
    return text;
  } catch (const std::string& text) {
    return text;
  } catch (int value) {  // throw 42;
    return std::to_string(value);
  } catch (...) {
    return {};
  }
}

std::string format_exception_only(const std::exception_ptr& e) {
  std::string message = message_of(e);
  return message.empty() ? type_name(e) : type_name(e) + ": " + message;
}

namespace detail {
bool is_cancelled_error(const std::exception_ptr& e) noexcept { return is_instance<CancelledError>(e); }

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
