// What the lesson printed, each line tagged with the step and the task that printed it.
// Clicking a line goes to that step: print() runs inside a step, so a line belongs to one.
// A line longer than the panel wraps under its own text (the tags stay in their column), so
// nothing a lesson prints is cut.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

void draw_output_panel(PanelContext& ctx) {
  const auto& output = ctx.model.output();
  panel_subtitle(ctx, "stdout  \xC2\xB7  " + std::to_string(output.size()) + (output.size() == 1 ? " line" : " lines"));
  if (output.empty()) {
    ImGui::TextDisabled("nothing printed yet");
    return;
  }
  const Theme& theme = ctx.theme;
  const std::size_t new_from = ctx.model.changes().output_from;
  const Color step_chip = mix(theme.panel, theme.code_background, theme.dark ? 1.f : 0.9f);
  ImFont* mono = ctx.fonts.mono;
  // The tags' column: as wide as the widest step number's chip and a badge.
  const std::string widest = "step " + std::to_string(output.back().step);
  const float tags = chip_width(ctx.fonts.small, widest) + 6 + task_badge_width(ctx) + 8;
  const float width = std::max(1.f, ImGui::GetContentRegionAvail().x);
  const float wrap = std::max(40.f, width - tags - 6);
  const float one_line = row_height(one_line_row), line_gap = mono->FontSize * 0.2f;
  // New lines land at the bottom: keep the newest in view, as a terminal does.
  const bool follow = changed_since_last_frame("lines", int(output.size()));
  for (std::size_t i = 0; i < output.size(); ++i) {
    const trace::OutputLine& line = output[i];
    const ImVec2 size = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, wrap, line.text.c_str());
    const float height = std::max(one_line, size.y + (one_line - mono->FontSize) + line_gap);
    const std::string id = std::to_string(i);
    const Row row = list_row(ctx, id.c_str(), height, i >= new_from, line.task && line.task == ctx.ui.selected_task);
    if (row.clicked) ctx.requests.jump_to_step = line.step;
    if (follow && i + 1 == output.size()) ImGui::SetScrollHereY(1.f);
    if (!ImGui::IsItemVisible()) continue;
    ctx.report.place("output.row." + id, {row.min.x, row.min.y, row.max.x - row.min.x, row.max.y - row.min.y});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float yc = row.min.y + one_line * 0.5f;
    float x = row.min.x + 2;
    x += chip(dl, ctx.fonts.small, x, yc, "step " + std::to_string(line.step), step_chip, theme.text_faint) + 6;
    if (line.task) task_badge(ctx, dl, x, yc, line.task);
    const float text_x = row.min.x + tags;
    dl->AddText(mono, mono->FontSize, ImVec2(text_x, std::round(yc - mono->FontSize * 0.5f)), theme.text,
                line.text.c_str(), line.text.c_str() + line.text.size(), wrap);
    if (row.hovered) {
      ImGui::BeginTooltip();
      ImGui::Text("printed in step %zu%s%s: click to go there", line.step, line.task ? " by " : "",
                  line.task ? ctx.model.label(line.task).c_str() : "");
      ImGui::EndTooltip();
    }
  }
}

}  // namespace coroscope::visualizer
