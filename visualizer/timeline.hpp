#pragma once
// The timeline's geometry, shared by its two files: timeline_panel.cpp lays the panel out (axis,
// label column, zoom and pan, tooltips) and timeline_lanes.cpp draws what happens on the lanes
// (the loop's steps, each task's segments, the arrows). The x axis counts steps: step s spans
// [s, s + 1) (trace::Segment); only the visible steps are drawn, and whatever is narrower than
// a couple of pixels is merged into one block, as Tracy does.
#include <imgui.h>

#include <algorithm>
#include <cstddef>

#include "panel_context.hpp"

namespace coroscope::visualizer::timeline {

// Below this width a segment (or a loop step) is merged with its neighbours.
inline constexpr float merge_width = 2.f;

struct View {
  const PanelContext& ctx;
  double first = 0;    // the first step shown (fractional while zoomed)
  double visible = 1;  // how many steps the plot shows
  float plot_left = 0, plot_right = 0;
  float loop_mid = 0;   // the loop lane's centre (screen y)
  float lanes_top = 0;  // lane 0's top (screen y, scrolled)
  float lane_height = 0;
  float segment_height = 0;
  float clip_top = 0, clip_bottom = 0;  // the lanes in view (screen y)
  double now_end = 0;                   // the end of the step shown: model.step() + 1

  double last() const { return first + visible; }
  float x(double step) const {
    return plot_left + static_cast<float>((step - first) / visible) * (plot_right - plot_left);
  }
  double step_at(float screen_x) const { return first + (screen_x - plot_left) / (plot_right - plot_left) * visible; }
  // A task's lane is its creation order; the loop's own lane (task 0) sits above them.
  float lane_top(std::uint32_t ordinal) const { return lanes_top + (ordinal - 1) * lane_height; }
  float lane_mid(std::uint32_t task) const;
};

// An open segment lasts until "now" as far as the picture goes.
inline double end_of(const trace::Segment& s) {
  return std::min(static_cast<double>(s.end), static_cast<double>(trace::open_end));
}
inline bool is_open(const trace::Segment& s) {
  return static_cast<double>(s.end) >= static_cast<double>(trace::open_end);
}

// Calls draw(first, last, xa, xb) for the items of a sorted range that overlap the view:
// one item wide enough to see, or a run of narrow ones merged into one block.
template <class It, class Begin, class End, class Draw>
void for_each_visible(It first, It last, Begin begin_of, End end_of_item, const View& view, Draw draw) {
  auto clamped_end = [&](const auto& item) { return std::min(double(end_of_item(item)), view.now_end); };
  It it = std::partition_point(first, last, [&](const auto& item) { return double(end_of_item(item)) <= view.first; });
  while (it != last && double(begin_of(*it)) < view.last()) {
    const float xa = view.x(double(begin_of(*it)));
    const float xb = view.x(clamped_end(*it));
    if (xb - xa >= merge_width) {
      draw(it, it + 1, xa, xb);
      ++it;
      continue;
    }
    const double until = view.step_at(xa + merge_width);
    It next = std::partition_point(it, last, [&](const auto& item) { return double(end_of_item(item)) <= until; });
    if (next == it) ++next;
    draw(it, next, xa, std::max(xa + 1.f, view.x(clamped_end(*(next - 1)))));
    it = next;
  }
}

// timeline_lanes.cpp
void draw_loop_lane(const View& view, ImDrawList* dl);
void draw_task_lane(const View& view, ImDrawList* dl, const trace::TaskModel& task);
void draw_arrows(const View& view, ImDrawList* dl);
// The segment of `task` at `step`, if any.
const trace::Segment* segment_at(const trace::TaskModel& task, double step);

}  // namespace coroscope::visualizer::timeline
