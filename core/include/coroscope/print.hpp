#pragma once
// Python's str(), repr() and print() for C++ values, so a lesson prints byte-for-byte what its
// Python twin prints: `print("got", [1, 2], None)` and `print("got", std::vector{1, 2}, None)`
// both write `got [1, 2] None`.
//
// What maps to what:
//   std::string, std::string_view, const char*, char   str
//   bool / integers / double, float                    bool / int / float
//   NoneType, std::optional<T>                         None, or the value itself
//   std::vector, std::array, std::deque                list
//   std::tuple, std::pair                              tuple
//   std::exception and subclasses, std::exception_ptr  an exception object (a null pointer is None)
//
// Customization point: give your own type a Python repr by declaring, in the type's namespace,
//     std::string to_python_repr(const Point& p);      // like defining Point.__repr__
// It is found by argument-dependent lookup, as Python finds __repr__ on type(x). str() of such a
// type is its repr, as object.__str__ falls back to __repr__, unless an ADL-found
//     std::string to_python_str(const Point& p);       // like defining Point.__str__
// exists too. Both take precedence over the built-in rules below.
#include <array>
#include <concepts>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "coroscope/none.hpp"

namespace coroscope {

namespace detail {

// The rules that need no template, defined in print.cpp.
std::string repr_string(std::string_view text);           // str.__repr__
std::string repr_float(double x);                         // float.__repr__
std::string repr_float(float x);                          // the float's own shortest digits
std::string repr_exception(const std::exception& e);      // BaseException.__repr__
std::string repr_exception(const std::exception_ptr& e);  // ... or None when null
std::string str_exception(const std::exception_ptr& e);   // BaseException.__str__, or None
// `sep.join(items)`.
std::string join(std::string_view sep, const std::vector<std::string>& items);

template <class T>
concept HasPythonRepr = requires(const T& x) {
  { to_python_repr(x) } -> std::convertible_to<std::string>;
};
template <class T>
concept HasPythonStr = requires(const T& x) {
  { to_python_str(x) } -> std::convertible_to<std::string>;
};

// Anything that views as text is a Python str; a string literal arrives here as char[N].
template <class T>
concept Text = std::convertible_to<const T&, std::string_view>;

// char is a one-character str, as C++ code uses it for letters; the other character types have
// no Python meaning and are left out rather than printed as numbers.
template <class T>
concept Integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> && !std::same_as<T, wchar_t> &&
                  !std::same_as<T, char8_t> && !std::same_as<T, char16_t> && !std::same_as<T, char32_t>;

template <class T>
concept Float = std::same_as<T, double> || std::same_as<T, float>;

template <class T>
concept Exception = std::derived_from<T, std::exception>;

// The containers that print as a Python list. std::set and std::map are not here on purpose: a
// Python set or dict prints with braces, and a sorted C++ set would not match its order anyway.
template <class T>
inline constexpr bool is_list = false;
template <class T, class A>
inline constexpr bool is_list<std::vector<T, A>> = true;
template <class T, std::size_t N>
inline constexpr bool is_list<std::array<T, N>> = true;
template <class T, class A>
inline constexpr bool is_list<std::deque<T, A>> = true;

template <class T>
inline constexpr bool is_tuple = false;
template <class... Ts>
inline constexpr bool is_tuple<std::tuple<Ts...>> = true;
template <class A, class B>
inline constexpr bool is_tuple<std::pair<A, B>> = true;

template <class T>
inline constexpr bool is_optional = false;
template <class T>
inline constexpr bool is_optional<std::optional<T>> = true;

template <class T>
inline constexpr bool always_false = false;

}  // namespace detail

// repr(x): the text Python's repr() gives for the value x stands for.
//
// One function template dispatching with `if constexpr`, not a set of overloads: the element
// of a list may be a tuple of optionals, and a single template finds every rule however deep
// the nesting, where overloads would only see the ones declared before them.
template <class T>
std::string repr(const T& x) {
  if constexpr (detail::HasPythonRepr<T>) {
    return to_python_repr(x);
  } else if constexpr (std::same_as<T, NoneType>) {
    return "None";
  } else if constexpr (std::same_as<T, bool>) {
    return x ? "True" : "False";
  } else if constexpr (std::same_as<T, char>) {
    return detail::repr_string(std::string_view(&x, 1));
  } else if constexpr (detail::Integer<T>) {
    return std::to_string(x);
  } else if constexpr (detail::Float<T>) {
    return detail::repr_float(x);
  } else if constexpr (detail::Text<T>) {
    return detail::repr_string(x);
  } else if constexpr (detail::Exception<T> || std::same_as<T, std::exception_ptr>) {
    return detail::repr_exception(x);
  } else if constexpr (detail::is_optional<T>) {
    // An optional is a value that may be None, as `Optional[int]` is in Python.
    return x ? repr(*x) : "None";
  } else if constexpr (detail::is_list<T>) {
    // list.__repr__ shows each element's repr: ['a', 'b'], not [a, b].
    std::vector<std::string> items;
    for (const auto& element : x) items.push_back(repr(element));
    return "[" + detail::join(", ", items) + "]";
  } else if constexpr (detail::is_tuple<T>) {
    const auto items = std::apply([](const auto&... element) { return std::vector<std::string>{repr(element)...}; }, x);
    // A one-element tuple keeps its comma, `(1,)`, so it does not read as a parenthesized 1.
    return "(" + detail::join(", ", items) + (items.size() == 1 ? ",)" : ")");
  } else {
    static_assert(detail::always_false<T>,
                  "coroscope::repr: this type has no Python repr. Declare "
                  "`std::string to_python_repr(const T&)` in the type's namespace.");
  }
}

// str(x): the text Python's str() gives. It differs from repr only for text (no quotes) and
// exceptions (the message alone); containers show their elements' repr, as in Python.
template <class T>
std::string str(const T& x) {
  if constexpr (detail::HasPythonStr<T>) {
    return to_python_str(x);
  } else if constexpr (detail::HasPythonRepr<T>) {
    return repr(x);
  } else if constexpr (std::same_as<T, char>) {
    return std::string(1, x);
  } else if constexpr (detail::Text<T>) {
    return std::string(std::string_view(x));
  } else if constexpr (detail::Exception<T>) {
    return x.what();
  } else if constexpr (std::same_as<T, std::exception_ptr>) {
    return detail::str_exception(x);
  } else if constexpr (detail::is_optional<T>) {
    return x ? str(*x) : "None";
  } else {
    return repr(x);
  }
}

// Where print() sends its lines when not to stdout; a line comes without its trailing newline.
using OutputSink = std::function<void(std::string_view line)>;

// Sends every later print() to `sink` instead of stdout, process-wide; an empty sink restores
// stdout. The visualizer captures a lesson's output this way. The sink is called with print's
// lock held, so lines from several threads arrive whole and in order, and a sink must not print.
void set_output_sink(OutputSink sink);

namespace detail {
// Writes one line (without its newline) to the sink, or to stdout followed by '\n'.
void write_output(std::string_view line);
}  // namespace detail

// print(*args): the str() of each argument, separated by one space, as one line.
template <class... Args>
void print(const Args&... args) {
  detail::write_output(detail::join(" ", {str(args)...}));
}

}  // namespace coroscope
