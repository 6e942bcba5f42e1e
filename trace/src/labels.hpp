#pragma once
// How the views name what a trace mentions: a task by its name at that point of the trace, a
// future as "sleep #3" (numbered in the order this trace shows futures, so the text does not
// depend on what ran earlier in the same process), a handle by what it will run.
#include <coroscope/future.hpp>
#include <coroscope/handle.hpp>
#include <coroscope/trace.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coroscope/trace/recorder.hpp"

namespace coroscope::trace {

// What a handle will run, as the loop's handle events describe it.
struct HandleInfo {
  HandleKind kind = HandleKind::callback;
  std::uint32_t task = 0;    // the task it steps or wakes
  std::uint32_t future = 0;  // the future whose completion scheduled it, or that its timer ends
};
inline HandleInfo handle_info(const TraceEvent& e) { return {static_cast<HandleKind>(e.detail), e.task, e.future}; }
// Whether a handle_run starts a step of its task (Task.__step, or Task.__wakeup then __step).
inline bool starts_step(const TraceEvent& e) {
  const auto kind = static_cast<HandleKind>(e.detail);
  return e.kind == TraceKind::handle_run && (kind == HandleKind::task_step || kind == HandleKind::task_wakeup);
}

// "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view separator);

// "lesson.cpp:12": a student knows which file; the directories are noise.
std::string site(std::string_view file, std::uint32_t line);

// A suspended task's await chain, from a `suspend` event and the await_frame events after it
// (none when the chain is the task's coroutine alone, named `coroutine`).
struct AwaitChain {
  std::vector<std::string> functions;  // "main_", "greet": template arguments dropped
  std::string site;                    // where it waits, as the student sees it (lesson.cpp:8)
  std::size_t end;                     // the index after the chain's last event
};
// The site is the innermost frame in the file of the task's own coroutine: the lesson's line
// that awaited Event.wait, not the line inside Event.wait.
AwaitChain await_chain(const Recorder& recorder, std::size_t suspend, std::string_view coroutine);

class Labels {
 public:
  explicit Labels(const StringTable& strings) : strings_(strings) {}

  // Learns names and kinds from an event: call it for every event, in order, after naming
  // what the event mentions.
  void apply(const TraceEvent& e);

  bool is_task(std::uint32_t id) const { return names_.contains(id); }
  // Its name ("task #7" before its task_created is applied).
  std::string task(std::uint32_t id) const;
  // The name of the coroutine it runs ("" before its task_created is applied).
  std::string_view coroutine(std::uint32_t task) const;
  // 1, 2, ... in the order tasks appear: a stable colour or lane for each.
  std::uint32_t task_ordinal(std::uint32_t id) { return ordinal(task_ordinals_, id); }
  // "sleep #3", or a task's name. `kind` names a future whose future_created is not applied yet.
  std::string future(std::uint32_t id, std::optional<FutureKind> kind = {});
  // An entry of the ready queue: "Task-2 step", "Task-1 wakeup", "sleep #1 timer".
  std::string handle(const HandleInfo& h);

 private:
  static std::uint32_t ordinal(std::unordered_map<std::uint32_t, std::uint32_t>& ordinals, std::uint32_t id) {
    return ordinals.try_emplace(id, static_cast<std::uint32_t>(ordinals.size() + 1)).first->second;
  }

  const StringTable& strings_;
  std::unordered_map<std::uint32_t, std::string> names_;         // task id -> its name now
  std::unordered_map<std::uint32_t, std::uint32_t> coroutines_;  // task id -> its coroutine's name
  std::unordered_map<std::uint32_t, FutureKind> kinds_;
  std::unordered_map<std::uint32_t, std::uint32_t> task_ordinals_;
  std::unordered_map<std::uint32_t, std::uint32_t> future_numbers_;
};

}  // namespace coroscope::trace
