#pragma once
// The two themes: a light, high-contrast one for projectors (the default) and a dark one.
// Colours are ImGui's packed ImU32 (IM_COL32), named for what they mean, not their hue.
#include <cstdint>

#include <coroscope/trace/loop_model.hpp>

namespace coroscope::visualizer {

using Color = std::uint32_t;  // ImU32

struct Theme {
  bool dark = false;
  Color background, panel, panel_header, border, text, text_faint, text_strong;
  Color running, ready, suspended, done, cancelled, raised, callback;  // task states, loop lane
  Color accent;         // the primary button ("Step"), the logo, sliders: no state's colour
  Color on_state_text;  // text drawn on a state's colour
  Color changed;        // the yellow marks of what changed in the last step
  Color now_cursor, created_arrow, woke_arrow, not_run_hatch, selection, code_background;
  Color source_running_line, source_waiting_line;
  Color banner_error, banner_text;
  Color task_palette[8];  // each task's badge colour, by ordinal

  Color state(trace::TaskState state) const;
  Color task_color(std::uint32_t ordinal) const { return task_palette[(ordinal + 7) % 8]; }
};

const Theme& light_theme();
const Theme& dark_theme();
// Applies the theme to ImGui's style (window and widget colours, rounding, padding).
void apply_imgui_style(const Theme& theme, float scale);

}  // namespace coroscope::visualizer
