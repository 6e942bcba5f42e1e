#pragma once
// RingBuffer<T>: the FIFO behind the loop's ready queue (asyncio uses collections.deque).
// A power-of-two array indexed modulo its size: push_back and pop_front touch one slot and
// allocate only when the queue outgrows every size it had before.
#include <cstddef>
#include <memory>
#include <utility>

namespace coroscope::detail {

template <class T>
class RingBuffer {
 public:
  std::size_t size() const noexcept { return tail_ - head_; }
  bool empty() const noexcept { return head_ == tail_; }

  void push_back(T&& value) {
    if (size() == capacity_) [[unlikely]]
      grow();
    slots_[tail_++ & (capacity_ - 1)] = std::move(value);
  }

  // The slot keeps a moved-from value until it is written again (a plain pointer: itself).
  T pop_front() { return std::move(slots_[head_++ & (capacity_ - 1)]); }

  const T& operator[](std::size_t i) const { return slots_[(head_ + i) & (capacity_ - 1)]; }

 private:
  // Out of line: inlined, its register use would cost every push_back a prologue.
  [[gnu::noinline]] void grow() {
    std::size_t bigger = capacity_ ? capacity_ * 2 : 64;
    auto slots = std::make_unique<T[]>(bigger);
    for (std::size_t i = 0, n = size(); i < n; ++i) slots[i] = pop_front_unchecked(i);
    std::size_t n = size();
    slots_ = std::move(slots);
    capacity_ = bigger;
    head_ = 0;
    tail_ = n;
  }
  T pop_front_unchecked(std::size_t i) { return std::move(slots_[(head_ + i) & (capacity_ - 1)]); }

  std::unique_ptr<T[]> slots_;
  std::size_t capacity_ = 0;
  std::size_t head_ = 0;  // ever-increasing positions; the slot is position & (capacity - 1)
  std::size_t tail_ = 0;
};

}  // namespace coroscope::detail
