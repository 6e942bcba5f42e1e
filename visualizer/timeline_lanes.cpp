// What happens on the timeline's lanes: the handles the loop runs (its own lane), each task's
// states over the steps, and the arrows between them. Everything here draws only the steps in
// view and merges what is too narrow to see (timeline.hpp).
#include <algorithm>
#include <cmath>
#include <string>

#include "draw.hpp"
#include "timeline.hpp"

namespace coroscope::visualizer::timeline {

namespace {

using trace::TaskState;

// The arrows are drawn only when a step is wide enough for them to say something.
constexpr float arrow_min_step_width = 5.f;

bool is_task_handle(HandleKind kind) { return kind == HandleKind::task_step || kind == HandleKind::task_wakeup; }

// What a merged block of a lane shows: the most telling state under it (a run beats a wait).
TaskState telling_state(const trace::Segment* first, const trace::Segment* last) {
  TaskState state = first->state;
  for (const trace::Segment* s = first; s != last && s - first < 8; ++s)
    if (s->state == TaskState::running) return TaskState::running;
  return state;
}

// A label inside [xa, xb), only if it fits whole; returns whether it did.
bool label_in(ImDrawList* dl, ImFont* font, float xa, float xb, float yc, Color color, std::string_view text,
              bool centred) {
  const float width = text_size(font, text).x;
  if (width > xb - xa - 8) return false;
  text_mid(dl, font, centred ? std::round((xa + xb - width) * 0.5f) : xa + 5, yc, color, text);
  return true;
}

void draw_segment(const View& view, ImDrawList* dl, const trace::TaskModel& task, const trace::Segment& s, float xa,
                  float xb, float yc) {
  const Theme& theme = view.ctx.theme;
  const Fonts& fonts = view.ctx.fonts;
  const float h = view.segment_height;
  // A finished task's lane goes on as a thin bar: the task is over, the lane keeps its place.
  const bool finished = trace::is_finished(s.state);
  const float half = finished ? h * 0.22f : h * 0.5f;
  const ImVec2 a(std::round(xa) + 1, std::round(yc - half)),
      b(std::max(std::round(xb) - 1, std::round(xa) + 2), std::round(yc + half));
  const float rounding = std::min(4.f, (b.x - a.x) * 0.5f);
  const Color fill = theme.state(s.state);
  dl->AddRectFilled(a, b, fill, rounding);
  if (s.state == TaskState::suspended) dl->AddRect(a, b, suspended_edge(theme), rounding, 0, 1.f);
  if (is_open(s) && !finished) {
    // Still in this state: it fades out past "now".
    const float fade = std::min(40.f, view.plot_right - b.x);
    if (fade > 0)
      dl->AddRectFilledMultiColor(ImVec2(b.x, a.y), ImVec2(b.x + fade, b.y), with_alpha(fill, 160), with_alpha(fill, 0),
                                  with_alpha(fill, 0), with_alpha(fill, 160));
  }
  switch (s.state) {
    case TaskState::running:
      label_in(dl, fonts.bold, a.x, b.x, yc, text_on(theme, fill), task.coroutine + "()", true);
      break;
    case TaskState::ready:
      label_in(dl, fonts.regular, a.x, b.x, yc, text_on(theme, fill), "ready", true);
      break;
    case TaskState::suspended: {
      const Color ink = theme.dark ? theme.text : mix(suspended_edge(theme), theme.text, 0.5f);
      if (b.x - a.x > 22) {
        const float icon = h * 0.32f;
        pause_icon(dl, a.x + 6, yc, ink, icon);
        const float text_x = a.x + 6 + icon * 0.9f + 2;
        if (!label_in(dl, fonts.regular, text_x, b.x, yc, ink, "await " + s.label, false))
          label_in(dl, fonts.small, text_x, b.x, yc, ink, s.label, false);
      }
      break;
    }
    case TaskState::done:
    case TaskState::cancelled:
    case TaskState::raised: {
      const Color ink = s.state == TaskState::done ? theme.text_faint : theme.state(s.state);
      const std::string word = s.state == TaskState::raised ? "raised " + task.exception : to_string(s.state);
      const float y = yc - h * 0.5f + fonts.small->FontSize * 0.45f;
      if (!label_in(dl, fonts.small, a.x, b.x, y, ink, word, false))
        label_in(dl, fonts.small, a.x, b.x, y, ink, to_string(s.state), false);
      break;
    }
  }
}

// A zero-step state: a thin bar in its colour, a little taller than the segments, at the
// boundary of the step where it began and ended.
void draw_stub(const View& view, ImDrawList* dl, const trace::Segment& s, float yc) {
  const float x = std::round(view.x(double(s.begin))), half = view.segment_height * 0.62f;
  const float w = std::max(2.f, std::round(view.ctx.fonts.small->FontSize * 0.22f));
  const ImVec2 a(x - w * 0.5f, yc - half), b(x + w * 0.5f, yc + half);
  dl->AddRectFilled(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), view.ctx.theme.panel);
  dl->AddRectFilled(a, b, view.ctx.theme.state(s.state));
}

// Step 0 is no handle of the loop's: it is asyncio.run itself, which creates the main task
// before the loop runs anything. It gets a block of its own, outlined, so the first step reads.
void draw_run_step(const View& view, ImDrawList* dl, float h, float yc) {
  const auto& steps = view.ctx.model.loop_steps();
  if (view.first >= 1 || (!steps.empty() && steps.front().step == 0)) return;
  const float xa = view.x(0), xb = view.x(1);
  if (xb - xa < 6) return;
  const Theme& theme = view.ctx.theme;
  const ImVec2 a(std::round(xa) + 1, std::round(yc - h / 2)), b(std::round(xb) - 1, std::round(yc + h / 2));
  dl->AddRectFilled(a, b, with_alpha(theme.callback, theme.dark ? 60 : 30), 4);
  dl->AddRect(a, b, theme.callback, 4, 0, 1.2f);
  if (!label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, theme.text, "asyncio.run", true))
    label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, theme.text, "run", true);
  view.ctx.report.place("timeline.run_step", {a.x, a.y, b.x - a.x, b.y - a.y});
}

}  // namespace

float View::lane_mid(std::uint32_t task) const {
  if (task == 0) return loop_mid;
  const trace::TaskModel* t = ctx.model.task(task);
  return t ? lane_top(t->ordinal) + lane_height * 0.5f : loop_mid;
}

const trace::Segment* segment_at(const trace::TaskModel& task, double step) {
  const auto& segments = task.segments;
  auto it = std::partition_point(segments.begin(), segments.end(),
                                 [&](const trace::Segment& s) { return end_of(s) <= step; });
  return it != segments.end() && static_cast<double>(it->begin) <= step ? &*it : nullptr;
}

// The loop's own lane: one block per handle it ran, a task's step or wakeup in the task's
// colour, a callback (a timer, a future's done callback) in the callback colour.
void draw_loop_lane(const View& view, ImDrawList* dl) {
  const Theme& theme = view.ctx.theme;
  const auto& steps = view.ctx.model.loop_steps();
  const float h = view.segment_height * 0.8f;
  const float yc = view.loop_mid;
  draw_run_step(view, dl, h, yc);
  for_each_visible(
      steps.begin(), steps.end(), [](const trace::LoopStep& s) { return double(s.step); },
      [](const trace::LoopStep& s) { return double(s.step) + 1; }, view,
      [&](auto first, auto last, float xa, float xb) {
        const trace::LoopStep& s = *first;
        const bool merged = last - first > 1;
        const trace::TaskModel* task = is_task_handle(s.kind) ? view.ctx.model.task(s.task) : nullptr;
        const Color fill = task ? theme.task_color(task->ordinal) : theme.callback;
        const ImVec2 a(std::round(xa) + 1, std::round(yc - h / 2)),
            b(std::max(std::round(xb) - 1, a.x + 1), std::round(yc + h / 2));
        dl->AddRectFilled(a, b, merged ? with_alpha(fill, 200) : fill, std::min(4.f, (b.x - a.x) * 0.5f));
        if (merged || b.x - a.x < 16) return;
        const Color ink = text_on(theme, fill);
        if (task) {
          const std::string tag = "T" + std::to_string(task->ordinal);
          if (!label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, ink,
                        (s.kind == HandleKind::task_wakeup ? "wake " : "step ") + tag, true))
            label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, ink, tag, true);
        } else if (s.future && s.kind == HandleKind::callback) {
          // A sleep's timer: the callback that completes its future (the diamond, mid-step).
          if (b.x - a.x > 20) clock_icon(dl, a.x + 9, yc, ink, 4.5f);
        } else if (!label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, ink, s.label, true)) {
          label_in(dl, view.ctx.fonts.small, a.x, b.x, yc, ink, s.kind == HandleKind::done_callback ? "done cb" : "cb",
                   true);
        }
      });
}

void draw_task_lane(const View& view, ImDrawList* dl, const trace::TaskModel& task) {
  const float yc = view.lane_mid(task.id);
  const Theme& theme = view.ctx.theme;
  for_each_visible(
      task.segments.begin(), task.segments.end(), [](const trace::Segment& s) { return double(s.begin); },
      [](const trace::Segment& s) { return end_of(s); }, view,
      [&](auto first, auto last, float xa, float xb) {
        if (last - first == 1) {
          draw_segment(view, dl, task, *first, xa, xb, yc);
          return;
        }
        const Color fill = theme.state(telling_state(&*first, &*first + (last - first)));
        dl->AddRectFilled(ImVec2(xa, yc - view.segment_height * 0.5f), ImVec2(xb, yc + view.segment_height * 0.5f),
                          fill);
      });
  // A state that lasted no step at all (a task cancelled before its first step, a wakeup that
  // found its task done) would vanish under the next segment: a stub marks it, over the lane.
  auto first_in_view = std::partition_point(task.segments.begin(), task.segments.end(),
                                            [&](const trace::Segment& s) { return end_of(s) < view.first; });
  for (auto it = first_in_view; it != task.segments.end() && double(it->begin) <= view.last(); ++it)
    if (!is_open(*it) && it->end == it->begin) draw_stub(view, dl, *it, yc);
}

// "created" (dashed, grey): from the creator's step to the new task's ready segment, both half
// way through the step that created it. "woke" (solid, purple): from the step that completed the
// future, marked by a diamond, to the step of the task it woke — never the same step, since a
// done future only schedules its waiter's wakeup with call_soon.
void draw_arrows(const View& view, ImDrawList* dl) {
  const float step_width = (view.plot_right - view.plot_left) / static_cast<float>(view.visible);
  if (step_width < arrow_min_step_width) return;
  const Theme& theme = view.ctx.theme;
  const auto& arrows = view.ctx.model.arrows();
  // Arrows are in the order of their first step; an arrow into the view starts at most a view's
  // width (or 256 steps) before it.
  const double from = view.first - std::max(view.visible, 256.0);
  auto it = std::partition_point(arrows.begin(), arrows.end(),
                                 [&](const trace::Arrow& a) { return double(a.from_step) < from; });
  const float half = view.segment_height * 0.5f;
  const Color halo = theme.panel;
  for (; it != arrows.end() && double(it->from_step) < view.last(); ++it) {
    const trace::Arrow& arrow = *it;
    const bool open = arrow.to_step == trace::open_end;
    const double to_step = open ? double(arrow.from_step) + 0.5 : double(arrow.to_step);
    if (to_step < view.first) continue;
    const float from_y = view.lane_mid(arrow.from_task), to_y = view.lane_mid(arrow.to_task);
    if (std::max(from_y, to_y) < view.clip_top || std::min(from_y, to_y) > view.clip_bottom) continue;
    const float down = to_y >= from_y ? 1.f : -1.f;
    const float xs = view.x(double(arrow.from_step) + 0.5);
    if (arrow.kind == trace::Arrow::Kind::created) {
      const ImVec2 a(xs - 5, from_y + down * half), b(xs + 2, to_y);
      curve_arrow(dl, a, ImVec2(a.x, b.y - down * 6), ImVec2(a.x + 2, b.y), b, theme.created_arrow, 1.5f, true, 0);
      continue;
    }
    const ImVec2 a(xs, from_y);
    const ImVec2 b(open ? xs + 4 : view.x(to_step) + 6, to_y - down * half);
    const float dy = std::fabs(b.y - a.y);
    curve_arrow(dl, a, ImVec2(a.x, a.y + down * dy * 0.6f), ImVec2(b.x - 10, b.y - down * dy * 0.5f), b,
                theme.woke_arrow, 2.2f, false, halo);
    const float r = std::round(std::min(6.f, view.segment_height * 0.22f));
    dl->AddQuadFilled(ImVec2(a.x, a.y - r - 2), ImVec2(a.x + r + 2, a.y), ImVec2(a.x, a.y + r + 2),
                      ImVec2(a.x - r - 2, a.y), halo);
    dl->AddQuadFilled(ImVec2(a.x, a.y - r), ImVec2(a.x + r, a.y), ImVec2(a.x, a.y + r), ImVec2(a.x - r, a.y),
                      theme.woke_arrow);
  }
}

}  // namespace coroscope::visualizer::timeline
