// The timers in deadline order, as the loop's heap pops them: the earliest deadline first,
// ties in scheduling order. A timer fires only at the start of an iteration, and then its
// callback joins the ready queue behind what is already there: "fired" is not "ran".
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

// A timer that fired or was cancelled stays listed this many steps, struck out.
constexpr std::size_t recent_steps = 12;

// "sleep(0.2)" for a sleep's timer, else the model's label ("callback").
std::string timer_label(const trace::LoopModel& model, const trace::TimerModel& timer) {
  const trace::FutureModel* f = model.future(timer.future);
  if (!f || f->timer_delay < 0) return timer.label;
  return "sleep(" + short_seconds(f->timer_delay) + ")";
}

std::string status(const trace::LoopModel& model, const trace::TimerModel& timer) {
  switch (timer.state) {
    case trace::TimerState::pending:
      return "in " + seconds(std::max(0.0, timer.when - model.time())) + " s";
    case trace::TimerState::due:
      return "due: queued to run";
    case trace::TimerState::ran:
      return "fired, step " + std::to_string(timer.ended_step);
    case trace::TimerState::cancelled:
      return "cancelled, step " + std::to_string(timer.ended_step);
  }
  return {};
}

void timer_row(const PanelContext& ctx, const trace::TimerModel& timer, bool changed) {
  const Theme& theme = ctx.theme;
  const bool live = timer.state == trace::TimerState::pending || timer.state == trace::TimerState::due;
  const std::string id = std::to_string(timer.handle);
  const Row row =
      list_row(ctx, id.c_str(), row_height(one_line_row), changed, timer.task && timer.task == ctx.ui.selected_task);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float yc = (row.min.y + row.max.y) * 0.5f;
  const Color ink = live ? theme.text : theme.text_faint;
  clock_icon(dl, row.min.x + 8, yc, ink, 6);
  ImFont* mono = live ? ctx.fonts.mono_bold : ctx.fonts.mono;
  const std::string when = seconds(timer.when);
  const float w = text_mid(dl, mono, row.min.x + 20, yc, ink, when);
  // A timer that has fired or was cancelled is struck out: it will never fire (again).
  if (!live) dl->AddLine(ImVec2(row.min.x + 19, yc + 1), ImVec2(row.min.x + 21 + w, yc + 1), ink, 1.2f);
  float x = row.min.x + 20 + w + 12;
  const std::string right = status(ctx.model, timer);
  const float right_width = text_size(ctx.fonts.small, right).x;
  dl->PushClipRect(row.min, ImVec2(row.max.x - right_width - 8, row.max.y), true);
  x += text_mid(dl, ctx.fonts.regular, x, yc, ink, timer_label(ctx.model, timer)) + 8;
  if (timer.task) task_badge(ctx, dl, x, yc, timer.task);
  dl->PopClipRect();
  text_right(dl, ctx.fonts.small, row.max.x - 2, yc,
             timer.state == trace::TimerState::cancelled ? theme.raised : theme.text_faint, right);
}

// Pending ones first (what the loop will do), then those that fired or were cancelled lately;
// a long run's thousands of old timers are only counted.
struct Listed {
  std::vector<const trace::TimerModel*> rows;
  std::size_t pending = 0, older = 0;
};

Listed listed_timers(const trace::LoopModel& model) {
  std::vector<const trace::TimerModel*> pending, ended;
  std::size_t older = 0;
  for (const trace::TimerModel& t : model.timers()) {
    if (t.state == trace::TimerState::pending || t.state == trace::TimerState::due)
      pending.push_back(&t);
    else if (t.ended_step + recent_steps >= model.step())
      ended.push_back(&t);
    else
      ++older;
  }
  auto by_deadline = [](const trace::TimerModel* a, const trace::TimerModel* b) {
    return a->when != b->when ? a->when < b->when : a->handle < b->handle;
  };
  std::sort(pending.begin(), pending.end(), by_deadline);
  std::sort(ended.begin(), ended.end(), by_deadline);
  Listed listed{std::move(pending), 0, older};
  listed.pending = listed.rows.size();
  listed.rows.insert(listed.rows.end(), ended.begin(), ended.end());
  return listed;
}

}  // namespace

ContentHeight timers_content_height(const PanelContext& ctx) {
  const Listed listed = listed_timers(ctx.model);
  const float note = listed.rows.empty() || listed.older ? ImGui::GetTextLineHeightWithSpacing() : 0;
  // Every pending timer; those that fired or were cancelled lately only where there is room.
  return {.all = float(listed.rows.size()) * row_pitch(one_line_row) + note,
          .least = float(listed.pending) * row_pitch(one_line_row) + note};
}

void draw_timers_panel(PanelContext& ctx) {
  const Listed listed = listed_timers(ctx.model);
  panel_subtitle(ctx, "deadline order  \xC2\xB7  " + std::to_string(listed.pending) + " pending");
  if (listed.rows.empty() && listed.older == 0) ImGui::TextDisabled("no timer yet");
  const auto& changed = ctx.model.changes().timers;
  const float top = ImGui::GetCursorScreenPos().y;
  clipped_rows(listed.rows.size(), row_pitch(one_line_row), [&](std::size_t i) {
    const trace::TimerModel& t = *listed.rows[i];
    timer_row(ctx, t, std::find(changed.begin(), changed.end(), t.handle) != changed.end());
  });
  if (listed.older) ImGui::TextDisabled("%zu fired or cancelled earlier", listed.older);
  ctx.report.hide("timers", more_below(ctx, top, listed.rows.size(), row_pitch(one_line_row)));
}

}  // namespace coroscope::visualizer
