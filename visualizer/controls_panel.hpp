#pragma once
// The top bar: the logo, the lesson picker, the transport (restart, back, step, iteration,
// run to the end, play / pause) with a speed and the read-outs (step, iteration, loop time);
// the colour legend is in the timeline's title bar (legend.hpp). Like every panel it draws from the PanelContext and
// only asks for changes; the app carries them out after the frame.
#include <cstddef>
#include <optional>
#include <span>

#include "lessons/registry.hpp"
#include "visualizer/fonts.hpp"
#include "visualizer/panel_context.hpp"

namespace coroscope::visualizer {

// What the transport buttons and the keys do (app.cpp maps keys to these).
enum class Command {
  restart,
  back,
  step,
  iteration,
  end,
  play_pause,
  larger_fonts,
  smaller_fonts,
  toggle_theme,
  toggle_predict
};

struct Transport {
  bool playing = false;
  float speed = 2;  // steps per second, 0.5 .. 50
  static constexpr float min_speed = 0.5f, max_speed = 50.f;
};

struct ControlsRequests {
  std::optional<Command> command;
  std::optional<std::size_t> lesson;  // an index into the lessons
};

struct ControlsView {
  std::span<const lessons::Lesson> lessons;
  std::size_t lesson = 0;  // the one shown
  const AppFonts& fonts;
  bool predict = false;  // predict mode is on: its "?" button is lit
};

// Draws inside the top bar's window (begun by the app, no title bar).
void draw_controls_panel(PanelContext& context, const ControlsView& view, Transport& transport,
                         ControlsRequests& requests);

}  // namespace coroscope::visualizer
