#pragma once
// Coroutine<T>: what calling an `async def` function gives — a lazy coroutine object whose
// body has not started. Awaiting it runs it inline in the awaiting task, with no trip
// through the loop (`yield from`); wrapping it in a Task schedules it.
//
// Unlike cppcoro or libcoro, a Coroutine does not resume its awaiter by symmetric transfer:
// the task's step drives the whole chain (resume the innermost frame; when it finishes,
// resume its awaiter), which keeps the C++ stack flat for any chain length and lets the task
// know its await chain at every moment (DESIGN.md rule 6).
#include <coroutine>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "coroscope/call_site.hpp"
#include "coroscope/detail/pool.hpp"
#include "coroscope/detail/suspension.hpp"
#include "coroscope/exceptions.hpp"
#include "coroscope/none.hpp"

namespace coroscope {

// The bare `yield` of a Python `__await__`: give up the task's turn for one loop iteration.
// sleep(0) is built on it; a user's awaitable may use it too (oracle 33).
struct BareYield {
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const { detail::suspend_task_bare(); }
  void await_resume() const noexcept {}
};

template <class T>
class Coroutine;

namespace detail {

template <class A>
concept Awaiter = requires(A a, std::coroutine_handle<> h) {
  { a.await_ready() } -> std::convertible_to<bool>;
  a.await_suspend(h);
  a.await_resume();
};
template <class A>
concept HasMemberCoAwait = requires(A&& a) {
  std::forward<A>(a).operator co_await();
};

// What `co_await x` awaits: x's operator co_await, applied until an awaiter comes out, so an
// awaitable whose operator co_await returns a Coroutine works like Python's __await__.
template <class A>
auto get_awaiter(A&& awaitable) {
  if constexpr (HasMemberCoAwait<A>) {
    return get_awaiter(std::forward<A>(awaitable).operator co_await());
  } else {
    static_assert(Awaiter<std::remove_cvref_t<A>>,
                  "co_await needs an awaitable: a Future, Task, Coroutine, "
                  "or a type with operator co_await returning one");
    return std::remove_cvref_t<A>(std::forward<A>(awaitable));
  }
}

class PromiseBase;

// Debug mode's coroutine origin tracking (sys.set_coroutine_origin_tracking_depth, which
// asyncio turns on while a debug loop runs): each coroutine object made meanwhile notes where
// it was made, so "was never awaited" can say so. Off, it costs one branch per coroutine.
inline bool coroutine_origin_tracking = false;
// Some origin is kept: each frame that goes, and each task, drops its own.
inline bool coroutine_origins_kept = false;
// The origins are kept by key: a coroutine's promise, then the task that runs it.
void set_coroutine_origin_tracking(bool enabled) noexcept;
void note_origin(const void* key) noexcept;
void keep_origin(const void* key, std::string origin);
// Removes and returns the origin noted under `key` ("" if none).
std::string take_origin(const void* key) noexcept;
// Where the running code is: "main_() in Task-1", or "" outside any task (task.cpp knows).
std::string running_frame_description();

// The part of a coroutine frame the task's step works with. Frames come from the pool.
class PromiseBase {
 public:
  // The frame's memory comes from the pool (C++ looks these up in the promise type). Defined
  // out of line: when g++ 12 inlines the pool into a coroutine it warns
  // -Wmismatched-new-delete about the pool's own fallback to ::operator new.
  static void* operator new(std::size_t size);
  static void operator delete(void* frame, std::size_t size) noexcept;

  explicit PromiseBase(CallSite created) noexcept : function_(created.function), file_(created.file) {
    if (coroutine_origin_tracking) [[unlikely]]
      note_origin(this);
  }
  ~PromiseBase() {
    if (coroutine_origins_kept) [[unlikely]]
      take_origin(this);
  }
  PromiseBase(const PromiseBase&) = delete;
  PromiseBase& operator=(const PromiseBase&) = delete;

  // The frame of this promise: what coroutine_handle<P>::from_promise computes, which needs
  // only the promise's alignment, the same for every promise type (static_asserted in each).
  std::coroutine_handle<> handle() const noexcept {
    return std::coroutine_handle<>::from_address(
        __builtin_coro_promise(const_cast<PromiseBase*>(this), alignof(PromiseBase), true));
  }
  // The coroutine function's name, as `coroutine 'name'` in Python's messages.
  const char* function_name() const noexcept { return function_; }
  // The frame awaiting this one, up the await chain (null for a task's root coroutine).
  PromiseBase* awaiter() const noexcept { return awaiter_; }
  void set_awaiter(PromiseBase* awaiter) noexcept { awaiter_ = awaiter; }
  // The `co_await` this frame is suspended at (valid while it is suspended). It is in the
  // coroutine function's own body, so the frame keeps only its line.
  CallSite suspended_at() const noexcept { return {function_, file_, suspended_line_}; }
  void set_suspended_at(unsigned line) noexcept { suspended_line_ = line; }

  std::suspend_always initial_suspend() const noexcept { return {}; }
  // The frame stops at its final suspend point; the task sees handle().done() and resumes
  // the awaiter, or finishes.
  std::suspend_always final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { exception_ = std::current_exception(); }
  // The coroutine ends with `exception` without running (a throw into an unstarted frame).
  void fail_with(std::exception_ptr exception) noexcept { exception_ = std::move(exception); }
  void rethrow_if_failed() const {
    if (exception_) std::rethrow_exception(exception_);
  }
  const std::exception_ptr& exception() const noexcept { return exception_; }

  template <class A>
  auto await_transform(A&& awaitable, unsigned line = __builtin_LINE());

 private:
  const char* function_;
  const char* file_;
  PromiseBase* awaiter_ = nullptr;
  std::exception_ptr exception_;
  unsigned suspended_line_ = 0;
};

// Every `co_await` in a coroscope coroutine goes through this wrapper: it rethrows an
// exception the task throws into the coroutine (coro.throw(CancelledError)) right at that
// `co_await`. await_transform records the line first: if the frame suspends here, that is
// where it waits (read only while it is suspended), and the awaiter in the frame need not
// carry the line until then.
template <class Inner>
class AwaitPoint {
 public:
  explicit AwaitPoint(Inner inner) : inner_(std::move(inner)) {}
  bool await_ready() { return inner_.await_ready(); }
  template <class P>
  auto await_suspend(std::coroutine_handle<P> handle) {
    return inner_.await_suspend(handle);
  }
  decltype(auto) await_resume() {
    rethrow_if_thrown_in();
    return inner_.await_resume();
  }

 private:
  Inner inner_;
};

template <class A>
auto PromiseBase::await_transform(A&& awaitable, unsigned line) {
  auto inner = get_awaiter(std::forward<A>(awaitable));
  set_suspended_at(line);
  return AwaitPoint<decltype(inner)>(std::move(inner));
}

template <class T>
class ReturnValue {
 public:
  template <class U = T>
  void return_value(U&& value) {
    value_.emplace(std::forward<U>(value));
  }
  T take_value() { return std::move(*value_); }

 private:
  std::optional<T> value_;
};
template <>
class ReturnValue<void> {
 public:
  void return_void() noexcept {}
  void take_value() noexcept {}
};

template <class T>
class Promise final : public PromiseBase, public ReturnValue<T> {
 public:
  // The defaulted CallSite names the coroutine function (__builtin_FUNCTION() sees it, since
  // the compiler constructs the promise inside that function).
  explicit Promise(CallSite created = here()) noexcept : PromiseBase(created) {
    static_assert(alignof(Promise) == alignof(PromiseBase), "PromiseBase::handle() finds the frame by this alignment");
  }
  Coroutine<T> get_return_object() noexcept;

  // The result for the awaiter: the returned value, or the exception that escaped.
  T take_result() {
    rethrow_if_failed();
    return this->take_value();
  }
};

// The awaiter of `co_await coroutine`: it owns the child frame for the duration of the await
// and asks the task to run the child inline.
template <class T>
class CoroutineAwaiter {
 public:
  explicit CoroutineAwaiter(std::coroutine_handle<Promise<T>> frame) noexcept : frame_(frame) {}
  CoroutineAwaiter(CoroutineAwaiter&& o) noexcept : frame_(std::exchange(o.frame_, {})) {}
  CoroutineAwaiter& operator=(CoroutineAwaiter&&) = delete;
  ~CoroutineAwaiter() {
    if (frame_) frame_.destroy();
  }

  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const { suspend_task_awaiting(frame_.promise()); }
  T await_resume() { return frame_.promise().take_result(); }

 private:
  std::coroutine_handle<Promise<T>> frame_;
};

// Called when a coroutine object is destroyed without being awaited or wrapped in a task.
void report_never_awaited(const PromiseBase& coro);
// How many coroutine objects were destroyed that way in this process (for tests).
std::size_t never_awaited_count() noexcept;

}  // namespace detail

template <class T = void>
class [[nodiscard]] Coroutine {
 public:
  using promise_type = detail::Promise<T>;
  using value_type = T;

  Coroutine() noexcept = default;
  explicit Coroutine(std::coroutine_handle<promise_type> frame) noexcept : frame_(frame) {}
  Coroutine(Coroutine&& o) noexcept : frame_(std::exchange(o.frame_, {})) {}
  Coroutine& operator=(Coroutine&& o) noexcept {
    Coroutine(std::move(o)).swap(*this);
    return *this;
  }
  // A coroutine that was never awaited nor wrapped in a task: Python's
  // "RuntimeWarning: coroutine 'name' was never awaited".
  ~Coroutine() {
    if (!frame_) return;
    detail::report_never_awaited(frame_.promise());
    frame_.destroy();
  }
  void swap(Coroutine& o) noexcept { std::swap(frame_, o.frame_); }

  // The coroutine function's name (a Python coroutine's __qualname__).
  const char* name() const noexcept { return frame_ ? frame_.promise().function_name() : ""; }
  // Identity of the coroutine object, as `is` compares it (gather dedups by it).
  const void* identity() const noexcept { return frame_.address(); }
  explicit operator bool() const noexcept { return static_cast<bool>(frame_); }

  // `await coro`: runs the body inline. A coroutine object is awaited at most once.
  detail::CoroutineAwaiter<T> operator co_await() { return detail::CoroutineAwaiter<T>(release_for_await()); }

  // Hands the frame to its new owner (a Task).
  std::coroutine_handle<promise_type> release() noexcept { return std::exchange(frame_, {}); }

 private:
  std::coroutine_handle<promise_type> release_for_await() {
    if (!frame_) throw RuntimeError("cannot reuse already awaited coroutine");
    return release();
  }

  std::coroutine_handle<promise_type> frame_;
};

template <class T>
Coroutine<T> detail::Promise<T>::get_return_object() noexcept {
  return Coroutine<T>(std::coroutine_handle<Promise>::from_promise(*this));
}

}  // namespace coroscope
