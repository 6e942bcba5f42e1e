#include "visualizer/layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace coroscope::visualizer {

namespace {
// The mockup's measures at 1280x720, as fractions of the space they share.
constexpr float gap = 4;
constexpr float right_column = 334.f / 1280;  // of the width
constexpr float output_width = 268.f / 942;   // of the left column
constexpr float timeline = 252.f / 658;       // of the left column's height under the bar
constexpr float bottom_row = 122.f / 658;

// Shares `room` among panels by want: each gets clamp(level, least, need) for the one level
// that fills the room exactly (water filling), so no panel gets more than it needs while
// another lacks, and each gets its least while there is room for all the leasts. The last
// panel (the tasks, a list that scrolls) takes whatever is left when all needs are met.
template <std::size_t N>
std::array<float, N> share_column(float room, const std::array<Want, N>& wants) {
  std::array<float, N> heights{};
  float least = 0, need = 0;
  for (const Want& w : wants) {
    least += std::min(w.least, w.need);
    need += std::max(w.least, w.need);
  }
  if (least >= room) {  // a tiny window: the leasts, shrunk alike
    for (std::size_t i = 0; i < N; ++i) heights[i] = std::min(wants[i].least, wants[i].need) * room / least;
    return heights;
  }
  auto at_level = [&](float level) {
    float sum = 0;
    for (std::size_t i = 0; i < N; ++i) {
      const float low = std::min(wants[i].least, wants[i].need), high = std::max(wants[i].least, wants[i].need);
      heights[i] = std::clamp(level, low, high);
      sum += heights[i];
    }
    return sum;
  };
  if (need <= room) {
    at_level(room);
    heights[N - 1] += room - need;
    return heights;
  }
  float low = 0, high = room;
  for (int i = 0; i < 40; ++i) {
    const float mid = (low + high) / 2;
    (at_level(mid) < room ? low : high) = mid;
  }
  const float sum = at_level(low);
  heights[N - 1] += room - sum;  // the bisection's last fraction of a pixel
  return heights;
}
}  // namespace

Layout compute_layout(float width, float height, float top_bar_height, float banner_height,
                      const RightColumnWants& wants, float bottom_least) {
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
  const float bottom_height = std::round(std::clamp(bottom_least, body * bottom_row, body * 0.4f));
  l.timeline = {gap, top, left_width, timeline_height};
  l.output = {gap, top + body - bottom_height, left_width * output_width, bottom_height};
  l.explanation = {l.output.right() + gap, l.output.y, left_width - l.output.width - gap, bottom_height};
  l.source = {gap, l.timeline.bottom() + gap, left_width, l.output.y - gap - (l.timeline.bottom() + gap)};

  const auto heights = share_column<4>(body - 3 * gap, {wants.ready_queue, wants.timers, wants.futures, wants.tasks});
  Rect* column[] = {&l.ready_queue, &l.timers, &l.futures, &l.tasks};
  float y = top;
  for (std::size_t i = 0; i < 4; ++i) {
    // Whole pixels, the last panel down to the column's bottom.
    const float h = i + 1 < 4 ? std::round(heights[i]) : top + body - y;
    *column[i] = {right_x, y, right_width, h};
    y += h + gap;
  }
  return l;
}

}  // namespace coroscope::visualizer
