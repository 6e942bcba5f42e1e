// Twin of shared/oracle/36_call_at_loop_time.py.
// loop.time() is the loop's monotonic clock; call_later(d) is call_at(loop.time() + d)
// and handle.when() reports that absolute deadline.  A call_at in the past fires on
// the next iteration, after callbacks that were already queued with call_soon.
#include <coroscope/asyncio.hpp>

#include <string>
#include <utility>
#include <vector>
namespace aio = coroscope;

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  std::vector<std::pair<std::string, double>> fired;
  double start = loop.time();
  auto h_late = loop.call_at(start + 0.04, [&] { fired.emplace_back("call_at +0.04", loop.time()); });
  auto h_soon = loop.call_later(0.02, [&] { fired.emplace_back("call_later 0.02", loop.time()); });
  loop.call_at(start - 1.0, [&] { fired.emplace_back("call_at in the past", loop.time()); });
  loop.call_soon([&] { fired.emplace_back("call_soon", loop.time()); });
  aio::print("call_at handle when() == start + 0.04:", h_late.when() == start + 0.04);
  aio::print("call_later(0.02).when() >= start + 0.02:", h_soon.when() >= start + 0.02);
  co_await aio::sleep(0.06);
  for (const auto& [name, t] : fired) {
    aio::print(name + ": fired");
  }
  aio::print("call_later 0.02 fired no earlier than its deadline:", fired[2].second >= h_soon.when() - 1e-6);
  aio::print("call_at +0.04 fired no earlier than its deadline:", fired[3].second >= h_late.when() - 1e-6);
  aio::print("sleep(0.06) lasted at least 0.06 s:", loop.time() - start >= 0.06 - 1e-6);
}

int main() { aio::run(main_()); }
