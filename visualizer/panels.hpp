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

// How tall the contents of a right-column panel are with all its rows and with the few it
// must show, in the panel font current when called: the layout shares the column by these
// (layout.hpp's Want, once the window's title bar and padding are added).
struct ContentHeight {
  float all = 0, least = 0;
};
ContentHeight ready_queue_content_height(const PanelContext& context);
ContentHeight timers_content_height(const PanelContext& context);
ContentHeight futures_content_height(const PanelContext& context);
ContentHeight tasks_content_height(const PanelContext& context);

// How tall the explanation's step sentence is at a content width of `width`, with its margins:
// the layout keeps the explanation at least this tall (plus a README line), so the sentence
// always shows whole without scrolling.
float step_sentence_height(const PanelContext& context, float width);

}  // namespace coroscope::visualizer
