#pragma once
// What the right column's panels want (layout.hpp's Want): their contents' heights, as each
// panel measures them, framed by the window's title bar and padding.
#include "visualizer/fonts.hpp"
#include "visualizer/layout.hpp"
#include "visualizer/panel_context.hpp"

namespace coroscope::visualizer {

// Inside a frame (after ImGui::NewFrame), with the style the panels' windows use.
RightColumnWants right_column_wants(const PanelContext& context, const AppFonts& fonts);

}  // namespace coroscope::visualizer
