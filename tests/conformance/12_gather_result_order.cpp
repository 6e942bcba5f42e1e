// Twin of shared/oracle/12_gather_result_order.py.
// gather() returns results in ARGUMENT order, whatever order the children finish in.
// Its children (coroutines wrapped in tasks) start in argument order; the awaiting
// task resumes only after the last child is done.
#include <coroscope/asyncio.hpp>
#include <string>
namespace aio = coroscope;

aio::Coroutine<std::string> work(std::string name, double delay) {
  aio::print(name + ": start, sleep(" + aio::str(delay) + ")");
  co_await aio::sleep(delay);
  aio::print(name + ": finish");
  co_return name;
}

aio::Coroutine<void> main_() {
  auto results = co_await aio::gather(work("slow", 0.03), work("fast", 0.01), work("mid", 0.02));
  aio::print("gather results:", results);
}

int main() { aio::run(main_()); }
