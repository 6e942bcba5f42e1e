// Twin of shared/oracle/02_await_inline_vs_create_task.py.
// Awaiting a coroutine runs its body inline, immediately, inside the caller's task:
// no loop iteration passes and no new task exists.  create_task() only schedules
// the coroutine (call_soon of its first step): it starts once the creator yields.
#include <algorithm>
#include <cctype>
#include <string>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

aio::Coroutine<std::string> child(std::string label) {
  aio::print(label + ": body runs in " + aio::current_task().get_name());
  // label.upper()
  std::string upper = label;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  co_return upper;
}

aio::Coroutine<void> main_() {
  aio::print("main: await child('inline')");
  auto r = co_await child("inline");
  aio::print("main: got", r);
  auto t = aio::create_task(child("scheduled"));
  aio::print("main: task created, its body has not run; done =", t.done());
  aio::print("main: still running synchronously");
  co_await aio::sleep(0);
  aio::print("main: after one sleep(0), task done =", t.done());
  aio::print("main: task result", t.result());
}

int main() { aio::run(main_()); }
