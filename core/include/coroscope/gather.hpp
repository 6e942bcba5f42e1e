#pragma once
// asyncio.gather: run awaitables concurrently; results in argument order.
//
//   co_await aio::gather(a, b, c)                      -> std::array<T, 3> (one type)
//                                                        or MixedList<A, B, C> (a tuple
//                                                        that prints as a list)
//   co_await aio::gather(aio::return_exceptions, ...)  -> the same with Outcome<T> slots
//   co_await aio::gather(std::vector<Task<T>>{...})     -> std::vector<T>
//
// Coroutine arguments are wrapped in tasks in argument order (each takes a Task-N number);
// futures and tasks are used as they are; the same awaitable passed twice runs once.
#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <vector>

#include "coroscope/mixed_list.hpp"
#include "coroscope/outcome.hpp"
#include "coroscope/task.hpp"

namespace coroscope {

// The keyword argument return_exceptions=True, as a tag before the awaitables.
struct ReturnExceptions {};
inline constexpr ReturnExceptions return_exceptions{};

namespace detail {

// _GatheringFuture and gather's _done_callback, without the result types.
class GatheringBase : public FutureBase {
 public:
  GatheringBase(EventLoop& loop, std::vector<Ref<FutureBase>> children, bool return_exceptions);
  // _GatheringFuture.cancel: cancels every child; the outer future is not cancelled itself
  // but ends with the CancelledError a child raises (oracle 20).
  bool cancel(std::string msg = {}) override;

 protected:
  // All children are done: store the results in argument order.
  virtual void set_results() = 0;
  const std::vector<Ref<FutureBase>>& children() const noexcept { return children_; }

 private:
  static void child_done(RefCounted& self, FutureBase& child);

  std::vector<Ref<FutureBase>> children_;  // in argument order, duplicates included
  std::size_t nfuts_ = 0;                  // distinct children
  std::size_t nfinished_ = 0;
  bool return_exceptions_;
  bool cancel_requested_ = false;
};

// A finished child's exception as gather reports it — a cancelled child as CancelledError —
// or null when it has a value. Reading it marks the exception as retrieved.
std::exception_ptr gathered_exception(FutureBase& child);

// An AnyTask or AnyFuture child: its result type is unknown here, so its slot holds None.
struct Untyped {};

template <class T>
struct GatherValue {
  using type = value_or_none_t<T>;
};
template <>
struct GatherValue<Untyped> {
  using type = NoneType;
};
template <class T, bool ReturnExceptions>
using gather_slot_t =
    std::conditional_t<ReturnExceptions, Outcome<typename GatherValue<T>::type>, typename GatherValue<T>::type>;

// One finished child's slot in the results.
template <class T, bool ReturnExceptions>
gather_slot_t<T, ReturnExceptions> gather_slot(FutureBase& child) {
  std::exception_ptr exception = gathered_exception(child);
  if constexpr (ReturnExceptions) {
    if (exception) return exception;
  }
  if constexpr (std::is_same_v<T, Untyped>) {
    return None;
  } else {
    return *static_cast<ResultSlot<T>*>(child.result_slot())->value;
  }
}

template <class Result, class Collect>
class GatheringState final : public GatheringBase, public ResultSlot<Result> {
 public:
  GatheringState(EventLoop& loop, std::vector<Ref<FutureBase>> children, bool return_exceptions, Collect collect)
      : GatheringBase(loop, std::move(children), return_exceptions), collect_(std::move(collect)) {}
  void* result_slot() noexcept override { return static_cast<ResultSlot<Result>*>(this); }

 private:
  void set_results() override {
    this->value.emplace(collect_(children()));
    mark_finished();
  }
  Collect collect_;
};

// What an argument of gather is: its result type, its identity, its future.
template <class A>
struct GatherArg;
template <class T>
struct GatherArg<Coroutine<T>> {
  using result = T;
  static const void* identity(const Coroutine<T>& c) { return c.identity(); }
  // ensure_future(coro): loop.create_task(coro), which numbers the task.
  static Ref<FutureBase> to_future(EventLoop& loop, Coroutine<T>& c) {
    Task<T> task = loop.create_task(std::move(c));
    static_cast<TaskBase*>(task.state())->set_log_destroy_pending(false);
    return Ref<FutureBase>(task.state());
  }
};
// gather(sleep(1), ...): the sleep's coroutine wrapped in a task, as any coroutine is.
template <class T>
struct GatherArg<SleepAwaiter<T>> {
  using result = sleep_result_t<T>;
  static const void* identity(const SleepAwaiter<T>& s) { return &s; }
  static Ref<FutureBase> to_future(EventLoop& loop, SleepAwaiter<T>& s) {
    Coroutine<result> coro = coroutine_of::sleep(std::move(s));
    return GatherArg<Coroutine<result>>::to_future(loop, coro);
  }
};
template <class F>
struct FutureArg {
  static const void* identity(const F& f) { return f.state(); }
  static Ref<FutureBase> to_future(EventLoop&, const F& f) { return Ref<FutureBase>(f.state()); }
};
template <class T>
struct GatherArg<Future<T>> : FutureArg<Future<T>> {
  using result = T;
};
template <class T>
struct GatherArg<Task<T>> : FutureArg<Task<T>> {
  using result = T;
};
template <>
struct GatherArg<AnyTask> : FutureArg<AnyTask> {
  using result = Untyped;
};
template <>
struct GatherArg<AnyFuture> : FutureArg<AnyFuture> {
  using result = Untyped;
};

template <class A>
using gather_arg_t = GatherArg<std::remove_cvref_t<A>>;

// The loop gather runs on: the first argument's (asyncio's ensure_future of a future keeps
// the future's loop), so shutdown can gather tasks while the loop is not running.
template <class A>
EventLoop& loop_of(const A& first) {
  if constexpr (requires { first.get_loop(); }) {
    return first.get_loop();
  } else {
    return get_running_loop();
  }
}

// The results of a variadic gather: an array when every slot has one type, else a tuple
// that prints as the list Python's gather returns.
template <class... Slots>
struct VariadicResult {
  using type = MixedList<Slots...>;
};
template <>
struct VariadicResult<> {
  using type = std::array<NoneType, 0>;
};
template <class First, class... Rest>
requires(std::is_same_v<First, Rest>&&...) struct VariadicResult<First, Rest...> {
  using type = std::array<First, 1 + sizeof...(Rest)>;
};

template <class Result>
Future<Result> make_gathering_future(EventLoop& loop, std::vector<Ref<FutureBase>> children, bool return_exceptions,
                                     auto collect) {
  using State = GatheringState<Result, decltype(collect)>;
  return Future<Result>(Ref<FutureBase>(new State(loop, std::move(children), return_exceptions, std::move(collect))),
                        AdoptState{});
}

template <bool ReturnExceptions, class... Args>
auto gather_variadic(Args&&... args) {
  using Result = typename VariadicResult<gather_slot_t<typename gather_arg_t<Args>::result, ReturnExceptions>...>::type;
  constexpr std::size_t n = sizeof...(Args);
  if constexpr (n == 0) {
    Future<Result> outer(get_running_loop(), FutureKind::gather);
    outer.set_result(Result{});
    return outer;
  } else {
    // Identities first: wrapping a coroutine moves it out of its argument, and a repeated
    // argument must still be recognised as the same awaitable.
    const std::array<const void*, n> ids{gather_arg_t<Args>::identity(args)...};
    EventLoop& loop = [](const auto& first, const auto&...) -> EventLoop& { return loop_of(first); }(args...);
    std::vector<Ref<FutureBase>> children;
    children.reserve(n);
    auto add = [&](auto&& arg) {
      std::size_t i = children.size();
      std::size_t first = 0;
      while (ids[first] != ids[i]) ++first;
      children.push_back(first < i ? children[first] : gather_arg_t<decltype(arg)>::to_future(loop, arg));
    };
    (add(args), ...);
    auto collect = [](const std::vector<Ref<FutureBase>>& done) {
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        return Result{gather_slot<typename gather_arg_t<Args>::result, ReturnExceptions>(*done[I])...};
      }
      (std::index_sequence_for<Args...>{});
    };
    return make_gathering_future<Result>(loop, std::move(children), ReturnExceptions, collect);
  }
}

template <bool ReturnExceptions, class A>
auto gather_vector(std::vector<A> args) {
  using T = typename gather_arg_t<A>::result;
  using Slot = gather_slot_t<T, ReturnExceptions>;
  EventLoop& loop = args.empty() ? get_running_loop() : loop_of(args.front());
  // arg_to_fut wraps an awaitable passed twice only once. A vector cannot hold one coroutine
  // twice (a Coroutine is its frame's only owner), and a repeated future or task is its own
  // future: each argument maps to its future here, and GatheringBase counts repeats once.
  std::vector<Ref<FutureBase>> children;
  children.reserve(args.size());
  for (A& arg : args) children.push_back(gather_arg_t<A>::to_future(loop, arg));
  if (children.empty()) {
    Future<std::vector<Slot>> outer(loop, FutureKind::gather);
    outer.set_result({});
    return outer;
  }
  auto collect = [](const std::vector<Ref<FutureBase>>& done) {
    std::vector<Slot> results;
    for (const auto& child : done) results.push_back(gather_slot<T, ReturnExceptions>(*child));
    return results;
  };
  return make_gathering_future<std::vector<Slot>>(loop, std::move(children), ReturnExceptions, collect);
}

}  // namespace detail

template <class... Args>
auto gather(Args&&... args) {
  return detail::gather_variadic<false>(std::forward<Args>(args)...);
}
template <class... Args>
auto gather(ReturnExceptions, Args&&... args) {
  return detail::gather_variadic<true>(std::forward<Args>(args)...);
}
template <class A>
auto gather(std::vector<A> awaitables) {
  return detail::gather_vector<false>(std::move(awaitables));
}
template <class A>
auto gather(ReturnExceptions, std::vector<A> awaitables) {
  return detail::gather_vector<true>(std::move(awaitables));
}

}  // namespace coroscope
