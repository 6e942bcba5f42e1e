// Twin of shared/oracle/35_future_invalid_state.py.
// A Future is a one-shot state machine: PENDING -> FINISHED or CANCELLED.  Reading a
// pending future's result/exception, or completing a done one, raises
// InvalidStateError; a cancelled future's result() raises CancelledError.
#include <coroscope/asyncio.hpp>

#include <exception>
#include <string>
#include <type_traits>
namespace aio = coroscope;

void print_error(const std::string& label, const std::exception& e) {
  std::string message = aio::str(e).empty() ? " (no message)" : ": " + aio::str(e);
  aio::print(label + " -> " + aio::type_name(e) + message);
}

// fn is a callable taking no arguments; one that returns nothing returns None, as in Python.
template <class F>
void attempt(const std::string& label, F fn) {
  try {
    if constexpr (std::is_void_v<std::invoke_result_t<F>>) {
      fn();
      aio::print(label + " -> " + aio::str(aio::None));
    } else {
      aio::print(label + " -> " + aio::str(fn()));
    }
  } catch (const aio::InvalidStateError& e) {
    print_error(label, e);
  } catch (const aio::CancelledError& e) {
    print_error(label, e);
  } catch (const aio::RuntimeError& e) {
    print_error(label, e);
  }
}

aio::Coroutine<int> job() { co_return 1; }

aio::Coroutine<void> main_() {
  aio::EventLoop& loop = aio::get_running_loop();
  auto f = loop.create_future<int>();
  aio::print("pending: done =", f.done(), "cancelled =", f.cancelled());
  attempt("pending.result()", [&] { return f.result(); });
  attempt("pending.exception()", [&] { return f.exception(); });
  f.set_result(10);
  attempt("finished.result()", [&] { return f.result(); });
  attempt("finished.exception()", [&] { return f.exception(); });
  attempt("set_result again", [&] { f.set_result(11); });
  attempt("set_exception after result", [&] { f.set_exception(aio::ValueError("x")); });
  attempt("cancel() on finished", [&] { return f.cancel(); });
  auto c = loop.create_future<int>();
  attempt("cancel() on pending", [&] { return c.cancel(); });
  attempt("cancel() again", [&] { return c.cancel(); });
  aio::print("cancelled: done =", c.done(), "cancelled =", c.cancelled());
  attempt("cancelled.result()", [&] { return c.result(); });
  attempt("set_result on cancelled", [&] { c.set_result(1); });
  auto e = loop.create_future();
  e.set_exception(aio::ValueError("bad"));
  attempt("failed.exception() type", [&] { return aio::type_name(e.exception()); });
  auto t = aio::create_task(job());
  attempt("task.set_result", [&] { t.set_result(1); });
  co_await t;
}

int main() { aio::run(main_()); }
