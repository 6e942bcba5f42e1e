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
  if (size_ % chunk_size == 0) chunks_.push_back(std::make_unique_for_overwrite<TraceEvent[]>(chunk_size));
  chunks_.back()[size_ % chunk_size] = event;
  ++size_;
  if (event.kind == TraceKind::task_created || event.kind == TraceKind::task_renamed) task_names_[event.task] = event.a;
}

std::string_view Recorder::task_name(std::uint32_t task) const {
  auto it = task_names_.find(task);
  return it == task_names_.end() ? std::string_view() : std::string_view(strings_[it->second]);
}

void Recorder::clear() {
  chunks_.clear();
  size_ = 0;
  task_names_.clear();
}

}  // namespace coroscope::trace
