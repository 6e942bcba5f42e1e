#pragma once
// Python's None, for results of coroutines and futures that return nothing: a gather of
// Coroutine<void> children gives a list of None, and `await sleep(1)` evaluates to None.
#include <type_traits>

namespace coroscope {

struct NoneType {
  friend constexpr bool operator==(NoneType, NoneType) noexcept { return true; }
};
inline constexpr NoneType None{};

// The value a T-returning awaitable produces: void becomes None.
template <class T>
using value_or_none_t = std::conditional_t<std::is_void_v<T>, NoneType, T>;

}  // namespace coroscope
