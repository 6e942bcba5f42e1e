#include "coroscope/detail/timer_queue.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <iterator>
#include <utility>

namespace coroscope::detail {

namespace {
// The deadline as an unsigned integer that sorts as the double does (IEEE 754: set the sign
// bit of a positive number, flip every bit of a negative one); -0.0 counts as 0.0.
std::uint64_t sort_key(double when) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(when + 0.0);
  return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}
}  // namespace

void TimerQueue::sort_heap_into_run() {
  // An LSD radix sort of the heap's entries on their deadlines, a byte at a time: stable, with
  // no comparison to mispredict. A byte that every deadline shares (most of them, when the
  // deadlines are close together) takes no pass.
  constexpr int key_bytes = 8;
  std::array<std::array<std::size_t, 256>, key_bytes> counts{};
  for (const Entry& entry : heap_) {
    const std::uint64_t key = sort_key(entry.when);
    for (int byte = 0; byte < key_bytes; ++byte) ++counts[byte][(key >> (8 * byte)) & 0xff];
  }
  std::vector<Entry> buffer(heap_.size());
  std::vector<Entry>* from = &heap_;
  std::vector<Entry>* to = &buffer;
  for (int byte = 0; byte < key_bytes; ++byte) {
    std::array<std::size_t, 256>& slots = counts[byte];
    if (std::find(slots.begin(), slots.end(), heap_.size()) != slots.end()) continue;
    std::size_t offset = 0;
    for (std::size_t& slot : slots) offset += std::exchange(slot, offset);
    for (const Entry& entry : *from) (*to)[slots[(sort_key(entry.when) >> (8 * byte)) & 0xff]++] = entry;
    std::swap(from, to);
  }
  // Equal deadlines run in scheduling order; rare on a real clock.
  for (auto first = from->begin(); first != from->end();) {
    const auto last =
        std::find_if(first + 1, from->end(), [&](const Entry& entry) { return entry.when != first->when; });
    if (last - first > 1)
      std::sort(first, last,
                [](const Entry& a, const Entry& b) { return a.handle->timer_sequence() < b.handle->timer_sequence(); });
    first = last;
  }
  std::vector<Entry> sorted = std::move(*from);
  heap_.clear();
  if (head_ < run_.size()) {
    std::vector<Entry> merged;
    merged.reserve(run_.size() - head_ + sorted.size());
    std::merge(run_.begin() + static_cast<std::ptrdiff_t>(head_), run_.end(), sorted.begin(), sorted.end(),
               std::back_inserter(merged), earlier);
    sorted = std::move(merged);
  }
  run_ = std::move(sorted);
  head_ = 0;
}

}  // namespace coroscope::detail
