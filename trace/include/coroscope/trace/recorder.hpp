#pragma once
// Recorder: the in-memory Tracer. Events go into fixed-size chunks, so appending is O(1)
// without ever copying what is recorded (a growing vector would copy gigabytes at 10 million
// events); strings are interned once each. Every view reads a Recorder.
#include <coroscope/trace.hpp>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <new>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace coroscope::trace {

// The interned strings of a trace: id 0 is "".
class StringTable {
 public:
  StringTable();
  std::uint32_t intern(std::string_view text);
  const std::string& operator[](std::uint32_t id) const { return strings_.at(id); }
  std::size_t size() const noexcept { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // a deque never moves its elements, so the views below stay valid
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

class Recorder final : public Tracer {
 public:
  static constexpr std::size_t chunk_size = 1 << 16;  // events per chunk (3 MiB)

  std::uint32_t intern(std::string_view text) override { return strings_.intern(text); }

  // The events recorded so far; an event's index + 1 is its sequence number.
  std::size_t size() const noexcept {
    return next_ ? chunk_index_ * chunk_size + static_cast<std::size_t>(next_ - chunks_[chunk_index_].get()) : 0;
  }
  const TraceEvent& operator[](std::size_t i) const { return chunks_[i / chunk_size][i % chunk_size]; }
  const StringTable& strings() const noexcept { return strings_; }
  StringTable& strings() noexcept { return strings_; }
  // The loop iteration event `i` belongs to: the number of iteration_begin events up to it (0
  // before the first), so the first iteration traced is 1.
  std::uint32_t iteration(std::size_t i) const;
  // loop.time() as event `i`'s iteration began (before the first iteration: as the first began).
  double time(std::size_t i) const;
  // The name a task had at event `i`'s time is not kept; this is its latest name.
  std::string_view task_name(std::uint32_t task) const;
  void clear();

  // Bytes of memory per recorded event (the chunks; strings are counted apart).
  static constexpr std::size_t bytes_per_event = sizeof(TraceEvent);
  // The memory the events take now: whole chunks, and the vector of chunk pointers.
  std::size_t event_bytes() const noexcept {
    return chunks_.size() * chunk_size * sizeof(TraceEvent) + chunks_.capacity() * sizeof(chunks_[0]);
  }

 private:
  void next_block() override;

  // A chunk is raw memory: the loop constructs each event in place (Tracer::claim), so nothing
  // is initialised ahead of it and a new chunk costs no pass over its 2.5 MB.
  struct FreeChunk {
    void operator()(TraceEvent* events) const noexcept { ::operator delete(events); }
  };
  std::vector<std::unique_ptr<TraceEvent[], FreeChunk>> chunks_;
  std::size_t chunk_index_ = 0;  // the chunk next_ points into
  StringTable strings_;
  // What the views ask about events — task names, where iterations begin — is learnt from the
  // events at the first question after new ones arrived: the loop writes events without
  // telling the recorder one by one.
  void learn() const;
  mutable std::unordered_map<std::uint32_t, std::uint32_t> task_names_;  // task id -> string id
  mutable std::vector<std::size_t> iteration_begins_;                    // their event indexes
  mutable std::size_t learnt_ = 0;                                       // events looked at
};

}  // namespace coroscope::trace
