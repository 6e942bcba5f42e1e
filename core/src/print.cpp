#include "coroscope/print.hpp"

#include "coroscope/event_loop.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "coroscope/exceptions.hpp"

namespace coroscope {

namespace {

// Python's float repr laid over the shortest round-trip digits. `shortest` is what
// std::to_chars prints in scientific form without a precision: "1.5e-07", "-0e+00", "inf",
// "-nan". Like CPython's float_repr_style 'short' (PyOS_double_to_string with mode 'r').
std::string python_float_layout(std::string_view shortest) {
  // Python has one nan and never shows its sign bit.
  if (shortest.ends_with("nan")) return "nan";
  if (shortest.ends_with("inf")) return std::string(shortest);

  std::string sign;
  if (shortest.starts_with('-')) {
    sign = "-";
    shortest.remove_prefix(1);
  }
  const std::size_t e = shortest.find('e');
  std::string digits;
  for (char c : shortest.substr(0, e)) {
    if (c != '.') digits += c;
  }
  std::string_view exponent_text = shortest.substr(e + 1);
  if (exponent_text.starts_with('+')) exponent_text.remove_prefix(1);  // from_chars refuses '+'
  int exponent = 0;
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);

  // Fixed notation while the exponent is in [-4, 16): 0.0001 and 1000000000000000.0 are fixed,
  // 1e-05 and 1e+16 are not.
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return sign + "0." + std::string(-exponent - 1, '0') + digits;
    const auto whole_digits = static_cast<std::size_t>(exponent) + 1;
    // A whole number keeps a ".0" so that it still reads as a float: 2.0, not 2.
    if (digits.size() <= whole_digits) {
      return sign + digits + std::string(whole_digits - digits.size(), '0') + ".0";
    }
    return sign + digits.substr(0, whole_digits) + "." + digits.substr(whole_digits);
  }
  // Scientific notation has no ".0" but an exponent with its sign and at least two digits:
  // 1e+16, 1.5e-07, 5e-324.
  std::string mantissa = digits.substr(0, 1);
  if (digits.size() > 1) mantissa += "." + digits.substr(1);
  const int magnitude = std::abs(exponent);
  return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + std::to_string(magnitude);
}

template <class F>
std::string shortest_scientific(F x) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), x, std::chars_format::scientific);
  return std::string(buffer.data(), result.ptr);
}

// BaseException.__repr__ with the single argument our exceptions carry: `ValueError('boom')`,
// and `CancelledError()` when there is no message.
std::string exception_repr(const std::string& type_name, const std::string& message) {
  return type_name + (message.empty() ? "()" : "(" + detail::repr_string(message) + ")");
}

struct Output {
  std::mutex mutex;
  OutputSink sink;
};

// A function-local static, so printing works even from other translation units' static
// initializers and destructors.
Output& output() {
  static Output instance;
  return instance;
}

}  // namespace

namespace detail {

std::string repr_string(std::string_view text) {
  // Like unicode_repr: single quotes, unless the text has a ' and no ", so that as few quotes as
  // possible need a backslash.
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';

  std::string out(1, quote);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      constexpr std::string_view hex = "0123456789abcdef";
      out += "\\x";
      out += hex[byte >> 4];
      out += hex[byte & 0xf];
    } else {
      // Bytes from 0x80 up are UTF-8 and pass through, as Python shows printable non-ASCII text
      // unescaped. (Python escapes the few non-printable code points above 0x7f, such as
      // U+00A0; telling them apart would need Unicode tables, which lessons do not need.)
      out += c;
    }
  }
  out += quote;
  return out;
}

std::string repr_float(double x) { return python_float_layout(shortest_scientific(x)); }

std::string repr_float(float x) { return python_float_layout(shortest_scientific(x)); }

std::string repr_exception(const std::exception& e) { return exception_repr(type_name(e), e.what()); }

std::string repr_exception(const std::exception_ptr& e) {
  // A null exception_ptr is "no exception", which Python spells None (`fut.exception()`).
  if (!e) return "None";
  return exception_repr(type_name(e), message_of(e));
}

std::string str_exception(const std::exception_ptr& e) { return e ? message_of(e) : "None"; }

std::string join(std::string_view sep, const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += sep;
    out += items[i];
  }
  return out;
}

void write_output(std::string_view line) {
  if (EventLoop* loop = running_loop()) {
    loop->trace([&] {
      TraceEvent event;
      event.kind = TraceKind::output;
      event.task = running_task_id();
      event.a = loop->intern(line);
      return event;
    });
  }
  const std::lock_guard lock(output().mutex);
  if (output().sink) {
    output().sink(line);
    return;
  }
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
  // Flushed per line: a C++ lesson that ends in an uncaught exception aborts through
  // std::terminate, which does not flush stdio, where Python would still flush at exit; without
  // this, a piped run would lose exactly the lines that explain the failure.
  std::fflush(stdout);
}

}  // namespace detail

void set_output_sink(OutputSink sink) {
  const std::lock_guard lock(output().mutex);
  output().sink = std::move(sink);
}

}  // namespace coroscope
