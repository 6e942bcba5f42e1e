// Golden event sequences: what the loop reports for small programs, exactly.
#include <doctest/doctest.h>
#include <coroscope/trace/event_format.hpp>
#include <coroscope/trace/recorder.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "test_support.hpp"

namespace trace = coroscope::trace;
using Lines = std::vector<std::string>;

namespace {

// Future and handle ids come from process-wide counters; number them from 1 in order of first
// appearance so a golden sequence does not depend on which tests ran before.
std::string renumber(const std::string& line, std::map<std::string, int>& ids) {
  static const std::regex id(R"(\b([fh])(\d+)\b)");
  std::string out;
  auto last = line.cbegin();
  for (std::sregex_iterator it(line.begin(), line.end(), id), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    std::string key = (*it)[0].str();
    auto [pos, added] = ids.try_emplace(key, 0);
    if (added) {
      int count = 0;
      for (auto& [k, v] : ids)
        if (k[0] == key[0] && v > 0) ++count;
      pos->second = count + 1;
    }
    out += (*it)[1].str() + std::to_string(pos->second);
    last = (*it)[0].second;
  }
  out.append(last, line.cend());
  return out;
}

// Runs `main` as a task named "main" on a recording loop; the events, one line each, without
// the sequence number.
Lines record(aio::Coroutine<void> main) {
  trace::Recorder recorder;
  VirtualLoop loop;
  loop->set_tracer(&recorder);
  loop->run_until_complete(aio::Future<void>(loop->create_task(std::move(main), "main")));
  loop->set_tracer(nullptr);
  Lines lines;
  std::map<std::string, int> ids;
  for (std::size_t i = 0; i < recorder.size(); ++i) {
    std::string line = trace::format_event(recorder, i);
    lines.push_back(renumber(line.substr(line.find(' ') + 1), ids));
  }
  return lines;
}

// Reads tests/trace/golden/NAME.txt, replacing each {token} with its value (source lines).
Lines golden(const std::string& name, const std::map<std::string, unsigned>& tokens) {
  std::ifstream file(std::string(COROSCOPE_GOLDEN_DIR) + "/" + name + ".txt");
  REQUIRE(file);
  Lines lines;
  for (std::string line; std::getline(file, line);) {
    for (const auto& [token, value] : tokens) {
      const std::string placeholder = "{" + token + "}";
      if (auto at = line.find(placeholder); at != std::string::npos)
        line.replace(at, placeholder.size(), std::to_string(value));
    }
    lines.push_back(line);
  }
  return lines;
}

// Whether `recorded` is the golden NAME; if not, it is written to NAME.actual.txt in the test's
// working directory (with the tokens' lines as numbers), to diff against the golden.
bool same_as_golden(const Lines& recorded, const std::string& name, const std::map<std::string, unsigned>& tokens) {
  if (recorded == golden(name, tokens)) return true;
  std::ofstream actual(name + ".actual.txt");
  for (const std::string& line : recorded) actual << line << '\n';
  MESSAGE("the events differ from the golden: see " << name << ".actual.txt");
  return false;
}

// The source lines the goldens name, each the line of the `co_await` just below it.
constexpr unsigned worker_sleep = __LINE__ + 3;
aio::Coroutine<void> worker(std::string name) {
  aio::print(name);
  co_await aio::sleep(0);
}

constexpr unsigned await_a = __LINE__ + 5;
aio::Coroutine<void> two_tasks() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto a = loop.create_task(worker("a"), "a");
  auto b = loop.create_task(worker("b"), "b");
  co_await a;
  co_await b;
}

constexpr unsigned await_future = __LINE__ + 5;
aio::Coroutine<void> resolved_by_callback() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto future = loop.create_future<int>();
  loop.call_soon([future] { future.set_result(1); });
  co_await future;
}
constexpr unsigned schedule_resolve = await_future - 1;  // the call_soon above the co_await

constexpr unsigned child_sleep = __LINE__ + 2;
aio::Coroutine<int> child(int n) {
  co_await aio::sleep(n);
  co_return n;
}

constexpr unsigned await_gather = __LINE__ + 3;
aio::Coroutine<void> gathers() {
  aio::EventLoop& loop = aio::get_running_loop();
  co_await aio::gather(loop.create_task(child(1), "c1"), loop.create_task(child(2), "c2"));
}

constexpr unsigned inner_sleep = __LINE__ + 2;
aio::Coroutine<int> inner() {
  co_await aio::sleep(1);
  co_return 1;
}

constexpr unsigned await_inner = __LINE__ + 1;
aio::Coroutine<void> nested() { co_await inner(); }

}  // namespace

TEST_CASE("golden events: two tasks that yield with sleep(0)") {
  CHECK(same_as_golden(record(two_tasks()), "two_tasks", {{"await_a", await_a}, {"worker_sleep", worker_sleep}}));
}

TEST_CASE("golden events: a future resolved by a callback wakes its task one iteration later") {
  CHECK(same_as_golden(record(resolved_by_callback()), "resolved_by_callback",
                       {{"await_future", await_future}, {"schedule_resolve", schedule_resolve}}));
}

TEST_CASE("golden events: gather of two sleeping children") {
  CHECK(same_as_golden(record(gathers()), "gather", {{"await_gather", await_gather}, {"child_sleep", child_sleep}}));
}

TEST_CASE("golden events: a chain of two coroutines names each frame and its line, outermost first") {
  CHECK(same_as_golden(record(nested()), "nested_chain", {{"await_inner", await_inner}, {"inner_sleep", inner_sleep}}));
}
