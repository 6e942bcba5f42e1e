// Twin of shared/oracle/39_async_with.py.
// `async with` awaits on the way in (aenter) and on the way out (aexit), even when the block
// raises; a suspension inside either lets other tasks run.  aio::AsyncContextManager, like
// contextlib.asynccontextmanager, builds one from an async generator: the code before
// `co_yield` is aenter, after it aexit.
#include <cctype>
#include <exception>
#include <string>
#include <utility>

#include <coroscope/asyncio.hpp>
namespace aio = coroscope;

class KeyError : public aio::Exception {
  using aio::Exception::Exception;
};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

struct Connection {
  explicit Connection(std::string name) : name(std::move(name)) {}
  std::string name;

  aio::Coroutine<void> aenter() {  // returns nothing: the block gets the Connection (`return self`)
    aio::print(name + ": opening");
    co_await aio::sleep(0);
    aio::print(name + ": open");
  }

  aio::Coroutine<bool> aexit(std::exception_ptr exc) {
    aio::print(name + ": closing after", exc ? aio::type_name(exc) : "no error");
    co_await aio::sleep(0);
    aio::print(name + ": closed");
    co_return false;
  }
};

aio::AsyncContextManager<std::string> transaction(std::string name) {
  aio::print(name + ": begin");
  co_await aio::sleep(0);
  try {
    co_yield upper(name);
    aio::print(name + ": commit");
  } catch (const aio::ValueError& e) {
    aio::print(name + ": rollback because", aio::str(e));
    throw;
  }
}

aio::Coroutine<void> ticker() {
  for (int i = 0; i < 4; ++i) {
    aio::print("ticker", i);
    co_await aio::sleep(0);
  }
}

aio::Coroutine<void> main_() {
  auto t = aio::create_task(ticker());
  co_await aio::async_with(Connection("db"), [&](Connection& conn) { aio::print("using", conn.name); });
  try {
    co_await aio::async_with(Connection("cache"), [&] { throw KeyError("missing"); });
  } catch (const KeyError&) {
    aio::print("main: KeyError passed through __aexit__");
  }
  co_await aio::async_with(transaction("t1"), [&](std::string& tx) { aio::print("inside", tx); });
  try {
    co_await aio::async_with(transaction("t2"), [&] { throw aio::ValueError("bad row"); });
  } catch (const aio::ValueError&) {
    aio::print("main: ValueError re-raised");
  }
  co_await t;
}

int main() { aio::run(main_()); }
