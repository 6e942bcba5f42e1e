#pragma once
// TimerQueue: the loop's scheduled timers (BaseEventLoop._scheduled), in (deadline, scheduling
// order) order. heapq compares TimerHandles by their _when; equal deadlines here run in
// scheduling order (DESIGN.md rule 2), so every key is unique and any correct structure pops
// the timers in the same order as heapq's.
//
// A binary heap, as heapq's, plus a sorted run. Popping the earliest of many timers from a heap
// walks a tree larger than the caches, level by dependent level. So when the heap has grown
// large (and at least as large as what is left of the run), its timers are sorted into the run
// at once, with a radix sort on the deadline, which has no comparisons to mispredict, and
// merged with the rest of the run. Popping from the run is reading the next element. Each
// timer is sorted into a run at most once per time the heap grows to the run's size, which
// keeps the cost per timer constant on average.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "coroscope/handle.hpp"

namespace coroscope::detail {

class TimerQueue {
 public:
  // An entry carries its deadline, so ordering reads the queue's arrays; only equal deadlines
  // read the handles, for their scheduling order. What an entry owns is the loop's business
  // (one reference to its handle); entries are plain, so moving one moves 16 bytes.
  struct Entry {
    double when;
    HandleState* handle;
  };

  bool empty() const noexcept { return heap_.empty() && head_ == run_.size(); }
  std::size_t size() const noexcept { return heap_.size() + (run_.size() - head_); }

  // The earliest timer (the queue is not empty).
  const Entry& front() const noexcept {
    if (head_ == run_.size()) return heap_.front();
    if (heap_.empty() || earlier(run_[head_], heap_.front())) return run_[head_];
    return heap_.front();
  }

  // heapq.heappush.
  void push(Entry entry) {
    heap_.push_back(entry);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }

  // heapq.heappop: removes and returns the earliest timer.
  Entry pop() {
    if (heap_.size() >= sort_threshold && heap_.size() >= run_.size() - head_) [[unlikely]]
      sort_heap_into_run();
    if (head_ < run_.size() && (heap_.empty() || earlier(run_[head_], heap_.front()))) return run_[head_++];
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const Entry earliest = heap_.back();
    heap_.pop_back();
    return earliest;
  }

  // Removes every entry `drop` accepts and restores the order (heapq.heapify), as _run_once
  // does when most of the queue is cancelled timers.
  template <class Drop>
  void remove_if(Drop drop) {
    std::erase_if(heap_, drop);
    std::make_heap(heap_.begin(), heap_.end(), later);
    run_.erase(std::remove_if(run_.begin() + static_cast<std::ptrdiff_t>(head_), run_.end(), drop), run_.end());
  }

  template <class F>
  void for_each(F f) const {
    for (const Entry& entry : heap_) f(entry);
    for (std::size_t i = head_; i < run_.size(); ++i) f(run_[i]);
  }
  void clear() noexcept {
    heap_.clear();
    run_.clear();
    head_ = 0;
  }

 private:
  // Below this many timers the heap alone is as fast: it fits the caches.
  static constexpr std::size_t sort_threshold = 4096;

  static bool earlier(const Entry& a, const Entry& b) noexcept {
    if (a.when != b.when) [[likely]]
      return a.when < b.when;
    return a.handle->timer_sequence() < b.handle->timer_sequence();
  }
  static bool later(const Entry& a, const Entry& b) noexcept { return earlier(b, a); }

  // Out of line (timer_queue.cpp): sorts the heap's entries and merges them into the run.
  void sort_heap_into_run();

  std::vector<Entry> heap_;  // a binary heap on (when, sequence)
  std::vector<Entry> run_;   // sorted on (when, sequence); run_[head_] is its earliest
  std::size_t head_ = 0;
};

}  // namespace coroscope::detail
