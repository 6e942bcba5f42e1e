#include "visualizer/legend.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <string_view>

#include "draw.hpp"

namespace coroscope::visualizer {

namespace {

enum class Mark { swatch, edged_swatch, dashed_arrow, solid_arrow };

struct Entry {
  Mark mark;
  Color color;
  const char* label;
};

float mark_width(float font_size) { return font_size * 0.75f; }

void draw_mark(ImDrawList* dl, const Entry& e, float x, float yc, float font_size, Color edge) {
  const float w = mark_width(font_size), h = font_size * 0.36f;
  switch (e.mark) {
    case Mark::swatch:
    case Mark::edged_swatch:
      dl->AddRectFilled(ImVec2(x, yc - h), ImVec2(x + w, yc + h), e.color, 2);
      if (e.mark == Mark::edged_swatch) dl->AddRect(ImVec2(x, yc - h), ImVec2(x + w, yc + h), edge, 2);
      return;
    case Mark::dashed_arrow:
    case Mark::solid_arrow: {
      const ImVec2 a(x, yc), b(x + w + 2, yc);
      if (e.mark == Mark::dashed_arrow)
        dashed_line(dl, a, ImVec2(b.x - 3, yc), e.color, 1.5f, 3, 2);
      else
        dl->AddLine(a, ImVec2(b.x - 3, yc), e.color, 2.f);
      arrow_head(dl, b, ImVec2(1, 0), e.color, font_size * 0.4f);
      return;
    }
  }
}

}  // namespace

float draw_title_bar_legend(PanelContext& ctx) {
  const Theme& theme = ctx.theme;
  const Entry entries[] = {
      {Mark::swatch, theme.running, "running"},
      {Mark::swatch, theme.ready, "ready"},
      {Mark::edged_swatch, theme.suspended, "suspended"},
      {Mark::edged_swatch, theme.done, "done"},
      {Mark::swatch, theme.cancelled, "cancelled"},
      {Mark::swatch, theme.raised, "raised"},
      {Mark::swatch, theme.callback, "callback"},
      {Mark::swatch, theme.changed, "changed"},
      {Mark::dashed_arrow, theme.created_arrow, "created"},
      {Mark::solid_arrow, theme.woke_arrow, "woke"},
  };
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImRect bar = window->TitleBarRect();
  const std::string_view name = window->Name;
  const float pad = ImGui::GetStyle().FramePadding.x;
  const float title_end = bar.Min.x + pad * 2 + text_size(nullptr, name.substr(0, name.find("##"))).x;
  ImFont* font = ctx.fonts.small;
  const float fs = font->FontSize, gap = fs * 0.3f, spacing = fs * 0.8f;
  float width = 0;
  for (const Entry& e : entries) width += mark_width(fs) + gap + text_size(font, e.label).x + spacing;
  const float left = title_end + fs;
  if (left + width > bar.Max.x - pad) return title_end;
  ImDrawList* dl = window->DrawList;
  const float yc = (bar.Min.y + bar.Max.y) * 0.5f;
  dl->PushClipRect(bar.Min, bar.Max, false);
  float x = left;
  for (const Entry& e : entries) {
    draw_mark(dl, e, x, yc, fs, suspended_edge(theme));
    x += mark_width(fs) + gap;
    x += text_mid(dl, font, x, yc, theme.text, e.label) + spacing;
  }
  dl->PopClipRect();
  ctx.report.place("legend", {left, bar.Min.y, x - spacing - left, bar.Max.y - bar.Min.y});
  return x;
}

}  // namespace coroscope::visualizer
