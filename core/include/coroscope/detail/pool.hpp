#pragma once
// A per-thread free list of small blocks, by size class: the memory behind coroutine frames,
// future and task states and handles. The runtime creates and drops these at every step, so
// reusing a block of the same size is most of the difference between a fast loop and one that
// spends its time in malloc. Single-threaded by design (thread_local): no locks, no atomics.
//
// Under AddressSanitizer the pool is off, so every block is a fresh allocation that ASan can
// watch for use after free.
#include <cstddef>
#include <new>
#include <utility>

#if defined(__SANITIZE_ADDRESS__)
#define COROSCOPE_POOL_ENABLED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COROSCOPE_POOL_ENABLED 0
#endif
#endif
#ifndef COROSCOPE_POOL_ENABLED
#define COROSCOPE_POOL_ENABLED 1
#endif

namespace coroscope::detail {

class Pool {
 public:
  // Size classes 8 bytes apart: a pending task is several pooled objects, and rounding each
  // to 16 would cost up to 8 bytes apiece. Alignment stays right: an object's size is a
  // multiple of its alignment, and a block whose size is a multiple of 16 is 16-aligned
  // (slabs are carved at multiples of the block size from a 16-aligned start), while any
  // other block is 8-aligned, which is all an object of such a size can need.
  static constexpr std::size_t granularity = 8;
  static constexpr std::size_t max_block = 1024;

  void* allocate(std::size_t size) {
    if (!COROSCOPE_POOL_ENABLED || size > max_block || !alive_) return ::operator new(size);
    FreeBlock*& head = heads_[size_class(size)];
    if (!head) refill(size_class(size));
    void* block = std::exchange(head, head->next);
    // The next block of this size starts on its way now: blocks come back in the order their
    // objects died, which can be far from the order they were made (timers), so the list's
    // next link is often cold.
    __builtin_prefetch(head, 1);
    return block;
  }

  void deallocate(void* block, std::size_t size) noexcept {
    if (!COROSCOPE_POOL_ENABLED || size > max_block) {
      ::operator delete(block);
      return;
    }
    if (!alive_) return;  // the slabs are gone with the thread
    FreeBlock*& head = heads_[size_class(size)];
    head = ::new (block) FreeBlock{head};
  }

  // The pool is trivially destructible and constant-initialized, so reaching it costs no
  // thread_local guard check on every allocation: the slabs are released with the thread by
  // a separate SlabOwner, which the first refill() brings to life.
  static Pool& local() noexcept { return pool_; }

 private:
  struct FreeBlock {
    FreeBlock* next;
  };
  static constexpr std::size_t size_class(std::size_t size) noexcept { return (size + granularity - 1) / granularity; }
  static constexpr std::size_t slab_bytes = 64 * 1024;
  static constexpr std::size_t slab_header = 16;  // the slab list's link, padded to keep alignment

  // Carves a new slab into blocks of one size class: one allocation for hundreds of blocks.
  // Slabs live as long as the thread; freed blocks go back to their list, never to malloc.
  void refill(std::size_t cls) {
    const std::size_t block = cls * granularity;
    auto* slab = static_cast<FreeBlock*>(::operator new(slab_bytes));
    slab->next = std::exchange(slab_owner_.slabs, slab);
    auto* bytes = reinterpret_cast<unsigned char*>(slab);
    for (std::size_t offset = slab_header; offset + block <= slab_bytes; offset += block)
      heads_[cls] = ::new (bytes + offset) FreeBlock{heads_[cls]};
  }

  // Every slab, to release them with the thread; then the pool is no longer alive.
  struct SlabOwner {
    FreeBlock* slabs = nullptr;
    ~SlabOwner() {
      pool_.alive_ = false;
      while (slabs) ::operator delete(std::exchange(slabs, slabs->next));
    }
  };

  FreeBlock* heads_[max_block / granularity + 1] = {};
  bool alive_ = true;
  static constinit thread_local Pool pool_;
  static thread_local SlabOwner slab_owner_;
};
inline constinit thread_local Pool Pool::pool_;
inline thread_local Pool::SlabOwner Pool::slab_owner_;

// Gives a class pooled `new` and `delete` (sized delete: a virtual destructor passes the size
// of the most derived class).
struct PoolAllocated {
  static void* operator new(std::size_t size) { return Pool::local().allocate(size); }
  static void operator delete(void* block, std::size_t size) noexcept { Pool::local().deallocate(block, size); }
};

// An allocator for the runtime's small containers (a future's done callbacks).
template <class T>
struct PoolAllocator {
  using value_type = T;
  PoolAllocator() noexcept = default;
  template <class U>
  PoolAllocator(const PoolAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(Pool::local().allocate(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { Pool::local().deallocate(p, n * sizeof(T)); }
  friend bool operator==(const PoolAllocator&, const PoolAllocator&) noexcept { return true; }
};

}  // namespace coroscope::detail
