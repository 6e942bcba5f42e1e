#pragma once
// Intrusive reference counting for the runtime's shared objects (future states, handles,
// the loop). The runtime is single-threaded, so the count is a plain integer: no atomics.
#include <cstdint>
#include <utility>

#include "coroscope/detail/pool.hpp"

namespace coroscope::detail {

class RefCounted : public PoolAllocated {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;

  void add_ref() noexcept { ++refs_; }
  void release() noexcept {
    if (--refs_ == 0) delete this;
  }
  std::uint32_t ref_count() const noexcept { return refs_; }

 protected:
  virtual ~RefCounted() = default;

 private:
  std::uint32_t refs_ = 0;
};

// Ref<T>: an owning pointer to a RefCounted object, like a Python reference.
template <class T>
class Ref {
 public:
  Ref() noexcept = default;
  Ref(std::nullptr_t) noexcept {}
  explicit Ref(T* p) noexcept : p_(p) {
    if (p_) p_->add_ref();
  }
  // Takes over a reference that `p` already carries (see adopt()).
  struct Adopt {};
  Ref(T* p, Adopt) noexcept : p_(p) {}
  Ref(const Ref& o) noexcept : Ref(o.p_) {}
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  Ref(const Ref<U>& o) noexcept : Ref(static_cast<T*>(o.get())) {}
  template <class U>
  Ref(Ref<U>&& o) noexcept : p_(static_cast<T*>(o.detach())) {}
  ~Ref() {
    if (p_) p_->release();
  }
  Ref& operator=(const Ref& o) noexcept {
    Ref(o).swap(*this);
    return *this;
  }
  // Takes o's reference without touching either count; only the old target is released.
  Ref& operator=(Ref&& o) noexcept {
    T* old = std::exchange(p_, std::exchange(o.p_, nullptr));
    if (old) old->release();
    return *this;
  }

  T* get() const noexcept { return p_; }
  T* operator->() const noexcept { return p_; }
  T& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  T* detach() noexcept { return std::exchange(p_, nullptr); }
  void reset() noexcept { Ref().swap(*this); }
  void swap(Ref& o) noexcept { std::swap(p_, o.p_); }

  friend bool operator==(const Ref& a, const Ref& b) noexcept { return a.p_ == b.p_; }

 private:
  T* p_ = nullptr;
};

// Takes ownership of a pointer that already carries the reference it hands over.
template <class T>
Ref<T> adopt(T* p) noexcept {
  return Ref<T>(p, typename Ref<T>::Adopt{});
}

}  // namespace coroscope::detail
