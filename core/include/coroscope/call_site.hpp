#pragma once
// CallSite: where something happens in the lesson's source (the `co_await` a task waits at,
// the coroutine function a frame belongs to, the call_soon that scheduled a callback), or the
// name of one of the runtime's own callbacks. Default arguments capture it, so lessons need no
// macros (`__builtin_LINE()` works on g++ 12 and clang 14 alike, and a defaulted `here()` in a
// default argument reports the outermost caller).

namespace coroscope {

struct CallSite {
  const char* function = "";
  const char* file = "";
  unsigned line = 0;
};
inline CallSite here(const char* function = __builtin_FUNCTION(), const char* file = __builtin_FILE(),
                     unsigned line = __builtin_LINE()) noexcept {
  return {function, file, line};
}
// A callback of the runtime itself, named as CPython names its twin (`_release_waiter`,
// `_GatheringFuture`'s `_done_callback`): a view shows the name, not our source line.
constexpr CallSite runtime_callback(const char* name) noexcept { return {name, "", 0}; }

}  // namespace coroscope
