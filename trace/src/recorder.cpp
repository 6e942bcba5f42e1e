#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

StringTable::StringTable() { intern(""); }

std::uint32_t StringTable::intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(strings_.size());
  ids_.emplace(strings_.emplace_back(text), id);
  return id;
}

void Recorder::record(const TraceEvent& event) {
  if (cursor_ == chunk_end_) next_chunk();
  *cursor_++ = event;
  ++size_;
  if (event.kind == TraceKind::task_created || event.kind == TraceKind::task_renamed) task_names_[event.task] = event.a;
}

void Recorder::next_chunk() {
  const std::size_t index = size_ / chunk_size;
  if (index == chunks_.size()) chunks_.push_back(std::make_unique_for_overwrite<TraceEvent[]>(chunk_size));
  cursor_ = chunks_[index].get();
  chunk_end_ = cursor_ + chunk_size;
}

std::string_view Recorder::task_name(std::uint32_t task) const {
  auto it = task_names_.find(task);
  return it == task_names_.end() ? std::string_view() : std::string_view(strings_[it->second]);
}

// Keeps the chunks, as vector::clear keeps its capacity: a recorder reused for the next run
// writes into memory it already touched.
void Recorder::clear() {
  size_ = 0;
  cursor_ = chunk_end_ = nullptr;
  task_names_.clear();
}

}  // namespace coroscope::trace
