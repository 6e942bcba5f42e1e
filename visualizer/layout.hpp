#pragma once
// Where each panel goes: fixed windows (ImGui 1.86 has no docking), placed as in the mockup
// (../shared/mockups/light.png) and computed from the display size, so the same proportions
// fit 1280x720 without overlap and grow to 1920x1080.
//
//   +------------------------------------------------------------------+
//   | top bar                                                          |
//   | diagnosis banner (only when there is one)                        |
//   | TIMELINE                                      | READY QUEUE      |
//   |                                               | TIMERS           |
//   | SOURCE                                        | FUTURES          |
//   |                                               | TASKS            |
//   | OUTPUT        | EXPLANATION                   |                  |
//   +------------------------------------------------------------------+
namespace coroscope::visualizer {

struct Rect {
  float x = 0, y = 0, width = 0, height = 0;
  float right() const { return x + width; }
  float bottom() const { return y + height; }
};

// How tall a panel of the right column wants to be, title bar and padding included: `need`
// shows every row, `least` the few rows without which the panel says too little.
struct Want {
  float need = 0, least = 0;
};
struct RightColumnWants {
  Want ready_queue, timers, futures, tasks;
};

struct Layout {
  Rect top_bar, banner, timeline, source, output, explanation, ready_queue, timers, futures, tasks;
};

// `top_bar_height` and `banner_height` (0: no banner) follow the fonts; the left column's
// panels share what is left in the mockup's proportions, the bottom row at least
// `bottom_least` high (the explanation's step sentence, whole) but never more than two fifths
// of it; the right column's by what each wants: a panel that needs little gets all of it,
// those that need more share the rest.
Layout compute_layout(float width, float height, float top_bar_height, float banner_height,
                      const RightColumnWants& wants, float bottom_least = 0);

}  // namespace coroscope::visualizer
