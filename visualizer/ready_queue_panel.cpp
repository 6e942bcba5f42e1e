// The ready queue, as BaseEventLoop._run_once sees it: at the start of an iteration it takes a
// snapshot of the queue's length and runs exactly that many handles; whatever they schedule
// (call_soon, a task's wakeup) waits behind the snapshot, for the next iteration.
#include <imgui.h>

#include <string>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

// An entry's title: a done callback by its own name (the line below names its future), any
// other handle by its label.
const std::string& title(const std::string& label, const std::string& callback) {
  return callback.empty() ? label : callback;
}

// What running the handle will do, in asyncio's words.
// `running`: the entry is the step shown, which has begun (the task's steps count it).
std::string what_it_runs(const trace::LoopModel& model, HandleKind kind, std::uint32_t handle, std::uint32_t task,
                         std::uint32_t future, bool running) {
  const trace::TaskModel* t = model.task(task);
  const std::string coroutine = t ? t->coroutine + "()" : "the task";
  switch (kind) {
    case HandleKind::task_step:
      return t && t->steps == (running ? 1 : 0) ? "starts " + coroutine + ": its first step"
                                                : "continues " + coroutine + " after a bare yield";
    case HandleKind::task_wakeup:
      return "resumes " + coroutine + ": " + model.label(future) + " is done";
    case HandleKind::done_callback:
      return "a done callback of " + model.label(future);
    case HandleKind::callback:
      if (future) return "the timer of " + model.label(future) + ": completes it";
      return model.is_timer(handle) ? "a callback from call_later" : "a callback from call_soon";
  }
  return {};
}

// One entry: its place, the badge of the task it concerns (or a clock for a timer), what it is
// and, below, what it will run.
void entry_row(const PanelContext& ctx, const char* id, const std::string& place, const std::string& label,
               const std::string& runs, HandleKind kind, std::uint32_t task, std::uint32_t future, bool changed,
               bool running) {
  const Theme& theme = ctx.theme;
  const bool selected = task && task == ctx.ui.selected_task;
  const Row row =
      list_row(ctx, id, row_height(two_line_row), changed, selected, running ? theme.source_running_line : 0);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetFontSize() * two_line_spacing;
  const float y1 = (row.min.y + row.max.y - line) * 0.5f, y2 = y1 + line;
  float x = row.min.x + 2;
  x += text_mid(dl, ctx.fonts.mono, x, y1, theme.text_faint, place) + 8;
  if (kind == HandleKind::task_step || kind == HandleKind::task_wakeup) {
    x += task_badge(ctx, dl, x, y1, task) + 7;
  } else {
    clock_icon(dl, x + 7, y1, future ? theme.text : theme.callback, 6);
    x += 20;
  }
  const float label_end = running ? row.max.x - pill_width(ctx, "RUNNING") - 12 : row.max.x;
  dl->PushClipRect(row.min, ImVec2(label_end, row.max.y), true);
  text_mid(dl, ctx.fonts.bold, x, y1, theme.text, label);
  dl->PopClipRect();
  if (running) pill(ctx, dl, label_end + 6, y1, "RUNNING", theme.running, true);
  dl->PushClipRect(row.min, row.max, true);
  text_mid(dl, ctx.fonts.small, row.min.x + 22, y2, theme.text_faint, runs);
  dl->PopClipRect();
}

// The dashed rule under the snapshot: handles queued during this iteration run in the next one.
void next_iteration_rule(const PanelContext& ctx, bool none) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  dashed_line(ImGui::GetWindowDrawList(), at, ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y), ctx.theme.border,
              1.f, 4, 3);
  ImGui::Dummy(ImVec2(1, 2));
  ImGui::TextDisabled("queued for iteration %u%s", ctx.model.iteration() + 1, none ? ": none yet" : "");
}

float rule_height() { return 2 + ImGui::GetStyle().ItemSpacing.y + ImGui::GetTextLineHeightWithSpacing(); }

// The handles left in the snapshot, and the entry running now (0 or 1) that heads them.
std::size_t snapshot_left(const trace::LoopModel& model) {
  return std::min(model.snapshot_left(), model.ready().size());
}
std::size_t running_rows(const trace::LoopModel& model) { return model.current_handle() ? 1 : 0; }

}  // namespace

ContentHeight ready_queue_content_height(const PanelContext& ctx) {
  const std::size_t entries = running_rows(ctx.model) + ctx.model.ready().size();
  // At least the entry running and the next one, be it in this snapshot or the next iteration.
  return {.all = float(entries) * row_pitch(two_line_row) + rule_height(),
          .least = float(std::min<std::size_t>(entries, 2)) * row_pitch(two_line_row) + rule_height()};
}

void draw_ready_queue_panel(PanelContext& ctx) {
  const trace::LoopModel& model = ctx.model;
  const auto& ready = model.ready();
  const std::size_t snapshot = snapshot_left(model);
  panel_subtitle(ctx, "iteration " + std::to_string(model.iteration()) + " snapshot: " + std::to_string(snapshot) +
                          (snapshot == 1 ? " handle left" : " handles left"));
  const float top = ImGui::GetCursorScreenPos().y;
  // The handle of the step shown has left the queue: it heads the list, running.
  if (const trace::LoopStep* now = model.current_handle()) {
    entry_row(ctx, "now", "\xE2\x96\xB6", title(now->label, now->callback),
              what_it_runs(model, now->kind, now->handle, now->task, now->future, true), now->kind, now->task,
              now->future, false, true);
  }
  const bool changed = model.changes().ready;
  auto entry = [&](std::size_t i) {
    const trace::ReadyEntry& e = ready[i];
    const std::string id = std::to_string(e.handle);
    entry_row(ctx, id.c_str(), std::to_string(i + 1), title(e.label, e.callback),
              what_it_runs(model, e.kind, e.handle, e.task, e.future, false), e.kind, e.task, e.future,
              changed && e.queued_step == model.step(), false);
  };
  clipped_rows(snapshot, row_pitch(two_line_row), entry);
  next_iteration_rule(ctx, snapshot == ready.size());
  const float next_top = ImGui::GetCursorScreenPos().y;
  clipped_rows(ready.size() - snapshot, row_pitch(two_line_row), [&](std::size_t i) { entry(snapshot + i); });
  ctx.report.hide("ready queue", more_below(ctx, top, running_rows(model) + snapshot, row_pitch(two_line_row),
                                            ready.size() - snapshot) +
                                     more_below(ctx, next_top, ready.size() - snapshot, row_pitch(two_line_row)));
}

}  // namespace coroscope::visualizer
