#pragma once
// One frame's windows, with no GL in them: what the app draws between ImGui::NewFrame and
// ImGui::Render from the session at its cursor (the top bar, the diagnosis banner, the panels
// in their fixed windows, laid out from the display size). The app calls it every frame;
// bench/frame_bench.cpp calls it on an ImGui context with no backend, to time a frame's CPU
// work apart from the GPU's.
#include <cstddef>

#include "visualizer/controls_panel.hpp"
#include "visualizer/panel_context.hpp"
#include "visualizer/session.hpp"
#include "visualizer/theme.hpp"

namespace coroscope::visualizer {

// What the panels and the top bar asked for during the frame; the app carries it out after.
struct FrameRequests {
  Requests panels;
  ControlsRequests controls;
  FrameReport report;
};

// Draws every window of one frame: `view` names the lessons, the one shown and the fonts
// (loaded at view.fonts.scale); `ui` and `transport` are the state that outlives a frame.
FrameRequests draw_frame_windows(const Session& session, const LessonTexts& lesson, const ControlsView& view,
                                 const Theme& theme, UiState& ui, Transport& transport);

}  // namespace coroscope::visualizer
