// The timeline: the event loop's own lane and one lane per task in creation order, the x axis
// counting the loop's steps (one handle each), iterations bracketed above them. It shows the
// rule students miss most: a task never runs inside another's step; a finished future only
// queues its waiter's wakeup (the purple arrow), which runs in a later step, often a later
// iteration. Lanes never reorder; steps after the one shown are hatched.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "draw.hpp"
#include "legend.hpp"
#include "panels.hpp"
#include "timeline.hpp"

namespace coroscope::visualizer {

namespace {

using timeline::View;

struct Geometry {
  float label_width, iteration_row, step_row, loop_height;
  float plot_top;  // the step row's top: where the "now" cursor starts
};

const trace::Iteration* iteration_of(const trace::LoopModel& model, double step) {
  const auto& its = model.iterations();
  auto it = std::partition_point(its.begin(), its.end(),
                                 [&](const trace::Iteration& i) { return double(i.first_step) <= step; });
  return it == its.begin() ? nullptr : &*(it - 1);
}

// The steps a full view spans: all recorded ones, and a few not run yet while the loop can go on.
double extent(const PanelContext& ctx) {
  const double recorded = double(std::max(ctx.steps_recorded, ctx.model.step())) + 1;
  return ctx.run_over ? recorded + 0.5 : recorded + std::max(2.0, std::round(recorded * 0.1));
}

// The range shown: everything (visible_steps 0), or the user's zoom, moved to keep "now" in view
// while following it.
void choose_range(PanelContext& ctx, View& view) {
  UiState& ui = ctx.ui;
  const double full = std::max(8.0, extent(ctx));
  if (ui.visible_steps <= 0) {
    view.first = 0;
    view.visible = full;
    return;
  }
  view.visible = std::clamp(ui.visible_steps, 2.0, full * 1.5);
  view.first = ui.first_step;
  // The smallest move that brings "now" back in view, so the picture never jumps further.
  if (ui.follow_now && view.now_end > view.first + view.visible)
    view.first = view.now_end - view.visible * 0.9;
  else if (ui.follow_now && view.now_end - 1 < view.first)
    view.first = std::max(0.0, view.now_end - 1 - view.visible * 0.1);
  view.first = std::clamp(view.first, -view.visible * 0.5, full - view.visible * 0.5);
  ui.first_step = view.first;
  ui.visible_steps = view.visible;
}

// Wheel zooms around the mouse, drag pans, double-click fits everything again.
void handle_zoom_and_pan(PanelContext& ctx, const View& view, bool hovered, bool active) {
  ImGuiIO& io = ImGui::GetIO();
  UiState& ui = ctx.ui;
  if (hovered && io.MouseWheel != 0 && !io.KeyShift) {
    const double anchor = view.step_at(io.MousePos.x);
    const double visible =
        std::clamp(view.visible * std::pow(0.85, double(io.MouseWheel)), 2.0, std::max(8.0, extent(ctx)) * 1.5);
    ui.first_step = anchor - (anchor - view.first) * visible / view.visible;
    ui.visible_steps = visible;
  }
  if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.f) && io.MouseDelta.x != 0) {
    ui.first_step = view.first - io.MouseDelta.x / (view.plot_right - view.plot_left) * view.visible;
    ui.visible_steps = view.visible;
    ui.follow_now = false;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    ui.visible_steps = 0;
    ui.first_step = 0;
    ui.follow_now = true;
  }
}

// What a deadlock left stuck: each task its report names ("\n  Task-2 (waits_forever) waits on
// ..."), and the last stretch it spent suspended by then, if the lane has one (the shutdown
// cancels the stuck tasks afterwards).
struct Stuck {
  std::uint32_t task;
  const trace::Segment* segment;  // null: the lane shows no suspension before the deadlock
  double since;                   // where the note goes
};
std::vector<Stuck> stuck_tasks(const trace::LoopModel& model) {
  std::vector<Stuck> stuck;
  for (const trace::DiagnosticModel& d : model.diagnostics()) {
    if (d.kind != Diagnostic::deadlock) continue;
    for (const trace::TaskModel& t : model.tasks()) {
      if (d.message.find("\n  " + t.name + " (") == std::string::npos) continue;
      const trace::Segment* last = nullptr;
      for (const trace::Segment& s : t.segments)
        if (s.state == trace::TaskState::suspended && double(s.begin) <= double(d.step) + 1) last = &s;
      // With no suspension on the lane, it got stuck where its last unfinished state began.
      double since = double(d.step) + 1;
      if (last)
        since = double(last->begin);
      else
        for (const trace::Segment& s : t.segments)
          if (!trace::is_finished(s.state) && double(s.begin) <= double(d.step) + 1) since = double(s.begin);
      stuck.push_back({t.id, last, since});
    }
  }
  return stuck;
}

const Stuck* find_stuck(const std::vector<Stuck>& stuck, std::uint32_t task) {
  for (const Stuck& s : stuck)
    if (s.task == task) return &s;
  return nullptr;
}

bool contains(const std::vector<std::uint32_t>& ids, std::uint32_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Step boundaries (faint, when steps are wide enough) and iteration boundaries (dashed).
void draw_grid(const View& view, ImDrawList* dl, float y0, float y1) {
  const Theme& theme = view.ctx.theme;
  const Color faint = mix(theme.panel, theme.border, 0.45f);
  const float step_width = (view.plot_right - view.plot_left) / float(view.visible);
  if (step_width >= 8)
    for (double s = std::max(0.0, std::ceil(view.first)); s <= view.last(); ++s)
      dl->AddLine(ImVec2(std::round(view.x(s)), y0), ImVec2(std::round(view.x(s)), y1), faint);
  const auto& its = view.ctx.model.iterations();
  auto it = std::partition_point(its.begin(), its.end(),
                                 [&](const trace::Iteration& i) { return double(i.first_step) < view.first; });
  float last_x = -1e9f;
  for (; it != its.end() && double(it->first_step) <= view.last(); ++it) {
    const float x = std::round(view.x(double(it->first_step)));
    if (x - last_x < 8) continue;
    dashed_line(dl, ImVec2(x, y0), ImVec2(x, y1), theme.border, 1.f, 4, 3);
    last_x = x;
  }
}

// The step shown, tinted; the steps after it hatched: denser where they have not run yet.
void draw_after_now(const View& view, ImDrawList* dl, float y0, float y1) {
  const Theme& theme = view.ctx.theme;
  const float now_x = view.x(view.now_end);
  dl->AddRectFilled(ImVec2(std::max(view.plot_left, view.x(view.now_end - 1)), y0), ImVec2(now_x, y1),
                    with_alpha(theme.now_cursor, theme.dark ? 22 : 14));
  const float recorded_x = std::min(view.plot_right, view.x(double(view.ctx.steps_recorded) + 1));
  const float start = std::max(view.plot_left, now_x);
  if (recorded_x > start)
    hatch_rect(dl, ImVec2(start, y0), ImVec2(recorded_x, y1), with_alpha(theme.not_run_hatch, 150), 14);
  const float future_start = std::max(start, recorded_x);
  if (future_start < view.plot_right) {
    dl->AddRectFilled(ImVec2(future_start, y0), ImVec2(view.plot_right, y1), with_alpha(theme.not_run_hatch, 90));
    if (!view.ctx.run_over)
      hatch_rect(dl, ImVec2(future_start, y0), ImVec2(view.plot_right, y1), theme.not_run_hatch, 9);
  }
}

// Every how many steps a label goes: 1, 2, 5, 10, 20, 50, ... steps, the first at least
// `label_width` wide.
std::size_t nice_stride(float step_width, float label_width) {
  for (std::size_t m = 1;; m *= 10)
    for (std::size_t f : {1, 2, 5})
      if (step_width * float(f * m) >= label_width || m > 100000000) return f * m;
}

// The two axis rows: iterations bracketed (with the loop time where the clock moved) and steps.
void draw_axis(const View& view, ImDrawList* dl, const Geometry& l, float top) {
  const PanelContext& ctx = view.ctx;
  const Theme& theme = ctx.theme;
  const auto& its = ctx.model.iterations();
  const float iy = top + l.iteration_row * 0.5f;
  timeline::for_each_visible(
      its.begin(), its.end(), [](const trace::Iteration& i) { return double(i.first_step); },
      [&](const trace::Iteration& i) {
        const std::size_t index = &i - its.data();
        return index + 1 < its.size() ? double(its[index + 1].first_step) : view.now_end;
      },
      view,
      [&](auto first, auto last, float xa, float xb) {
        if (last - first > 1 || xb - xa < 10) return;
        const trace::Iteration& i = *first;
        const bool current = i.number == ctx.model.iteration();
        const std::size_t index = &i - its.data();
        const bool clock_moved = index == 0 || its[index - 1].time != i.time;
        ImFont* font = current ? ctx.fonts.bold : ctx.fonts.small;
        std::string text = "iter " + std::to_string(i.number);
        if (clock_moved && text_size(font, text + "  " + seconds(i.time) + " s").x < xb - xa - 16)
          text += "  " + seconds(i.time) + " s";
        else if (text_size(font, text).x > xb - xa - 8)
          text = std::to_string(i.number);
        const float a = xa + 3, b = xb - 3, by = top + l.iteration_row - 3;
        const Color line = theme.border;
        dl->AddLine(ImVec2(a, by), ImVec2(b, by), line);
        dl->AddLine(ImVec2(a, by), ImVec2(a, by - 5), line);
        dl->AddLine(ImVec2(b, by), ImVec2(b, by - 5), line);
        const float w = text_size(font, text).x;
        if (w > b - a - 4) return;
        const float cx = std::round((a + b - w) * 0.5f);
        dl->AddRectFilled(ImVec2(cx - 4, by - 6), ImVec2(cx + w + 4, by + 1), theme.panel);
        text_mid(dl, font, cx, iy, current ? theme.text : theme.text_faint, text);
      });

  // Step numbers, every k-th so that they never overlap; the step shown in a "now" pill.
  const float sy = top + l.iteration_row + l.step_row * 0.5f;
  const float step_width = (view.plot_right - view.plot_left) / float(view.visible);
  const float label_width = text_size(ctx.fonts.small, std::to_string(std::size_t(view.last()))).x + 14;
  const std::size_t k = nice_stride(step_width, label_width);
  const std::size_t now = ctx.model.step();
  for (double s = std::max(0.0, std::ceil(view.first / double(k)) * double(k)); s < view.last(); s += double(k)) {
    const std::size_t step = std::size_t(s);
    if (step == now) continue;
    const std::string text = std::to_string(step);
    const float cx = view.x(s + 0.5);
    if (std::fabs(cx - view.x(double(now) + 0.5)) < label_width) continue;
    text_mid(dl, ctx.fonts.small, std::round(cx - text_size(ctx.fonts.small, text).x * 0.5f), sy,
             step < now ? theme.text_faint : with_alpha(theme.text_faint, 150), text);
  }
  const std::string text = std::to_string(now);
  const float cx = view.x(double(now) + 0.5);
  if (cx >= view.plot_left && cx <= view.plot_right) {
    const float w = text_size(ctx.fonts.bold, text).x + 14, h = l.step_row * 0.8f;
    dl->AddRectFilled(ImVec2(cx - w / 2, sy - h / 2), ImVec2(cx + w / 2, sy + h / 2), theme.now_cursor, h / 2);
    text_mid(dl, ctx.fonts.bold, std::round(cx - (w - 14) / 2), sy, IM_COL32_WHITE, text);
  }
}

// The "now" line at the end of the step shown.
void draw_now_cursor(const View& view, ImDrawList* dl, float y0, float y1) {
  const float x = std::round(view.x(view.now_end));
  if (x < view.plot_left || x > view.plot_right) return;
  dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), view.ctx.theme.now_cursor, 2.f);
}

void draw_loop_label(const PanelContext& ctx, ImDrawList* dl, float x, float yc) {
  const Color c = ctx.theme.callback;
  const float r = ctx.fonts.bold->FontSize * 0.42f;
  dl->AddCircle(ImVec2(x + r + 2, yc), r, c, 20, 2.f);
  arrow_head(dl, ImVec2(x + 2 * r + 2, yc + 2), ImVec2(0, 1), c, r * 0.9f);
  text_mid(dl, ctx.fonts.bold, x + 2 * r + 10, yc, ctx.theme.text, "event loop");
}

// A task's label: badge, name, coroutine; the "what changed" bar; a deadlock's note.
void draw_lane_label(const View& view, ImDrawList* dl, const trace::TaskModel& t, float left, float width,
                     bool changed) {
  const PanelContext& ctx = view.ctx;
  const float top = view.lane_top(t.ordinal), h = view.lane_height;
  if (changed) {
    dl->AddRectFilled(ImVec2(left, top + 1), ImVec2(left + width - 2, top + h - 1), with_alpha(ctx.theme.changed, 170));
    dl->AddRectFilled(ImVec2(left + width - 5, top + 1), ImVec2(left + width - 2, top + h - 1),
                      mix(ctx.theme.changed, ctx.theme.ready, 0.6f));
  }
  const bool two_lines = h >= ctx.fonts.bold->FontSize + ctx.fonts.small->FontSize + 8;
  const float name_y = two_lines ? top + h * 0.5f - ctx.fonts.small->FontSize * 0.55f : top + h * 0.5f;
  const float x = left + 4 + task_badge(ctx, dl, left + 4, name_y, t.id) + 6;
  dl->PushClipRect(ImVec2(left, top), ImVec2(left + width - 6, top + h), true);
  text_mid(dl, ctx.fonts.bold, x, name_y, ctx.theme.text, t.name);
  if (two_lines)
    text_mid(dl, ctx.fonts.mono, x, name_y + ctx.fonts.bold->FontSize * 0.5f + ctx.fonts.small->FontSize * 0.65f,
             ctx.theme.text_faint, t.coroutine + "()");
  dl->PopClipRect();
}

// A deadlocked task's lane outlined, with what it is stuck on and, while it still waits, where.
void draw_stuck_mark(const View& view, ImDrawList* dl, const trace::TaskModel& t, const Stuck& stuck, float left) {
  const PanelContext& ctx = view.ctx;
  const float top = view.lane_top(t.ordinal);
  dl->AddRect(ImVec2(left + 1, top + 1), ImVec2(view.plot_right - 1, top + view.lane_height - 1), ctx.theme.raised, 3,
              0, 2.f);
  std::string note = "stuck: deadlock";
  if (const trace::Segment* s = stuck.segment) note = "stuck on " + (s->future ? ctx.model.label(s->future) : s->label);
  if (t.state == trace::TaskState::suspended && !t.await_chain.empty())
    note += " at line " + std::to_string(t.await_chain.back().line);
  // The marker, a "no entry" sign where it got stuck, then the note.
  const float yc = top + view.lane_height * 0.5f;
  const float r = std::round(view.segment_height * 0.36f);
  const float mx = std::clamp(view.x(stuck.since), view.plot_left + r + 2, view.plot_right - r - 2);
  dl->AddCircleFilled(ImVec2(mx, yc), r + 2, ctx.theme.panel, 20);
  dl->AddCircleFilled(ImVec2(mx, yc), r, ctx.theme.raised, 20);
  dl->AddRectFilled(ImVec2(mx - r * 0.6f, yc - r * 0.2f), ImVec2(mx + r * 0.6f, yc + r * 0.2f), IM_COL32_WHITE);
  ctx.report.place("timeline.stuck." + t.name, {mx - r, yc - r, 2 * r, 2 * r});
  const float w = text_size(ctx.fonts.bold, note).x;
  const float x = std::min(mx + r + 8, view.plot_right - w - 6);
  if (x < mx + r) return;  // no room beside the marker: the lane's tooltip and the banner say it
  dl->AddRectFilled(ImVec2(x - 4, yc - view.segment_height * 0.4f), ImVec2(x + w + 4, yc + view.segment_height * 0.4f),
                    ctx.theme.panel, 3);
  text_mid(dl, ctx.fonts.bold, x, yc, ctx.theme.raised, note);
}

void tooltip_step_line(const PanelContext& ctx, double step) {
  const trace::Iteration* it = iteration_of(ctx.model, step);
  std::string text = "step " + std::to_string(std::size_t(step));
  if (it) text += "  \xC2\xB7  iteration " + std::to_string(it->number) + "  \xC2\xB7  t = " + seconds(it->time) + " s";
  ImGui::TextDisabled("%s", text.c_str());
}

void tooltip_title(const PanelContext& ctx, const std::string& title) {
  ImGui::PushFont(ctx.fonts.bold);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
}

// What the loop ran at a step.
void loop_tooltip(const PanelContext& ctx, double step) {
  const auto& steps = ctx.model.loop_steps();
  auto it = std::partition_point(steps.begin(), steps.end(),
                                 [&](const trace::LoopStep& s) { return double(s.step) + 1 <= step; });
  if (it == steps.end() || double(it->step) > step) return;
  ImGui::BeginTooltip();
  tooltip_title(ctx, it->label);
  switch (it->kind) {
    case HandleKind::task_step:
      ImGui::TextUnformatted("Task.__step: runs the task until its next await");
      break;
    case HandleKind::task_wakeup:
      ImGui::Text("Task.__wakeup: %s is done, the task resumes", ctx.model.label(it->future).c_str());
      break;
    case HandleKind::done_callback:
      ImGui::Text("a done callback of %s", ctx.model.label(it->future).c_str());
      break;
    case HandleKind::callback:
      ImGui::TextUnformatted(it->future ? "a timer: it completes its sleep's future" : "a callback (call_soon)");
      break;
  }
  tooltip_step_line(ctx, step);
  ImGui::EndTooltip();
}

// A task's state at a step, what it waited on, and (now) its await chain with lines.
void task_tooltip(const PanelContext& ctx, const trace::TaskModel& t, double step) {
  const trace::Segment* s = timeline::segment_at(t, step);
  ImGui::BeginTooltip();
  tooltip_title(ctx, t.name + "  " + t.coroutine + "()");
  if (s) {
    std::string range = std::string(to_string(s->state)) + ", from step " + std::to_string(std::size_t(s->begin));
    if (!timeline::is_open(*s)) range += " to " + std::to_string(std::size_t(std::ceil(timeline::end_of(*s))));
    ImGui::TextUnformatted(range.c_str());
    if (s->state == trace::TaskState::suspended)
      ImGui::Text("awaits %s (%s)", s->label.c_str(), s->future ? ctx.model.label(s->future).c_str() : "a bare yield");
    if (s->state == trace::TaskState::raised && !t.exception.empty()) ImGui::Text("raised %s", t.exception.c_str());
    if (timeline::is_open(*s) && !t.await_chain.empty()) {
      ImGui::TextDisabled("await chain:");
      await_chain_text(t, "  ");
    }
  }
  tooltip_step_line(ctx, step);
  ImGui::TextDisabled("click: select the task everywhere");
  ImGui::EndTooltip();
}

}  // namespace

void draw_timeline_panel(PanelContext& ctx) {
  const trace::LoopModel& model = ctx.model;
  const Theme& theme = ctx.theme;
  View view{ctx};
  view.now_end = double(model.step()) + 1;
  choose_range(ctx, view);
  {
    const double shown_from = std::max(0.0, std::floor(view.first));
    const double shown_to = std::min(std::ceil(view.last()), double(std::max(ctx.steps_recorded, model.step())));
    const float legend_end = draw_title_bar_legend(ctx);
    panel_subtitle(ctx,
                   "steps " + std::to_string(std::size_t(shown_from)) + "\xE2\x80\x93" +
                       std::to_string(std::size_t(std::max(shown_from, shown_to))) + " of " +
                       std::to_string(std::max(ctx.steps_recorded, model.step())),
                   legend_end);
  }

  const float fs = ImGui::GetFontSize();
  const Geometry l{std::round(fs * 9.5f), std::round(fs * 1.35f), std::round(fs * 1.35f), std::round(fs * 2.0f), 0};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float lanes_area_top = origin.y + l.iteration_row + l.step_row + l.loop_height;
  const float lanes_area_height = std::max(fs * 2, origin.y + avail.y - lanes_area_top);
  const auto& tasks = model.tasks();
  const float n = float(std::max<std::size_t>(tasks.size(), 1));
  view.lane_height = std::round(std::clamp(lanes_area_height / n, fs * 1.55f, fs * 2.7f));
  const bool overflow = view.lane_height * n > lanes_area_height + 0.5f;
  view.segment_height = std::round(view.lane_height * 0.64f);
  view.plot_left = origin.x + l.label_width;
  view.plot_right = origin.x + avail.x - (overflow ? ImGui::GetStyle().ScrollbarSize : 0) - 2;
  view.loop_mid = lanes_area_top - l.loop_height * 0.5f;
  if (view.plot_right - view.plot_left < 40) return;
  const float plot_top = origin.y + l.iteration_row;

  // The header rows and the loop's lane, in the panel itself.
  const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
  dl->PushClipRect(ImVec2(wp.x + 1, origin.y), ImVec2(wp.x + ws.x - 1, lanes_area_top), false);
  dl->AddRectFilled(ImVec2(wp.x + 1, lanes_area_top - l.loop_height), ImVec2(wp.x + ws.x - 1, lanes_area_top),
                    theme.panel_header);
  dl->PopClipRect();
  dl->PushClipRect(ImVec2(view.plot_left, origin.y), ImVec2(view.plot_right, lanes_area_top), true);
  draw_after_now(view, dl, plot_top, lanes_area_top);
  draw_grid(view, dl, plot_top + l.step_row, lanes_area_top);
  draw_axis(view, dl, l, origin.y);
  timeline::draw_loop_lane(view, dl);
  dl->PopClipRect();
  text_right(dl, ctx.fonts.small, view.plot_left - 10, origin.y + l.iteration_row * 0.5f, theme.text_faint,
             "loop iteration");
  text_right(dl, ctx.fonts.small, view.plot_left - 10, plot_top + l.step_row * 0.5f, theme.text_faint, "step");
  draw_loop_label(ctx, dl, origin.x + 4, view.loop_mid);
  dl->AddLine(ImVec2(view.plot_left, plot_top), ImVec2(view.plot_left, lanes_area_top), theme.border);
  ImGui::SetCursorScreenPos(ImVec2(view.plot_left, origin.y));
  ImGui::InvisibleButton("##axis", ImVec2(view.plot_right - view.plot_left, lanes_area_top - origin.y));
  {
    const bool hovered = ImGui::IsItemHovered();
    handle_zoom_and_pan(ctx, view, hovered, ImGui::IsItemActive());
    if (hovered && !ImGui::IsItemActive()) {
      const double step = view.step_at(ImGui::GetIO().MousePos.x);
      if (ImGui::GetIO().MousePos.y >= lanes_area_top - l.loop_height) {
        loop_tooltip(ctx, step);
      } else if (step >= 0) {
        ImGui::BeginTooltip();
        tooltip_step_line(ctx, step);
        ImGui::TextDisabled("wheel: zoom  \xC2\xB7  drag: pan  \xC2\xB7  double-click: fit");
        ImGui::EndTooltip();
      }
    }
  }

  // The task lanes scroll under the header when there are more than fit.
  ImGui::SetCursorScreenPos(ImVec2(origin.x, lanes_area_top));
  ImGui::BeginChild("##lanes", ImVec2(avail.x, lanes_area_height), false,
                    ImGuiWindowFlags_NoScrollWithMouse | (overflow ? 0 : ImGuiWindowFlags_NoScrollbar));
  ImDrawList* lanes = ImGui::GetWindowDrawList();
  const ImVec2 child = ImGui::GetWindowPos();
  const float scroll = ImGui::GetScrollY();
  view.lanes_top = child.y - scroll;
  view.clip_top = child.y;
  view.clip_bottom = child.y + lanes_area_height;
  ImGui::Dummy(ImVec2(1, view.lane_height * n));
  const std::size_t first_lane = std::size_t(std::max(0.f, std::floor(scroll / view.lane_height)));
  const std::size_t end_lane =
      std::min(tasks.size(), std::size_t(std::ceil((scroll + lanes_area_height) / view.lane_height)) + 1);
  const std::vector<Stuck> stuck = stuck_tasks(model);
  const auto& changed = model.changes().tasks;
  const float left = child.x, right = child.x + avail.x;

  // Lane backgrounds edge to edge: stripes, the selected task.
  lanes->PushClipRect(ImVec2(wp.x + 1, view.clip_top), ImVec2(wp.x + ws.x - 1, view.clip_bottom), false);
  for (std::size_t i = first_lane; i < end_lane; ++i) {
    const trace::TaskModel& t = tasks[i];
    const float top = view.lane_top(t.ordinal);
    if (t.id == ctx.ui.selected_task) {
      lanes->AddRectFilled(ImVec2(wp.x + 1, top), ImVec2(wp.x + ws.x - 1, top + view.lane_height), theme.selection);
      lanes->AddRectFilled(ImVec2(wp.x + 1, top), ImVec2(wp.x + 5, top + view.lane_height), selection_edge(theme));
    } else if (i % 2 == 1) {
      lanes->AddRectFilled(ImVec2(wp.x + 1, top), ImVec2(wp.x + ws.x - 1, top + view.lane_height),
                           mix(theme.panel, theme.panel_header, 0.5f));
    }
  }
  lanes->PopClipRect();
  lanes->PushClipRect(ImVec2(view.plot_left, view.clip_top), ImVec2(view.plot_right, view.clip_bottom), true);
  draw_after_now(view, lanes, view.clip_top, view.clip_bottom);
  draw_grid(view, lanes, view.clip_top, view.clip_bottom);
  for (std::size_t i = first_lane; i < end_lane; ++i) timeline::draw_task_lane(view, lanes, tasks[i]);
  lanes->PopClipRect();
  for (std::size_t i = first_lane; i < end_lane; ++i) {
    draw_lane_label(view, lanes, tasks[i], left, l.label_width, contains(changed, tasks[i].id));
    if (const Stuck* st = find_stuck(stuck, tasks[i].id)) draw_stuck_mark(view, lanes, tasks[i], *st, left);
  }
  lanes->AddLine(ImVec2(view.plot_left, view.clip_top), ImVec2(view.plot_left, view.clip_bottom), theme.border);
  lanes->AddLine(ImVec2(left, view.clip_top), ImVec2(right, view.clip_top), theme.border);

  // Arrows and the "now" line cross from the loop's lane into the task lanes: drawn last, over
  // both (the child's draw list renders after the panel's).
  lanes->PushClipRect(ImVec2(view.plot_left, lanes_area_top - l.loop_height), ImVec2(view.plot_right, view.clip_bottom),
                      false);
  timeline::draw_arrows(view, lanes);
  draw_now_cursor(view, lanes, plot_top, view.clip_bottom);
  lanes->PopClipRect();
  if (tasks.empty())
    text_mid(lanes, ctx.fonts.regular, view.plot_left + 10, view.clip_top + view.lane_height * 0.5f, theme.text_faint,
             "no task yet: asyncio.run creates the main task in step 0");

  // Click a lane to select its task; wheel over the labels scrolls the lanes.
  ImGui::SetCursorScreenPos(ImVec2(left, view.clip_top));
  ImGui::InvisibleButton("##lanes_input", ImVec2(std::max(1.f, avail.x), lanes_area_height));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const ImGuiIO& io = ImGui::GetIO();
  const bool over_labels = io.MousePos.x < view.plot_left;
  if (hovered && (over_labels || io.KeyShift) && io.MouseWheel != 0)
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * view.lane_height);
  if (!over_labels) handle_zoom_and_pan(ctx, view, hovered, active);
  const float lane_index = std::floor((io.MousePos.y - view.lanes_top) / view.lane_height);
  const trace::TaskModel* under_mouse =
      lane_index >= 0 && lane_index < n && !tasks.empty() ? &tasks[std::size_t(lane_index)] : nullptr;
  if (ImGui::IsItemDeactivated() && io.MouseDragMaxDistanceSqr[0] < 9 && under_mouse)
    ctx.requests.select_task = under_mouse->id == ctx.ui.selected_task ? 0 : under_mouse->id;
  if (hovered && !active && under_mouse) {
    if (over_labels) {
      ImGui::BeginTooltip();
      tooltip_title(ctx, under_mouse->name + "  " + under_mouse->coroutine + "()");
      ImGui::Text("%s  \xC2\xB7  created in step %zu", to_string(under_mouse->state), under_mouse->created_step);
      ImGui::TextDisabled("click: select the task everywhere");
      ImGui::EndTooltip();
    } else {
      task_tooltip(ctx, *under_mouse, view.step_at(io.MousePos.x));
    }
  }
  ImGui::EndChild();
}

}  // namespace coroscope::visualizer
