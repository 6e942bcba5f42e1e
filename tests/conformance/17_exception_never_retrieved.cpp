// Twin of shared/oracle/17_exception_never_retrieved.py.
// A task's exception does not propagate anywhere by itself.  If nobody retrieves it
// (await, result() or exception()), the loop's exception handler is called with
// "Task exception was never retrieved" when the task object is destroyed.
// In C++ the last reference going away destroys the task at once: `del` is reset() on the
// std::optional holding it, and there is no gc.collect() to call.
#include <coroscope/asyncio.hpp>
#include <optional>
#include <string>
namespace aio = coroscope;

void handler(aio::EventLoop&, const aio::ExceptionContext& context) {
  const std::exception_ptr& exc = context.exception;
  aio::print("handler:", context.message, "|", aio::type_name(exc), aio::str(exc));
}

aio::Coroutine<void> boom(std::string msg) {
  aio::print("boom(" + msg + "): raising");
  throw aio::RuntimeError(msg);
  co_return;  // makes boom a coroutine, whose body runs in its task like an async def's
}

aio::Coroutine<void> main_() {
  aio::get_running_loop().set_exception_handler(handler);
  std::optional<aio::Task<void>> retrieved = aio::create_task(boom("seen"));
  std::optional<aio::Task<void>> ignored = aio::create_task(boom("unseen"));
  co_await aio::sleep(0);
  aio::print("main: both tasks failed; main is unaffected");
  aio::print("main: retrieved.exception() ->", aio::type_name(retrieved->exception()));
  aio::print("main: dropping both task references");
  retrieved.reset();
  ignored.reset();
  aio::print("main: after collection");
}

int main() { aio::run(main_()); }
