#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

StringTable::StringTable() { intern(""); }

std::uint32_t StringTable::intern(std::string_view text) {
  if (auto it = ids_.find(text); it != ids_.end()) return it->second;
  auto id = static_cast<std::uint32_t>(strings_.size());
  ids_.emplace(strings_.emplace_back(text), id);
  return id;
}

void Recorder::next_block() {
  const std::size_t index = next_ ? chunk_index_ + 1 : 0;
  if (index == chunks_.size()) chunks_.push_back(std::make_unique_for_overwrite<TraceEvent[]>(chunk_size));
  chunk_index_ = index;
  next_ = chunks_[index].get();
  end_ = next_ + chunk_size;
}

std::string_view Recorder::task_name(std::uint32_t task) const {
  for (const std::size_t n = size(); names_learnt_ < n; ++names_learnt_) {
    const TraceEvent& e = (*this)[names_learnt_];
    if (e.kind == TraceKind::task_created || e.kind == TraceKind::task_renamed) task_names_[e.task] = e.a;
  }
  auto it = task_names_.find(task);
  return it == task_names_.end() ? std::string_view() : std::string_view(strings_[it->second]);
}

// Keeps the chunks, as vector::clear keeps its capacity: a recorder reused for the next run
// writes into memory it already touched.
void Recorder::clear() {
  next_ = end_ = nullptr;
  chunk_index_ = 0;
  task_names_.clear();
  names_learnt_ = 0;
}

}  // namespace coroscope::trace
