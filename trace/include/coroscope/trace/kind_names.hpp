#pragma once
// The words for the trace's enums, and back: every view names kinds the same way, and the
// JSON Lines reader turns the words back into values.
#include <coroscope/future.hpp>
#include <coroscope/handle.hpp>
#include <coroscope/trace.hpp>
#include <cstdint>
#include <optional>
#include <string_view>

namespace coroscope::trace {

// "callback", "task_step", "task_wakeup", "done_callback".
const char* to_string(HandleKind kind) noexcept;

// The value of Enum whose to_string is `word`, if any. Enum has a one-byte underlying type, so
// trying each of the 256 values finds every enumerator, including ones added later.
template <class Enum>
std::optional<Enum> from_string(std::string_view word) {
  for (unsigned value = 0; value <= 0xff; ++value) {
    const auto candidate = static_cast<Enum>(value);
    if (word == to_string(candidate)) return candidate;
  }
  return std::nullopt;
}

}  // namespace coroscope::trace
