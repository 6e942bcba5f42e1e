#include "coroscope/trace/recorder.hpp"

#include <algorithm>

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
  if (index == chunks_.size())
    chunks_.emplace_back(static_cast<TraceEvent*>(::operator new(chunk_size * sizeof(TraceEvent))));
  chunk_index_ = index;
  next_ = chunks_[index].get();
  end_ = next_ + chunk_size;
}

void Recorder::learn() const {
  for (const std::size_t n = size(); learnt_ < n; ++learnt_) {
    const TraceEvent& e = (*this)[learnt_];
    if (e.kind == TraceKind::task_created || e.kind == TraceKind::task_renamed) task_names_[e.task] = e.a;
    if (e.kind == TraceKind::iteration_begin) iteration_begins_.push_back(learnt_);
  }
}

std::uint32_t Recorder::iteration(std::size_t i) const {
  learn();
  return static_cast<std::uint32_t>(std::upper_bound(iteration_begins_.begin(), iteration_begins_.end(), i) -
                                    iteration_begins_.begin());
}

double Recorder::time(std::size_t i) const {
  const std::uint32_t k = iteration(i);
  if (k > 0) return (*this)[iteration_begins_[k - 1]].value;
  return iteration_begins_.empty() ? 0.0 : (*this)[iteration_begins_.front()].value;
}

std::string_view Recorder::task_name(std::uint32_t task) const {
  learn();
  auto it = task_names_.find(task);
  return it == task_names_.end() ? std::string_view() : std::string_view(strings_[it->second]);
}

// Keeps the chunks, as vector::clear keeps its capacity: a recorder reused for the next run
// writes into memory it already touched.
void Recorder::clear() {
  next_ = end_ = nullptr;
  chunk_index_ = 0;
  task_names_.clear();
  iteration_begins_.clear();
  learnt_ = 0;
}

}  // namespace coroscope::trace
