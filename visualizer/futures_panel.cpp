// The futures (tasks have their own panel): each with its state, the tasks suspended on it and,
// once done, how many done callbacks its completion scheduled. A future never runs its
// callbacks itself: like Future.__schedule_callbacks, it call_soon's each one, so its waiters
// resume in a later step.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

// A done future stays listed this many steps after it completed, then leaves the list (rows
// keep their creation order; a row only ever disappears).
constexpr std::size_t recent_steps = 12;

bool is_listed(const trace::FutureModel& f, std::size_t step) {
  return f.kind != FutureKind::task && (f.state == trace::FutureState::pending || f.done_step == trace::open_end ||
                                        f.done_step + recent_steps >= step);
}

struct Columns {
  float future, state, waiters, callbacks;
};

Columns columns(float x, float width) { return {x + 2, x + width * 0.41f, x + width * 0.70f, x + width - 2}; }

void header_row(const PanelContext& ctx) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const Columns c = columns(at.x, width);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float yc = at.y + ImGui::GetFontSize() * 0.5f;
  caption(ctx, dl, c.future, yc, "FUTURE");
  caption(ctx, dl, c.state, yc, "STATE");
  caption(ctx, dl, c.waiters, yc, "WAITERS");
  // Done callbacks its completion scheduled.
  text_right(dl, ctx.fonts.small, c.callbacks, yc, ctx.theme.text_faint, "CBS");
  ImGui::Dummy(ImVec2(width, ImGui::GetFontSize()));
}

void future_row(const PanelContext& ctx, const trace::FutureModel& f, bool changed) {
  const Theme& theme = ctx.theme;
  const bool selected = std::find(f.waiters.begin(), f.waiters.end(), ctx.ui.selected_task) != f.waiters.end() &&
                        ctx.ui.selected_task != 0;
  const std::string id = std::to_string(f.id);
  const Row row = list_row(ctx, id.c_str(), row_height(one_line_row), changed, selected);
  const Columns c = columns(row.min.x, row.max.x - row.min.x);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float yc = (row.min.y + row.max.y) * 0.5f;
  const bool pending = f.state == trace::FutureState::pending;
  const std::string& name = f.label;
  dl->PushClipRect(row.min, ImVec2(c.state - 4, row.max.y), true);
  text_mid(dl, ctx.fonts.bold, c.future, yc, pending ? theme.text : theme.text_faint, name);
  dl->PopClipRect();

  const float r = ImGui::GetFontSize() * 0.25f;
  const Color state_color = pending                                    ? suspended_edge(theme)
                            : f.state == trace::FutureState::result    ? theme.running
                            : f.state == trace::FutureState::exception ? theme.raised
                                                                       : theme.cancelled;
  if (pending)
    dl->AddCircle(ImVec2(c.state + r, yc), r, state_color, 12, 1.8f);
  else
    dl->AddCircleFilled(ImVec2(c.state + r, yc), r + 0.5f, state_color, 12);
  text_mid(dl, ctx.fonts.regular, c.state + 2 * r + 6, yc, pending ? theme.text_faint : theme.text, to_string(f.state));

  // Its waiters: suspended on it while it is pending, woken by it once done.
  float x = c.waiters;
  dl->PushClipRect(ImVec2(c.waiters, row.min.y), ImVec2(c.callbacks - text_size(ctx.fonts.mono, "9").x - 4, row.max.y),
                   true);
  for (std::uint32_t task : f.waiters) x += task_badge(ctx, dl, x, yc, task) + 4;
  if (f.waiters.empty())
    text_mid(dl, ctx.fonts.small, x, yc, theme.text_faint, "none");
  else if (!pending)
    text_mid(dl, ctx.fonts.small, x + 2, yc, theme.woke_arrow, "woken");
  dl->PopClipRect();
  text_right(dl, ctx.fonts.mono, c.callbacks, yc, theme.text_faint,
             pending ? "\xE2\x80\x93" : std::to_string(f.callbacks_scheduled));
}

struct Listed {
  std::vector<const trace::FutureModel*> rows;
  std::size_t pending = 0, hidden = 0;
};

Listed listed_futures(const trace::LoopModel& model) {
  Listed listed;
  for (const trace::FutureModel& f : model.futures()) {
    if (f.kind == FutureKind::task) continue;
    if (is_listed(f, model.step()))
      listed.rows.push_back(&f);
    else
      ++listed.hidden;
    if (f.state == trace::FutureState::pending) ++listed.pending;
  }
  return listed;
}

float header_height() { return ImGui::GetFontSize() + ImGui::GetStyle().ItemSpacing.y; }

}  // namespace

ContentHeight futures_content_height(const PanelContext& ctx) {
  const Listed listed = listed_futures(ctx.model);
  if (listed.rows.empty()) return {ImGui::GetTextLineHeightWithSpacing(), ImGui::GetTextLineHeightWithSpacing()};
  const float note = listed.hidden ? ImGui::GetTextLineHeightWithSpacing() : 0;
  return {.all = header_height() + float(listed.rows.size()) * row_pitch(one_line_row) + note,
          .least = header_height() + float(std::min<std::size_t>(listed.rows.size(), 1)) * row_pitch(one_line_row)};
}

void draw_futures_panel(PanelContext& ctx) {
  const trace::LoopModel& model = ctx.model;
  const Listed shown = listed_futures(model);
  panel_subtitle(ctx,
                 std::to_string(shown.pending) + " pending  \xC2\xB7  " + std::to_string(shown.rows.size()) + " shown");
  if (shown.rows.empty()) {
    ImGui::TextDisabled("no future yet");
    return;
  }
  header_row(ctx);
  const auto& changed = model.changes().futures;
  const float top = ImGui::GetCursorScreenPos().y;
  clipped_rows(shown.rows.size(), row_pitch(one_line_row), [&](std::size_t i) {
    const trace::FutureModel& f = *shown.rows[i];
    future_row(ctx, f, std::find(changed.begin(), changed.end(), f.id) != changed.end());
  });
  if (shown.hidden) ImGui::TextDisabled("%zu done more than %zu steps ago, not shown", shown.hidden, recent_steps);
  ctx.report.hide("futures", more_below(ctx, top, shown.rows.size(), row_pitch(one_line_row)));
}

}  // namespace coroscope::visualizer
