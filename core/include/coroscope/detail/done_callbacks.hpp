#pragma once
// DoneCallbacks: a future's done callbacks, kept as CPython's C Future keeps them
// (fut_callback0, then fut_callbacks) and in 16 bytes: most futures get exactly one callback
// (the task awaiting them), which is kept inline; a second one moves both into a list, which
// then holds them all, in registration order.
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "coroscope/detail/pool.hpp"
#include "coroscope/detail/ref_counted.hpp"

namespace coroscope::detail {

class FutureBase;

// A done callback: a plain function and a reference-counted context (the box holding a user's
// callable, gather's state). The context is the callback's identity for removal. A callback
// with no function wakes the task that is its context (Task.__wakeup).
struct DoneCallback {
  using Fn = void (*)(RefCounted& context, FutureBase& future);
  Fn fn = nullptr;
  Ref<RefCounted> context;
};

class DoneCallbacks {
 public:
  DoneCallbacks() noexcept : list_(nullptr) {}
  DoneCallbacks(const DoneCallbacks&) = delete;
  DoneCallbacks& operator=(const DoneCallbacks&) = delete;
  ~DoneCallbacks() { clear(); }

  std::size_t size() const noexcept { return context_ ? 1 : list_ ? list_->size() : 0; }

  void push_back(DoneCallback&& cb) {
    if (!context_ && !list_) {
      fn_ = cb.fn;
      context_ = std::move(cb.context);
      return;
    }
    push_to_list(std::move(cb));
  }

  // Future.remove_done_callback: removes every registration of (fn, context); says how many.
  std::size_t remove(DoneCallback::Fn fn, const RefCounted* context) noexcept {
    if (context_) {
      if (fn_ != fn || context_.get() != context) return 0;
      clear();
      return 1;
    }
    if (!list_) return 0;
    return std::erase_if(*list_, [&](const DoneCallback& cb) { return cb.fn == fn && cb.context.get() == context; });
  }

  // Hands every callback to `f`, in registration order. They are taken out first, as CPython
  // empties self._callbacks before its call_soon loop, so none is left even if `f` throws.
  template <class F>
  void take_all(F f) {
    if (context_) {
      DoneCallback cb{fn_, std::move(context_)};
      list_ = nullptr;
      f(std::move(cb));
    } else if (list_) {
      const std::unique_ptr<List> list(std::exchange(list_, nullptr));
      for (DoneCallback& cb : *list) f(std::move(cb));
    }
  }

  void clear() noexcept {
    if (context_) {
      context_.reset();
      list_ = nullptr;
    } else {
      delete std::exchange(list_, nullptr);
    }
  }

 private:
  using List = std::vector<DoneCallback, PoolAllocator<DoneCallback>>;

  // Out of line: inlined, the list's growth would cost every add_done_callback a prologue.
  [[gnu::noinline]] void push_to_list(DoneCallback&& cb) {
    if (context_) {  // the inline callback goes first, which keeps registration order
      auto list = std::make_unique<List>();
      list->push_back({fn_, std::move(context_)});
      list_ = list.release();
    }
    list_->push_back(std::move(cb));
  }

  // While context_ is set, the one callback is inline and fn_ is its function; otherwise
  // list_ holds them all, or is null when there are none.
  Ref<RefCounted> context_;
  union {
    DoneCallback::Fn fn_;
    List* list_;
  };
};

}  // namespace coroscope::detail
