#pragma once
// The list asyncio.gather returns, when its results have different types: gather(number(),
// text()) is [1, 'a'] in Python, a list whatever its items. In C++ the items keep their own
// types, so it is a std::tuple (std::get, structured bindings, comparison), and prints as the
// list it stands for: print(co_await gather(...)) writes [1, 'a'], not (1, 'a').
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "coroscope/print.hpp"

namespace coroscope {

template <class... Items>
struct MixedList : std::tuple<Items...> {
  using std::tuple<Items...>::tuple;
};

// list.__repr__: each item's repr.
template <class... Items>
std::string to_python_repr(const MixedList<Items...>& list) {
  const auto items = std::apply([](const auto&... item) { return std::vector<std::string>{repr(item)...}; },
                                static_cast<const std::tuple<Items...>&>(list));
  return "[" + detail::join(", ", items) + "]";
}

}  // namespace coroscope

// What structured bindings ask of a tuple-like type: `auto [n, text] = co_await gather(...)`.
template <class... Items>
struct std::tuple_size<coroscope::MixedList<Items...>> : std::integral_constant<std::size_t, sizeof...(Items)> {};
template <std::size_t I, class... Items>
struct std::tuple_element<I, coroscope::MixedList<Items...>> : std::tuple_element<I, std::tuple<Items...>> {};
