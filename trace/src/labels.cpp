#include "labels.hpp"

namespace coroscope::trace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string site(std::string_view file, std::uint32_t line) {
  if (auto slash = file.rfind('/'); slash != std::string_view::npos) file.remove_prefix(slash + 1);
  return std::string(file) + ":" + std::to_string(line);
}

namespace {
std::string without_template_arguments(std::string_view function) {
  return std::string(function.substr(0, function.find('<')));
}
}  // namespace

AwaitChain await_chain(const Recorder& recorder, std::size_t suspend, std::string_view coroutine) {
  const TraceEvent& e = recorder[suspend];
  const StringTable& strings = recorder.strings();
  AwaitChain chain{{}, site(strings[e.a], e.b), suspend + 1};
  std::uint32_t task_file = 0;
  for (; chain.end < recorder.size(); ++chain.end) {
    const TraceEvent& frame = recorder[chain.end];
    if (frame.kind != TraceKind::await_frame || frame.task != e.task) break;
    chain.functions.push_back(without_template_arguments(strings[frame.a]));
    if (chain.functions.size() == 1) task_file = frame.c;
    if (frame.c == task_file) chain.site = site(strings[frame.c], frame.b);
  }
  if (chain.functions.empty()) chain.functions.push_back(without_template_arguments(coroutine));
  return chain;
}

void Labels::apply(const TraceEvent& e) {
  switch (e.kind) {
    case TraceKind::task_created:
      coroutines_[e.task] = e.b;
      [[fallthrough]];
    case TraceKind::task_renamed:
      names_[e.task] = strings_[e.a];
      task_ordinal(e.task);
      break;
    case TraceKind::future_created:
      kinds_[e.future] = static_cast<FutureKind>(e.detail);
      break;
    default:
      break;
  }
}

std::string Labels::task(std::uint32_t id) const {
  auto name = names_.find(id);
  return name != names_.end() ? name->second : "task #" + std::to_string(id);
}

std::string_view Labels::coroutine(std::uint32_t task) const {
  auto coroutine = coroutines_.find(task);
  return coroutine != coroutines_.end() ? std::string_view(strings_[coroutine->second]) : std::string_view();
}

std::string Labels::future(std::uint32_t id, std::optional<FutureKind> kind) {
  if (is_task(id)) return task(id);
  if (!kind) {
    auto known = kinds_.find(id);
    kind = known != kinds_.end() ? known->second : FutureKind::plain;
  }
  return std::string(to_string(*kind)) + " #" + std::to_string(ordinal(future_numbers_, id));
}

std::string Labels::handle(const HandleInfo& h) {
  switch (h.kind) {
    case HandleKind::task_step:
      return task(h.task) + " step";
    case HandleKind::task_wakeup:
      return task(h.task) + " wakeup";
    case HandleKind::done_callback:
      return future(h.future) + " done callback";
    case HandleKind::callback:
      return h.future ? future(h.future) + " timer" : "callback";
  }
  return "handle";
}

}  // namespace coroscope::trace
