#pragma once
// InlineCallback: a type-erased `void()` callable stored inside its owner (a Handle), so that
// call_soon of a small lambda allocates nothing. Larger callables spill to the heap.
// It never moves: a Handle constructs it in place and runs it there.
#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace coroscope::detail {

class InlineCallback {
 public:
  // Room for what the runtime schedules (a done callback's function and two references, a
  // step's task and exception) and most user lambdas; a larger one goes to the heap.
  static constexpr std::size_t capacity = 32;

  InlineCallback() noexcept = default;
  InlineCallback(const InlineCallback&) = delete;
  InlineCallback& operator=(const InlineCallback&) = delete;
  ~InlineCallback() { reset(); }

  template <class F>
  void emplace(F&& f) {
    using Fn = std::decay_t<F>;
    reset();
    if constexpr (sizeof(Fn) <= capacity && alignof(Fn) <= alignment) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
      static constexpr Ops inline_ops{[](void* s) {
                                        Fn& fn = *static_cast<Fn*>(s);
                                        fn();
                                        fn.~Fn();
                                      },
                                      [](void* s) { static_cast<Fn*>(s)->~Fn(); }};
      ops_ = &inline_ops;
    } else {
      ::new (static_cast<void*>(storage_)) Fn*(new Fn(std::forward<F>(f)));
      static constexpr Ops heap_ops{[](void* s) {
                                      Fn* fn = *static_cast<Fn**>(s);
                                      (*fn)();
                                      delete fn;
                                    },
                                    [](void* s) { delete *static_cast<Fn**>(s); }};
      ops_ = &heap_ops;
    }
  }

  explicit operator bool() const noexcept { return ops_ != nullptr; }
  // Runs the callable once and drops it (and what it captured) right after, in one indirect
  // call. If it throws, it is still stored: the caller reports the exception, then reset()s.
  void run_and_reset() {
    ops_->run_and_destroy(storage_);
    ops_ = nullptr;
  }

  // Drops the callable (and whatever it captured) before the owner itself goes away.
  void reset() noexcept {
    if (ops_) std::exchange(ops_, nullptr)->destroy(storage_);
  }

 private:
  // What to do with the stored callable, one static table per type: a handle keeps one
  // pointer to it instead of two function pointers.
  struct Ops {
    void (*run_and_destroy)(void*);
    void (*destroy)(void*);
  };
  // Pointer-aligned, not max_align_t-aligned: a handle spends no padding on the rare callable
  // that needs more (it goes to the heap).
  static constexpr std::size_t alignment = alignof(void*);
  alignas(alignment) unsigned char storage_[capacity];
  const Ops* ops_ = nullptr;
};

}  // namespace coroscope::detail
