#pragma once
// The panels, one file each (NAME_panel.cpp). Each draws inside the window the app has begun
// for it (ImGui::Begin ... End is the app's; a panel fills the current window's content
// region) from the PanelContext only.
#include "panel_context.hpp"

namespace coroscope::visualizer {

void draw_timeline_panel(PanelContext& context);
void draw_source_panel(PanelContext& context);
void draw_ready_queue_panel(PanelContext& context);
void draw_timers_panel(PanelContext& context);
void draw_futures_panel(PanelContext& context);
void draw_tasks_panel(PanelContext& context);
void draw_output_panel(PanelContext& context);
void draw_explanation_panel(PanelContext& context);

}  // namespace coroscope::visualizer
