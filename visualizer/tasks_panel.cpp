// One card per task, in creation order: its state and, for a suspended task, the await chain
// from its coroutine down to the future it waits on, with lines, as asyncio 3.14's pstree
// prints it; then who awaits it. A task never waits on its callers: the chain goes down into
// the coroutines it awaits, "awaited by" goes up to the tasks that await it.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

// "main() :21 → fetch() :8 → await sleep(0.3) sleep #4"
std::string await_chain(const trace::LoopModel& model, const trace::TaskModel& t) {
  switch (t.state) {
    case trace::TaskState::ready:
      return t.steps == 0 ? "created: first step queued"
             : t.waits_on ? "ready: wakeup queued"
                          : "ready: next step queued";
    case trace::TaskState::running:
      return t.coroutine + "() is running its step";
    case trace::TaskState::done:
      return "done: returned";
    case trace::TaskState::cancelled:
      return "cancelled: CancelledError ended it";
    case trace::TaskState::raised:
      return "raised " + t.exception;
    case trace::TaskState::suspended:
      break;
  }
  std::string text;
  for (const trace::Frame& f : t.await_chain)
    text += short_function(f.function) + "() :" + std::to_string(f.line) + " \xE2\x86\x92 ";
  // "gather #1" names the future more exactly than the lane's "gather"; "sleep(0.3)" says more
  // than "sleep #2".
  const std::string future = t.waits_on ? model.label(t.waits_on) : std::string();
  return text + "await " + (future.starts_with(t.waits_on_label) ? future : t.waits_on_label);
}

// The futures that wrap a task for someone else (a gather's children, wait_for's inner task):
// created by the same task in the same step as the task itself.
bool wraps_children(FutureKind kind) {
  return kind == FutureKind::gather || kind == FutureKind::shield || kind == FutureKind::wait_for ||
         kind == FutureKind::wait || kind == FutureKind::task_group;
}

// Who waits for this task: tasks suspended on it, and a pending gather (or wait_for, ...) that
// was created along with it, with the tasks suspended on that.
std::string awaited_by(const trace::LoopModel& model, const trace::TaskModel& t) {
  std::string who;
  auto add = [&](const std::string& name) { who += (who.empty() ? "" : ", ") + name; };
  for (const trace::TaskModel& other : model.tasks())
    if (other.waits_on == t.id && other.state == trace::TaskState::suspended) add(other.name);
  // Futures are in creation order: those of the task's step are found by binary search.
  const auto& futures = model.futures();
  auto f_it = std::partition_point(futures.begin(), futures.end(),
                                   [&](const trace::FutureModel& f) { return f.created_step < t.created_step; });
  if (!trace::is_finished(t.state))
    for (; f_it != futures.end() && f_it->created_step == t.created_step; ++f_it) {
      const trace::FutureModel& f = *f_it;
      if (!wraps_children(f.kind) || f.state != trace::FutureState::pending || f.created_by != t.created_by) continue;
      std::string waiters;
      for (std::uint32_t w : f.waiters) waiters += (waiters.empty() ? " \xE2\x86\x90 " : ", ") + model.label(w);
      add(f.label + waiters);
    }
  return who.empty() ? std::string() : "\xE2\x86\xB3 awaited by " + who;
}

// What a task suspended on a gather (or wait_for, ...) waits for: the children created with it.
std::string waiting_on(const trace::LoopModel& model, const trace::TaskModel& t) {
  const trace::FutureModel* f = t.state == trace::TaskState::suspended ? model.future(t.waits_on) : nullptr;
  if (!f || !wraps_children(f->kind)) return {};
  std::string pending;
  std::size_t children = 0, done = 0;
  for (const trace::TaskModel& child : model.tasks()) {
    if (child.created_by != f->created_by || child.created_step != f->created_step || child.id == t.id) continue;
    ++children;
    if (trace::is_finished(child.state))
      ++done;
    else
      pending += (pending.empty() ? "" : ", ") + child.name;
  }
  if (children == 0) return {};
  return "\xE2\x86\xB3 waiting on " + (pending.empty() ? std::string("none") : pending) + "  (" + std::to_string(done) +
         " of " + std::to_string(children) + " done)";
}

std::string cancelled_by(const trace::LoopModel& model, const trace::TaskModel& t) {
  if (!t.cancel_requested) return {};
  std::string text = trace::is_finished(t.state) ? "cancelled by " : "cancel() requested by ";
  text += t.cancel_requested_by ? model.label(t.cancel_requested_by) : "code outside any task";
  if (!t.cancel_message.empty()) text += " (\"" + t.cancel_message + "\")";
  return text;
}

void task_card(PanelContext& ctx, const trace::TaskModel& t, bool changed) {
  const Theme& theme = ctx.theme;
  const std::string id = std::to_string(t.id);
  const Row row = list_row(ctx, id.c_str(), row_height(3), changed, t.id == ctx.ui.selected_task);
  if (row.clicked) ctx.requests.select_task = t.id == ctx.ui.selected_task ? 0 : t.id;
  if (!ImGui::IsItemVisible()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetFontSize() * 1.3f;
  const float y1 = row.min.y + line * 0.5f + 2, y2 = y1 + line, y3 = y2 + line;
  float x = row.min.x + 2;
  x += task_badge(ctx, dl, x, y1, t.id) + 8;
  x += text_mid(dl, ctx.fonts.bold, x, y1, theme.text, t.name) + 8;
  const std::string state = to_string(t.state);
  std::string upper(state);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return char(std::toupper(c)); });
  const float pw = pill_width(ctx, upper);
  dl->PushClipRect(row.min, ImVec2(row.max.x - pw - 10, row.max.y), true);
  text_mid(dl, ctx.fonts.mono, x, y1, theme.text_faint, t.coroutine + "()");
  dl->PopClipRect();
  pill(ctx, dl, row.max.x - pw - 6, y1, upper, theme.state(t.state), t.state == trace::TaskState::running);

  dl->PushClipRect(row.min, ImVec2(row.max.x - 6, row.max.y), true);
  const Color chain_ink = t.state == trace::TaskState::raised ? theme.raised : theme.text;
  text_mid(dl, ctx.fonts.mono, row.min.x + 10, y2, chain_ink, await_chain(ctx.model, t));
  std::string third = cancelled_by(ctx.model, t);
  if (third.empty()) third = waiting_on(ctx.model, t);
  if (third.empty()) third = awaited_by(ctx.model, t);
  text_mid(dl, ctx.fonts.small, row.min.x + 10, y3, t.cancel_requested ? theme.cancelled : theme.text_faint, third);
  dl->PopClipRect();
  if (row.hovered && !t.await_chain.empty()) {
    ImGui::BeginTooltip();
    await_chain_text(t, "");
    ImGui::EndTooltip();
  }
}

}  // namespace

ContentHeight tasks_content_height(const PanelContext& ctx) {
  const std::size_t cards = ctx.model.tasks().size();
  return {.all = float(std::max<std::size_t>(cards, 1)) * row_pitch(3), .least = row_pitch(3)};
}

void draw_tasks_panel(PanelContext& ctx) {
  const trace::LoopModel& model = ctx.model;
  const auto live = std::count_if(model.tasks().begin(), model.tasks().end(),
                                  [](const trace::TaskModel& t) { return !trace::is_finished(t.state); });
  panel_subtitle(ctx, "await chains  \xC2\xB7  " + std::to_string(live) + " of " +
                          std::to_string(model.tasks().size()) + " alive");
  if (model.tasks().empty()) ImGui::TextDisabled("no task yet");
  const auto& changed = model.changes().tasks;
  // Follow the task whose step is shown: scroll its card into view when it changes.
  const std::uint32_t follow = stepped_task(model);
  if (changed_since_last_frame("follow", int(follow)))
    if (const trace::TaskModel* t = model.task(follow)) scroll_to_row(t->ordinal - 1, row_pitch(3));
  const float top = ImGui::GetCursorScreenPos().y;
  clipped_rows(model.tasks().size(), row_pitch(3), [&](std::size_t i) {
    const trace::TaskModel& t = model.tasks()[i];
    task_card(ctx, t, std::find(changed.begin(), changed.end(), t.id) != changed.end());
  });
  more_below(ctx, top, model.tasks().size(), row_pitch(3));
}

}  // namespace coroscope::visualizer
