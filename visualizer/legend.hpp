#pragma once
// The colour legend: every state a task's lane can show (running, ready, suspended, done,
// cancelled, raised), the loop's callbacks, the yellow "changed" mark and the two arrow kinds
// (created, woke), as small swatches in one row, in the timeline's title bar beside the
// colours they explain.
#include "panel_context.hpp"

namespace coroscope::visualizer {

// Draws the legend in the current window's title bar, after its title; returns the x where it
// ends (the title's end when the bar has no room for it all: then it is left out, not cut).
float draw_title_bar_legend(PanelContext& context);

}  // namespace coroscope::visualizer
