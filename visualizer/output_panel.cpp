// What the lesson printed, each line tagged with the step and the task that printed it.
// Clicking a line goes to that step: print() runs inside a step, so a line belongs to one.
#include <imgui.h>

#include <string>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

void draw_output_panel(PanelContext& ctx) {
  const auto& output = ctx.model.output();
  panel_subtitle(ctx, "stdout  \xC2\xB7  " + std::to_string(output.size()) + (output.size() == 1 ? " line" : " lines"));
  const Theme& theme = ctx.theme;
  const std::size_t new_from = ctx.model.changes().output_from;
  const Color step_chip = mix(theme.panel, theme.code_background, theme.dark ? 1.f : 0.9f);
  // New lines land at the bottom: keep the newest in view, as a terminal does.
  if (changed_since_last_frame("lines", int(output.size())) && !output.empty())
    scroll_to_row(output.size() - 1, row_pitch(0.85f));
  clipped_rows(output.size(), row_pitch(0.85f), [&](std::size_t i) {
    const trace::OutputLine& line = output[i];
    const std::string id = std::to_string(i);
    const Row row =
        list_row(ctx, id.c_str(), row_height(0.85f), i >= new_from, line.task && line.task == ctx.ui.selected_task);
    if (row.clicked) ctx.requests.jump_to_step = line.step;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float yc = (row.min.y + row.max.y) * 0.5f;
    float x = row.min.x + 2;
    x += chip(dl, ctx.fonts.small, x, yc, "step " + std::to_string(line.step), step_chip, theme.text_faint) + 6;
    x += line.task ? task_badge(ctx, dl, x, yc, line.task) + 8 : 0;
    dl->PushClipRect(row.min, row.max, true);
    text_mid(dl, ctx.fonts.mono, x, yc, theme.text, line.text);
    dl->PopClipRect();
    if (row.hovered) {
      ImGui::BeginTooltip();
      ImGui::Text("printed in step %zu%s%s: click to go there", line.step, line.task ? " by " : "",
                  line.task ? ctx.model.label(line.task).c_str() : "");
      ImGui::EndTooltip();
    }
  });
  if (output.empty()) ImGui::TextDisabled("nothing printed yet");
}

}  // namespace coroscope::visualizer
