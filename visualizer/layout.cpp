#include "visualizer/layout.hpp"

#include <algorithm>

namespace coroscope::visualizer {

namespace {
// The mockup's measures at 1280x720, as fractions of the space they share.
constexpr float gap = 4;
constexpr float right_column = 334.f / 1280;  // of the width
constexpr float output_width = 268.f / 942;   // of the left column
constexpr float timeline = 252.f / 658;       // of the left column's height under the bar
constexpr float bottom_row = 122.f / 658;
// The right column's panels, top to bottom; the tasks take the rest.
constexpr float ready_queue = 118.f / 658, timers = 92.f / 658, futures = 142.f / 658;
}  // namespace

Layout compute_layout(float width, float height, float top_bar_height, float banner_height) {
  Layout l;
  l.top_bar = {0, 0, width, top_bar_height};
  float top = top_bar_height + gap;
  if (banner_height > 0) {
    l.banner = {gap, top, width - 2 * gap, banner_height};
    top += banner_height + gap;
  }
  const float body = std::max(height - top - gap, 100.f);  // the panels' height, gaps included
  const float right_width = std::max(width * right_column, 220.f);
  const float left_width = width - right_width - 3 * gap;
  const float right_x = gap + left_width + gap;

  const float timeline_height = body * timeline;
  const float bottom_height = body * bottom_row;
  l.timeline = {gap, top, left_width, timeline_height};
  l.output = {gap, top + body - bottom_height, left_width * output_width, bottom_height};
  l.explanation = {l.output.right() + gap, l.output.y, left_width - l.output.width - gap, bottom_height};
  l.source = {gap, l.timeline.bottom() + gap, left_width, l.output.y - gap - (l.timeline.bottom() + gap)};

  l.ready_queue = {right_x, top, right_width, body * ready_queue};
  l.timers = {right_x, l.ready_queue.bottom() + gap, right_width, body * timers};
  l.futures = {right_x, l.timers.bottom() + gap, right_width, body * futures};
  l.tasks = {right_x, l.futures.bottom() + gap, right_width, top + body - (l.futures.bottom() + gap)};
  return l;
}

}  // namespace coroscope::visualizer
