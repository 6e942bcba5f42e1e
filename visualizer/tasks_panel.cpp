// One card per task, in creation order: its state and, for a suspended task, the await chain
// from its coroutine down to the future it waits on, with lines, as asyncio 3.14's pstree
// prints it; then who awaits it. A task never waits on its callers: the chain goes down into
// the coroutines it awaits, "awaited by" goes up to the tasks that await it.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

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

// How a task is tied to others, for its card: a few words and the tasks' badges ("awaited by
// T1"), and the whole sentence for the tooltip ("↳ awaited by gather #1 ← Task-1").
struct Tie {
  std::string words;
  std::vector<std::uint32_t> tasks;
  std::string tail;  // after the badges: "1 of 3 done"
  std::string sentence;
  bool empty() const { return sentence.empty(); }
};

// Who waits for this task: tasks suspended on it, and a pending gather (or wait_for, ...) that
// was created along with it, with the tasks suspended on that.
Tie awaited_by(const trace::LoopModel& model, const trace::TaskModel& t) {
  Tie tie;
  tie.words = "awaited by";
  std::string who;
  auto add = [&](const std::string& name) { who += (who.empty() ? "" : ", ") + name; };
  for (const trace::TaskModel& other : model.tasks())
    if (other.waits_on == t.id && other.state == trace::TaskState::suspended) {
      add(other.name);
      tie.tasks.push_back(other.id);
    }
  // Futures are in creation order: those of the task's step are found by binary search.
  const auto& futures = model.futures();
  auto f_it = std::partition_point(futures.begin(), futures.end(),
                                   [&](const trace::FutureModel& f) { return f.created_step < t.created_step; });
  if (!trace::is_finished(t.state))
    for (; f_it != futures.end() && f_it->created_step == t.created_step; ++f_it) {
      const trace::FutureModel& f = *f_it;
      if (!wraps_children(f.kind) || f.state != trace::FutureState::pending || f.created_by != t.created_by) continue;
      std::string waiters;
      for (std::uint32_t w : f.waiters) {
        waiters += (waiters.empty() ? " \xE2\x86\x90 " : ", ") + model.label(w);
        tie.tasks.push_back(w);
      }
      add(f.label + waiters);
      if (f.waiters.empty()) tie.tail = f.label;
    }
  if (!who.empty()) tie.sentence = "\xE2\x86\xB3 awaited by " + who;
  return tie;
}

// What a task suspended on a gather (or wait_for, ...) waits for: the children created with it.
Tie waiting_on(const trace::LoopModel& model, const trace::TaskModel& t) {
  const trace::FutureModel* f = t.state == trace::TaskState::suspended ? model.future(t.waits_on) : nullptr;
  if (!f || !wraps_children(f->kind)) return {};
  Tie tie;
  tie.words = "awaits";
  std::string pending;
  std::size_t children = 0, done = 0;
  for (const trace::TaskModel& child : model.tasks()) {
    if (child.created_by != f->created_by || child.created_step != f->created_step || child.id == t.id) continue;
    ++children;
    if (trace::is_finished(child.state)) {
      ++done;
    } else {
      pending += (pending.empty() ? "" : ", ") + child.name;
      tie.tasks.push_back(child.id);
    }
  }
  if (children == 0) return {};
  tie.tail = std::to_string(done) + "/" + std::to_string(children) + " done";
  tie.sentence = "\xE2\x86\xB3 waiting on " + (pending.empty() ? std::string("none") : pending) + "  (" +
                 std::to_string(done) + " of " + std::to_string(children) + " done)";
  return tie;
}

Tie cancelled_by(const trace::LoopModel& model, const trace::TaskModel& t) {
  if (!t.cancel_requested) return {};
  Tie tie;
  tie.words = trace::is_finished(t.state) ? "cancelled by" : "cancel() by";
  std::string text = trace::is_finished(t.state) ? "cancelled by " : "cancel() requested by ";
  text += t.cancel_requested_by ? model.label(t.cancel_requested_by) : "code outside any task";
  if (t.cancel_requested_by)
    tie.tasks.push_back(t.cancel_requested_by);
  else
    tie.tail = "code outside any task";
  if (!t.cancel_message.empty()) text += " (\"" + t.cancel_message + "\")";
  tie.sentence = text;
  return tie;
}

// A card is two lines: the task (badge, name, state) and who it is tied to (who cancelled it,
// who awaits it, or what it waits for), then its await chain folded into one line as pstree
// folds it. Both lines are clipped; the tooltip has them whole.
// A task that returned or raised has nothing to wait on and no one to be awaited by: its card
// is one line (a cancelled one keeps its second: who cancelled it).
bool one_line_card(const trace::TaskModel& t) {
  return (t.state == trace::TaskState::done || t.state == trace::TaskState::raised) && !t.cancel_requested;
}

float card_height(const trace::TaskModel& t) { return row_height(one_line_card(t) ? one_line_row : two_line_row); }

// The cards' tops from the first's (and, last, the end of the list), each card's spacing after it.
std::vector<float> card_offsets(const trace::LoopModel& model) {
  std::vector<float> offsets{0};
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  for (const trace::TaskModel& t : model.tasks()) offsets.push_back(offsets.back() + card_height(t) + spacing);
  return offsets;
}

void task_card(PanelContext& ctx, const trace::TaskModel& t, bool changed) {
  const Theme& theme = ctx.theme;
  const std::string id = std::to_string(t.id);
  const Row row = list_row(ctx, id.c_str(), card_height(t), changed, t.id == ctx.ui.selected_task);
  if (row.clicked) ctx.requests.select_task = t.id == ctx.ui.selected_task ? 0 : t.id;
  if (!ImGui::IsItemVisible()) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool one_line = one_line_card(t);
  const float line = ImGui::GetFontSize() * two_line_spacing;
  const float y1 = one_line ? (row.min.y + row.max.y) * 0.5f : (row.min.y + row.max.y - line) * 0.5f, y2 = y1 + line;
  dl->PushClipRect(row.min, ImVec2(row.max.x - 6, row.max.y), true);
  float x = row.min.x + 2;
  x += task_badge(ctx, dl, x, y1, t.id) + 6;
  x += text_mid(dl, ctx.fonts.bold, x, y1, theme.text, t.name) + 8;
  // The state: a swatch of the lanes' colour and its name.
  const float r = ImGui::GetFontSize() * 0.3f;
  const Color state_color = theme.state(t.state);
  dl->AddRectFilled(ImVec2(x, y1 - r), ImVec2(x + 2 * r, y1 + r), state_color, r * 0.4f);
  if (t.state == trace::TaskState::suspended || t.state == trace::TaskState::done)
    dl->AddRect(ImVec2(x, y1 - r), ImVec2(x + 2 * r, y1 + r), suspended_edge(theme), r * 0.4f);
  x += 2 * r + 4;
  const bool running = t.state == trace::TaskState::running;
  x += text_mid(dl, running ? ctx.fonts.bold : ctx.fonts.small, x, y1, running ? theme.running : theme.text_faint,
                to_string(t.state)) +
       10;
  Tie tie = cancelled_by(ctx.model, t);
  if (tie.empty()) tie = awaited_by(ctx.model, t);
  if (tie.empty()) tie = waiting_on(ctx.model, t);
  if (!tie.empty()) {
    const Color ink = t.cancel_requested ? theme.cancelled : theme.text_faint;
    x += text_mid(dl, ctx.fonts.small, x, y1, ink, tie.words) + 5;
    // As many badges as fit, then "+N" for the others (the tooltip names them all).
    const float limit = row.max.x - 8;
    std::size_t shown = 0;
    for (; shown < tie.tasks.size(); ++shown) {
      const trace::TaskModel* other = ctx.model.task(tie.tasks[shown]);
      const float w = other ? chip_width(ctx.fonts.small, "T" + std::to_string(other->ordinal)) : 0;
      const float more = shown + 1 < tie.tasks.size() ? text_size(ctx.fonts.small, "+99").x + 4 : 0;
      if (x + w + more > limit) break;
      x += task_badge(ctx, dl, x, y1, tie.tasks[shown], ctx.fonts.small) + 3;
    }
    if (shown < tie.tasks.size())
      x += text_mid(dl, ctx.fonts.small, x + 1, y1, ink, "+" + std::to_string(tie.tasks.size() - shown)) + 4;
    if (x + 2 + text_size(ctx.fonts.small, tie.tail).x <= limit)
      text_mid(dl, ctx.fonts.small, x + 2, y1, ink, tie.tail);
  }
  const Color chain_ink = t.state == trace::TaskState::raised ? theme.raised : theme.text;
  if (one_line && t.state == trace::TaskState::raised)
    text_mid(dl, ctx.fonts.mono, x, y1, theme.raised, t.exception);
  else if (one_line)
    text_mid(dl, ctx.fonts.small, x, y1, theme.text_faint, "returned");
  else
    text_mid(dl, ctx.fonts.mono, row.min.x + 10, y2, chain_ink, await_chain(ctx.model, t));
  dl->PopClipRect();
  if (row.hovered) {
    ImGui::BeginTooltip();
    ImGui::Text("%s  %s()  %s", t.name.c_str(), t.coroutine.c_str(), to_string(t.state));
    if (!tie.empty()) ImGui::TextUnformatted(tie.sentence.c_str());
    await_chain_text(t, "  ");
    if (t.await_chain.empty()) ImGui::TextUnformatted(await_chain(ctx.model, t).c_str());
    ImGui::EndTooltip();
  }
}

}  // namespace

ContentHeight tasks_content_height(const PanelContext& ctx) {
  // A lesson's tasks all show when the column has room (up to eight: then the list scrolls).
  const std::vector<float> offsets = card_offsets(ctx.model);
  if (offsets.size() == 1) return {.all = row_pitch(two_line_row), .least = row_pitch(two_line_row)};
  return {.all = offsets.back(), .least = offsets[std::min<std::size_t>(offsets.size() - 1, 8)]};
}

void draw_tasks_panel(PanelContext& ctx) {
  const trace::LoopModel& model = ctx.model;
  const auto& tasks = model.tasks();
  const auto live =
      std::count_if(tasks.begin(), tasks.end(), [](const trace::TaskModel& t) { return !trace::is_finished(t.state); });
  panel_subtitle(ctx,
                 "await chains  \xC2\xB7  " + std::to_string(live) + " of " + std::to_string(tasks.size()) + " alive");
  if (tasks.empty()) {
    ImGui::TextDisabled("no task yet");
    return;
  }
  const auto& changed = model.changes().tasks;
  const std::vector<float> offsets = card_offsets(model);
  const float start = ImGui::GetCursorPosY(), top = ImGui::GetCursorScreenPos().y;
  // Follow the task whose step is shown: scroll its card into view when it changes.
  const std::uint32_t follow = stepped_task(model);
  if (changed_since_last_frame("follow", int(follow)))
    if (const trace::TaskModel* t = model.task(follow)) {
      const float card_top = start + offsets[t->ordinal - 1], card_bottom = start + offsets[t->ordinal];
      const float scroll = ImGui::GetScrollY(), height = ImGui::GetWindowHeight();
      if (card_top < scroll || card_bottom > scroll + height)
        ImGui::SetScrollY(std::max(0.f, card_top - height * 0.3f));
    }
  // Only the cards in view are laid out (a lesson may have thousands of tasks).
  const float scroll = ImGui::GetScrollY() - start, height = ImGui::GetWindowHeight();
  const auto after = std::upper_bound(offsets.begin(), offsets.end(), scroll);
  const auto first = std::size_t(std::max<std::ptrdiff_t>(after - offsets.begin() - 1, 0));
  for (std::size_t i = first; i < tasks.size() && offsets[i] < scroll + height; ++i) {
    ImGui::SetCursorPosY(start + offsets[i]);
    const trace::TaskModel& t = tasks[i];
    task_card(ctx, t, std::find(changed.begin(), changed.end(), t.id) != changed.end());
  }
  // The list's full height, so that the window scrolls over all of it.
  ImGui::SetCursorPosY(start + offsets.back() - ImGui::GetStyle().ItemSpacing.y - 1);
  ImGui::Dummy(ImVec2(1, 1));
  ctx.report.hide("tasks", more_below(ctx, top, offsets));
}

}  // namespace coroscope::visualizer
