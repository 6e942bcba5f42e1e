#pragma once
// `async with`: await on the way in (__aenter__) and on the way out (__aexit__), also when the
// block raises; __aexit__ sees the block's exception and may suppress it.
//
//     async with Connection("db") as conn:     co_await aio::async_with(Connection("db"), [&](Connection& conn) {
//         print("using", conn.name)              aio::print("using", conn.name);
//                                              });
//     async with asyncio.timeout(1):           co_await aio::async_with(aio::timeout(1), []() -> aio::Coroutine<void> {
//         await asyncio.sleep(2)                 co_await aio::sleep(2);
//                                              });
//     async with asyncio.TaskGroup() as tg:    co_await aio::async_with(aio::TaskGroup(), [&](aio::TaskGroup& tg) {
//         tg.create_task(work())                 tg.create_task(work());
//                                              });
//     @contextlib.asynccontextmanager          aio::AsyncContextManager<std::string> transaction(std::string name) {
//     async def transaction(name):               co_await begin(name);
//         await begin(name)                      co_yield name;
//         yield name                             co_await commit(name);
//         await commit(name)                   }
//
// Why the block is an argument. C++ has no async destructors: a scope guard cannot co_await
// when its block is left by an exception. A two-step form (`auto scope = co_await enter(cm);
// ... co_await scope.exit();`) would skip the exit whenever the block throws, unless every user
// wrote, around every block, the try/catch that Python's statement hides — and a catch block
// may not even co_await. async_with runs Python's own expansion of the statement instead:
//
//     value = await mgr.__aenter__()
//     try:      BLOCK(value)
//     except:   if not await mgr.__aexit__(*sys.exc_info()): raise
//     else:     await mgr.__aexit__(None, None, None)
//
// so the exit cannot be forgotten, always sees the block's exception, and can suppress it.
//
// The block is a lambda taking the `as` target, or nothing. A block that awaits is a coroutine
// and says so (`-> aio::Coroutine<void>`); one that does not returns void and runs inline.
// async_with keeps the lambda in its own frame until the block is done, so capturing the
// enclosing coroutine's locals by reference ([&]) is safe here — unlike a lambda coroutine
// handed to create_task, which is gone before its body runs. `co_return` in the block leaves
// the block only; results leave it through captured variables. The co_await spans the block,
// so g++ records the enclosing frame's suspension at the block's last line (clang at its
// first); the block's own frame records the line inside it.
//
// The protocol, for a user's type:
//   aenter()                       __aenter__: an awaitable whose value is the `as` target. One
//                                  that gives nothing (Coroutine<void>) makes the manager itself
//                                  the target — Python's `return self`.
//   aexit(std::exception_ptr exc)  __aexit__(exc_type, exc, tb): exc is the block's exception,
//                                  or null. An awaitable of bool — true suppresses exc — or of
//                                  nothing, which never suppresses (Python's `return None`).
// A named manager (`async with cm`) is used by reference; a temporary one
// (`async with Connection("db")`) is moved into async_with's frame. Timeout and TaskGroup follow
// this protocol. Build a temporary manager with parentheses, `Connection("db")`: g++ 12
// miscompiles a braced temporary (`Connection{"db"}`) inside a co_await expression.
//
// asynccontextmanager: AsyncContextManager<T> as a coroutine's return type is the decorator.
// The body is an async generator that yields once: the code before co_yield is __aenter__, the
// yielded value is the `as` target, the code after it is __aexit__. An exception in the block
// is raised at the co_yield, so the body's catch blocks and RAII see it; rethrowing it lets it
// propagate, swallowing it suppresses it (contextlib._AsyncGeneratorContextManager).
#include <coroutine>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "coroscope/async_generator.hpp"
#include "coroscope/coroutine.hpp"

namespace coroscope {

namespace detail {

// `co_await or_if_none(awaitable, fallback)`: the awaitable's value, or `fallback` when it gives
// nothing (void or None) — how async_with reads `return self` from aenter() and `return None`
// from aexit().
template <class Inner, class Fallback>
class OrIfNone {
 public:
  OrIfNone(Inner inner, Fallback fallback) : inner_(std::move(inner)), fallback_(std::forward<Fallback>(fallback)) {}
  bool await_ready() { return inner_.await_ready(); }
  template <class P>
  auto await_suspend(std::coroutine_handle<P> frame) {
    return inner_.await_suspend(frame);
  }
  decltype(auto) await_resume() {
    using Value = decltype(inner_.await_resume());
    if constexpr (std::is_void_v<Value> || std::is_same_v<std::remove_cvref_t<Value>, NoneType>) {
      inner_.await_resume();
      return static_cast<Fallback>(fallback_);
    } else {
      return inner_.await_resume();
    }
  }

 private:
  Inner inner_;
  Fallback fallback_;  // a reference when given an lvalue (the manager)
};

template <class A, class Fallback>
OrIfNone<decltype(get_awaiter(std::declval<A>())), Fallback> or_if_none(A&& awaitable, Fallback&& fallback) {
  return {get_awaiter(std::forward<A>(awaitable)), std::forward<Fallback>(fallback)};
}

// BLOCK(value): the block takes the `as` target, or nothing.
template <class Block, class Target>
decltype(auto) call_block(Block& block, Target& target) {
  if constexpr (std::is_invocable_v<Block&, Target&>) {
    return block(target);
  } else {
    static_assert(std::is_invocable_v<Block&>,
                  "the async_with block must take the `as` target (what aenter() gives, or the manager itself when "
                  "aenter() gives nothing) or no argument");
    return block();
  }
}

template <class Manager, class Block>
Coroutine<void> async_with(Manager manager, Block block) {
  decltype(auto) target = co_await or_if_none(manager.aenter(), manager);
  std::exception_ptr exc;
  try {
    if constexpr (std::is_void_v<decltype(call_block(block, target))>) {
      call_block(block, target);
    } else {
      co_await call_block(block, target);
    }
  } catch (...) {
    exc = std::current_exception();  // no co_await in a catch block: __aexit__ comes after it
  }
  bool suppress = co_await or_if_none(manager.aexit(exc), false);
  if (exc && !suppress) std::rethrow_exception(exc);
}

}  // namespace detail

// `async with manager as target: block` — see the top of this file.
template <class Manager, class Block>
Coroutine<void> async_with(Manager&& manager, Block block) {
  // Manager is `T&` for a named manager (kept by reference) and `T` for a temporary (moved).
  return detail::async_with<Manager>(std::forward<Manager>(manager), std::move(block));
}

// contextlib.asynccontextmanager — see the top of this file.
template <class T>
class [[nodiscard]] AsyncContextManager {
 public:
  using promise_type = typename AsyncGenerator<T>::promise_type;

  // Applying the decorator: the generator function's AsyncGenerator<T> becomes the manager.
  AsyncContextManager(AsyncGenerator<T> gen) noexcept : gen_(std::move(gen)) {}

  // _AsyncGeneratorContextManager.__aenter__: run the body to its co_yield.
  Coroutine<T> aenter() {
    std::optional<T> value = co_await gen_.next();
    if (!value) throw RuntimeError("generator didn't yield");
    co_return std::move(*value);
  }

  // _AsyncGeneratorContextManager.__aexit__: run the rest of the body, raising the block's
  // exception at the co_yield if there is one.
  Coroutine<bool> aexit(std::exception_ptr exc) {
    if (!exc) {
      std::optional<T> again = co_await gen_.next();
      if (again) throw RuntimeError("generator didn't stop");
      co_return false;
    }
    std::optional<T> again;
    std::exception_ptr raised;
    try {
      again = co_await gen_.athrow(exc);
    } catch (...) {
      raised = std::current_exception();
    }
    // The body re-raised the block's exception: not suppressed, and async_with raises it.
    if (raised == exc) co_return false;
    if (raised) std::rethrow_exception(raised);
    if (again) throw RuntimeError("generator didn't stop after athrow()");
    co_return true;  // the body caught the exception and finished: suppressed
  }

 private:
  AsyncGenerator<T> gen_;
};

}  // namespace coroscope
