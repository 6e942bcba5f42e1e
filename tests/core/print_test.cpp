// Pins coroscope's str(), repr() and print() to what CPython 3.11 prints. The expected strings
// were produced by running python3 on the same values, and two cases re-run Python on the float
// and string tables whenever COROSCOPE_PYTHON names an interpreter (CTest sets it).
#include "coroscope/print.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <exception>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "coroscope/exceptions.hpp"
#include "coroscope/none.hpp"

using namespace std::string_literals;
using namespace std::string_view_literals;
using coroscope::None;
using coroscope::print;
using coroscope::repr;
using coroscope::str;

namespace {

struct FloatCase {
  double value;
  std::string_view python;  // the same value as a Python expression
  std::string_view expected;
};

// The C++ literal doubles as the Python expression, so both sides read the same number.
#define FLOAT_CASE(literal, expected) \
  FloatCase { literal, #literal, expected }

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

const std::vector<FloatCase> float_cases = {
    FLOAT_CASE(0.1, "0.1"),
    FLOAT_CASE(0.2, "0.2"),
    FLOAT_CASE(0.3, "0.3"),
    FLOAT_CASE(0.1 + 0.2, "0.30000000000000004"),
    FLOAT_CASE(1.0 / 3, "0.3333333333333333"),
    FLOAT_CASE(2.0 / 3, "0.6666666666666666"),
    FLOAT_CASE(0.5, "0.5"),
    FLOAT_CASE(1.5, "1.5"),
    FLOAT_CASE(-2.5, "-2.5"),
    FLOAT_CASE(2.0, "2.0"),
    FLOAT_CASE(100.0, "100.0"),
    FLOAT_CASE(3.14159, "3.14159"),
    FLOAT_CASE(4.35, "4.35"),
    FLOAT_CASE(12345.678, "12345.678"),
    FLOAT_CASE(1e15, "1000000000000000.0"),
    FLOAT_CASE(9999999999999998.0, "9999999999999998.0"),
    FLOAT_CASE(1234567890123456.7, "1234567890123456.8"),
    FLOAT_CASE(1e16, "1e+16"),
    FLOAT_CASE(-1e16, "-1e+16"),
    FLOAT_CASE(1e17, "1e+17"),
    FLOAT_CASE(123456789012345678.0, "1.2345678901234568e+17"),
    FLOAT_CASE(1e22, "1e+22"),
    FLOAT_CASE(1e23, "1e+23"),
    FLOAT_CASE(1e100, "1e+100"),
    FLOAT_CASE(1.7976931348623157e308, "1.7976931348623157e+308"),
    FLOAT_CASE(0.0001, "0.0001"),
    FLOAT_CASE(0.00012345, "0.00012345"),
    FLOAT_CASE(0.00001, "1e-05"),
    FLOAT_CASE(-0.00001, "-1e-05"),
    FLOAT_CASE(1.5e-7, "1.5e-07"),
    FLOAT_CASE(123e-20, "1.23e-18"),
    FLOAT_CASE(2.2250738585072014e-308, "2.2250738585072014e-308"),
    FLOAT_CASE(5e-324, "5e-324"),
    FLOAT_CASE(0.0, "0.0"),
    FLOAT_CASE(-0.0, "-0.0"),
    FloatCase{inf, R"(float("inf"))", "inf"},
    FloatCase{-inf, R"(-float("inf"))", "-inf"},
    FloatCase{nan, R"(float("nan"))", "nan"},
    FloatCase{-nan, R"(-float("nan"))", "nan"},
};

struct StringCase {
  std::string_view text;
  std::string_view expected;
};

const std::vector<StringCase> string_cases = {
    {"abc"sv, R"('abc')"},
    {""sv, R"('')"},
    {"it's"sv, R"("it's")"},
    {"say \"hi\""sv, R"('say "hi"')"},
    {"it's \"x\""sv, R"('it\'s "x"')"},
    {"'"sv, R"("'")"},
    {"\""sv, R"('"')"},
    {"\\'"sv, R"("\\'")"},
    {"back\\slash"sv, R"('back\\slash')"},
    {"tab\there"sv, R"('tab\there')"},
    {"line\nnext\r"sv, R"('line\nnext\r')"},
    {"\x00\x01\x1b\x7f"sv, R"('\x00\x01\x1b\x7f')"},
    {"héllo 日本"sv, R"('héllo 日本')"},
};

// Checks that Python's repr(expressions[i]) is ours[i], running the interpreter named by
// COROSCOPE_PYTHON; says so and checks nothing when the variable is unset or empty. The program
// is passed to -c in single quotes, so the expressions must not contain one.
void check_against_python(const std::vector<std::string>& expressions, const std::vector<std::string>& ours) {
  const char* python = std::getenv("COROSCOPE_PYTHON");
  if (python == nullptr || *python == '\0') {
    MESSAGE("COROSCOPE_PYTHON is unset; not cross-checking against Python");
    return;
  }
  std::string program = "for x in [";
  for (const std::string& expression : expressions) program += expression + ", ";
  program += "]: print(repr(x))";
  REQUIRE(program.find('\'') == std::string::npos);

  const std::string command = "PYTHONIOENCODING=utf-8 \"" + std::string(python) + "\" -c '" + program + "'";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  REQUIRE(pclose(pipe) == 0);

  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = output.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(output.substr(start, end - start));
  }
  REQUIRE(lines.size() == ours.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CAPTURE(expressions[i]);
    CHECK(ours[i] == lines[i]);
  }
}

// Python source for the string `text`, spelled in hex so that no quoting can go wrong.
std::string python_string_literal(std::string_view text) {
  std::string hex;
  for (const char c : text) {
    constexpr std::string_view digits = "0123456789abcdef";
    hex += digits[static_cast<unsigned char>(c) >> 4];
    hex += digits[static_cast<unsigned char>(c) & 0xf];
  }
  return "bytes.fromhex(\"" + hex + "\").decode()";
}

// Captures print()'s lines for the duration of a test, then gives stdout back.
struct CapturedOutput {
  std::vector<std::string> lines;
  CapturedOutput() {
    coroscope::set_output_sink([this](std::string_view line) { lines.emplace_back(line); });
  }
  ~CapturedOutput() { coroscope::set_output_sink(nullptr); }
  CapturedOutput(const CapturedOutput&) = delete;
  CapturedOutput& operator=(const CapturedOutput&) = delete;
};

}  // namespace

namespace lesson {

struct Point {
  int x;
  int y;
};
std::string to_python_repr(const Point& p) { return "Point(x=" + repr(p.x) + ", y=" + repr(p.y) + ")"; }

struct Greeting {
  std::string who;
};
std::string to_python_repr(const Greeting& g) { return "Greeting(" + repr(g.who) + ")"; }
std::string to_python_str(const Greeting& g) { return "hello, " + g.who; }

}  // namespace lesson

TEST_CASE("floats print like Python's repr") {
  for (const FloatCase& c : float_cases) {
    CAPTURE(c.python);
    CHECK(repr(c.value) == c.expected);
    CHECK(str(c.value) == c.expected);
  }
}

TEST_CASE("the float table matches the Python named by COROSCOPE_PYTHON") {
  std::vector<std::string> expressions, ours;
  for (const FloatCase& c : float_cases) {
    expressions.emplace_back(c.python);
    ours.push_back(repr(c.value));
  }
  check_against_python(expressions, ours);
}

TEST_CASE("a float keeps its own shortest digits rather than its double's") {
  CHECK(repr(0.1f) == "0.1");
  CHECK(repr(2.0f) == "2.0");
  CHECK(repr(1e-5f) == "1e-05");
}

TEST_CASE("strings repr with Python's choice of quotes and escapes") {
  for (const StringCase& c : string_cases) {
    CAPTURE(c.expected);
    CHECK(repr(c.text) == c.expected);
    CHECK(repr(std::string(c.text)) == c.expected);
  }
}

TEST_CASE("the string table matches the Python named by COROSCOPE_PYTHON") {
  std::vector<std::string> expressions, ours;
  for (const StringCase& c : string_cases) {
    expressions.push_back(python_string_literal(c.text));
    ours.push_back(repr(c.text));
  }
  check_against_python(expressions, ours);
}

TEST_CASE("str of text is the text itself, whatever type holds it") {
  const char* pointer = "it's";
  CHECK(str("it's") == "it's");
  CHECK(str(pointer) == "it's");
  CHECK(str("it's"s) == "it's");
  CHECK(str("it's"sv) == "it's");
  CHECK(repr(pointer) == R"("it's")");
  CHECK(repr("plain") == "'plain'");
}

TEST_CASE("a char is a one-character string") {
  CHECK(str('a') == "a");
  CHECK(repr('a') == "'a'");
  CHECK(repr('\'') == R"("'")");
  CHECK(repr('\n') == R"('\n')");
  CHECK(repr(std::vector<char>{'o', 'k'}) == "['o', 'k']");
}

TEST_CASE("bools print as True and False") {
  CHECK(repr(true) == "True");
  CHECK(str(false) == "False");
  CHECK(repr(std::vector<bool>{true, false}) == "[True, False]");
}

TEST_CASE("integers of every width print in decimal") {
  CHECK(repr(0) == "0");
  CHECK(repr(-42) == "-42");
  CHECK(repr(std::numeric_limits<long long>::min()) == "-9223372036854775808");
  CHECK(repr(std::numeric_limits<unsigned long long>::max()) == "18446744073709551615");
  CHECK(repr(static_cast<short>(-7)) == "-7");
  CHECK(repr(static_cast<signed char>(-3)) == "-3");
  CHECK(repr(static_cast<unsigned char>(200)) == "200");
  CHECK(str(std::size_t{12}) == "12");
}

TEST_CASE("None and empty optionals print as None") {
  CHECK(repr(None) == "None");
  CHECK(str(None) == "None");
  CHECK(repr(std::optional<int>{}) == "None");
  CHECK(str(std::optional<std::string>{}) == "None");
}

TEST_CASE("an optional with a value prints as the value itself") {
  CHECK(repr(std::optional<int>{3}) == "3");
  CHECK(repr(std::optional<std::string>{"a"}) == "'a'");
  CHECK(str(std::optional<std::string>{"a"}) == "a");
  CHECK(repr(std::vector<std::optional<int>>{1, std::nullopt}) == "[1, None]");
}

TEST_CASE("lists show the repr of each element") {
  const std::vector<std::string> letters = {"a", "b"};
  CHECK(repr(letters) == "['a', 'b']");
  CHECK(str(letters) == "['a', 'b']");
  CHECK(repr(std::vector<int>{}) == "[]");
  CHECK(repr(std::vector<std::vector<int>>{{1, 2}, {3}, {}}) == "[[1, 2], [3], []]");
  CHECK(repr(std::array<double, 3>{1.0, 0.5, 1e16}) == "[1.0, 0.5, 1e+16]");
  CHECK(repr(std::deque<std::string>{"it's"}) == R"(["it's"])");
  CHECK(repr(std::vector<coroscope::NoneType>{None, None}) == "[None, None]");
}

TEST_CASE("tuples print with Python's parentheses and one-element comma") {
  CHECK(repr(std::tuple<>{}) == "()");
  CHECK(repr(std::tuple{1}) == "(1,)");
  CHECK(repr(std::pair{1, "a"s}) == "(1, 'a')");
  CHECK(repr(std::tuple{1, "a", 2.5, None, true}) == "(1, 'a', 2.5, None, True)");
  CHECK(repr(std::vector<std::pair<std::string, int>>{{"a", 1}, {"b", 2}}) == "[('a', 1), ('b', 2)]");
  CHECK(str(std::tuple{std::vector<int>{1}, std::tuple{}}) == "([1], ())");
}

TEST_CASE("exceptions repr as their constructor call and str as their message") {
  const coroscope::ValueError boom("boom");
  CHECK(repr(boom) == "ValueError('boom')");
  CHECK(str(boom) == "boom");
  CHECK(repr(coroscope::CancelledError()) == "CancelledError()");
  CHECK(str(coroscope::CancelledError()).empty());
  CHECK(repr(coroscope::ValueError("it's")) == R"(ValueError("it's"))");

  const std::exception& as_base = boom;
  CHECK(repr(as_base) == "ValueError('boom')");
}

TEST_CASE("an exception_ptr prints as the exception it holds, or None when null") {
  const std::exception_ptr late = std::make_exception_ptr(coroscope::TimeoutError("late"));
  CHECK(repr(late) == "TimeoutError('late')");
  CHECK(str(late) == "late");
  CHECK(repr(std::exception_ptr{}) == "None");
  CHECK(str(std::exception_ptr{}) == "None");
  CHECK(repr(std::vector<std::exception_ptr>{late, nullptr}) == "[TimeoutError('late'), None]");
}

TEST_CASE("a type with to_python_repr prints through it") {
  const lesson::Point p{1, 2};
  CHECK(repr(p) == "Point(x=1, y=2)");
  CHECK(str(p) == "Point(x=1, y=2)");
  CHECK(repr(std::vector<lesson::Point>{p}) == "[Point(x=1, y=2)]");
}

TEST_CASE("a type with to_python_str uses it for str and print, and its repr inside lists") {
  const lesson::Greeting g{"ada"};
  CHECK(str(g) == "hello, ada");
  CHECK(repr(g) == "Greeting('ada')");
  CHECK(str(std::vector<lesson::Greeting>{g}) == "[Greeting('ada')]");
}

TEST_CASE("print joins the str of its arguments with single spaces") {
  CapturedOutput output;
  print("a", 1, 2.5, true);
  print();
  print("", "x");
  print("it's"s, None, std::vector{1, 2}, std::vector<std::string>{"a"});
  print(coroscope::ValueError("boom"), 1e16, 'c');
  CHECK(output.lines == std::vector<std::string>{"a 1 2.5 True", "", " x", "it's None [1, 2] ['a']", "boom 1e+16 c"});
}

TEST_CASE("print writes each line to stdout as soon as it is printed") {
  std::fflush(stdout);
  FILE* file = std::tmpfile();
  REQUIRE(file != nullptr);
  const int saved_stdout = dup(STDOUT_FILENO);
  dup2(fileno(file), STDOUT_FILENO);
  print("to", "stdout");
  // No fflush here: print must already have handed the line to the file.
  dup2(saved_stdout, STDOUT_FILENO);
  close(saved_stdout);

  std::rewind(file);
  std::array<char, 64> buffer{};
  const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), file);
  std::fclose(file);
  CHECK(std::string(buffer.data(), n) == "to stdout\n");
}
