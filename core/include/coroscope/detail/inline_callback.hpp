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
  static constexpr std::size_t capacity = 48;

  InlineCallback() noexcept = default;
  InlineCallback(const InlineCallback&) = delete;
  InlineCallback& operator=(const InlineCallback&) = delete;
  ~InlineCallback() { reset(); }

  template <class F>
  void emplace(F&& f) {
    using Fn = std::decay_t<F>;
    reset();
    if constexpr (sizeof(Fn) <= capacity && alignof(Fn) <= alignof(std::max_align_t)) {
      ::new (static_cast<void*>(storage_)) Fn(std::forward<F>(f));
      invoke_ = [](void* s) { (*static_cast<Fn*>(s))(); };
      destroy_ = [](void* s) { static_cast<Fn*>(s)->~Fn(); };
    } else {
      ::new (static_cast<void*>(storage_)) Fn*(new Fn(std::forward<F>(f)));
      invoke_ = [](void* s) { (**static_cast<Fn**>(s))(); };
      destroy_ = [](void* s) { delete *static_cast<Fn**>(s); };
    }
  }

  explicit operator bool() const noexcept { return invoke_ != nullptr; }
  void operator()() { invoke_(storage_); }

  // Drops the callable (and whatever it captured) before the owner itself goes away.
  void reset() noexcept {
    if (destroy_) destroy_(storage_);
    invoke_ = nullptr;
    destroy_ = nullptr;
  }

 private:
  alignas(std::max_align_t) unsigned char storage_[capacity];
  void (*invoke_)(void*) = nullptr;
  void (*destroy_)(void*) = nullptr;
};

}  // namespace coroscope::detail
