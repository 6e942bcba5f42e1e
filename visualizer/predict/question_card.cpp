// The question card (question_card.hpp).
#include "visualizer/predict/question_card.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>
#include <vector>

#include "visualizer/draw.hpp"

namespace coroscope::visualizer::predict {

namespace {

void paragraph(const PanelContext& ctx, std::string_view text, Color color, ImFont* font = nullptr) {
  std::vector<Span> spans;
  append_markdown(ctx, spans, text, color);
  if (font)
    for (Span& span : spans)
      if (!span.code) span.font = font;
  rich_paragraph_item(ctx, spans);
}

// One choice: its key's number in a box, its text; once revealed, the right one green and a
// wrong one chosen red. Returns whether it was clicked.
bool choice_row(const PanelContext& ctx, const AskedQuestion& asked, std::size_t i, std::optional<std::size_t> chosen,
                bool revealed) {
  const Theme& theme = ctx.theme;
  const Choice& choice = asked.choices[i];
  const bool right = revealed && i == asked.right, wrong = revealed && chosen == i && i != asked.right;
  const float line = ImGui::GetFontSize() * 1.3f, pad = ImGui::GetFontSize() * 0.35f;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 max(min.x + width, min.y + line + 2 * pad);
  ImGui::PushID(static_cast<int>(i));
  const bool clicked = ImGui::InvisibleButton("##choice", ImVec2(width, max.y - min.y)) && !revealed;
  const bool hovered = ImGui::IsItemHovered() && !revealed;
  ImGui::PopID();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float rounding = line * 0.2f;
  const Color fill = right     ? with_alpha(theme.running, 70)
                     : wrong   ? with_alpha(theme.raised, 60)
                     : hovered ? theme.selection
                               : theme.panel;
  const Color edge = right ? theme.running : wrong ? theme.raised : chosen == i ? theme.accent : theme.border;
  dl->AddRectFilled(min, max, fill, rounding);
  dl->AddRect(min, max, edge, rounding, 0, right || wrong || chosen == i ? 2.f : 1.f);
  const float yc = (min.y + max.y) / 2, key = line;
  const ImVec2 key_min(min.x + pad, yc - key / 2), key_max(min.x + pad + key, yc + key / 2);
  dl->AddRectFilled(key_min, key_max, revealed ? edge : theme.accent, rounding);
  const std::string number = std::to_string(i + 1);
  const ImVec2 number_size = text_size(ctx.fonts.bold, number);
  draw_text(dl, ctx.fonts.bold, ImVec2((key_min.x + key_max.x - number_size.x) / 2, yc - number_size.y / 2),
            IM_COL32_WHITE, number);
  const float x = key_max.x + pad * 2;
  float right_edge = max.x - pad;
  if (revealed && (right || chosen == i)) {
    const char* mark = right ? (chosen == i ? "RIGHT" : "THE ANSWER") : "YOUR ANSWER";
    right_edge -= pill_width(ctx, mark);
    pill(ctx, dl, right_edge, yc, mark, right ? theme.running : theme.raised, true);
    right_edge -= pad;
  }
  dl->PushClipRect(ImVec2(x, min.y), ImVec2(right_edge, max.y), true);
  text_mid(dl, choice.text == waits_for_a_timer ? ctx.fonts.regular : ctx.fonts.mono_bold, x, yc, theme.text_strong,
           choice.text);
  dl->PopClipRect();
  return clicked;
}

}  // namespace

std::optional<std::size_t> draw_question_card(PanelContext& ctx, const PredictMode& mode, const AppFonts& fonts) {
  const std::size_t cursor = ctx.model.step();
  const AskedQuestion* asked = mode.asking(cursor);
  const bool revealed = !asked;
  if (!asked) asked = mode.revealing(cursor);
  if (!asked) return std::nullopt;
  const Theme& theme = ctx.theme;
  const float s = fonts.scale;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  // Over the source panel, in the left column, below the timeline's first lanes and clear of
  // the right column's ready queue and timers, which the reveal points at.
  const float width = std::clamp(display.x * 0.4f, 420 * s, 640 * s);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.35f - width / 2, display.y * 0.45f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, display.y * 0.6f));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme.panel);
  ImGui::PushStyleColor(ImGuiCol_Border,
                        revealed ? (mode.answered_right(*asked) ? theme.running : theme.raised) : theme.accent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 2.5f * s);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(16 * s, 12 * s));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8 * s);
  ImGui::Begin("##question card", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::PushFont(ctx.fonts.regular);
  const Question& q = asked->question;
  const std::string heading =
      "PREDICT \xC2\xB7 Q" + std::to_string(q.number) + " \xC2\xB7 " +
      (revealed ? "STEP " + std::to_string(q.step) + " RAN" : "BEFORE STEP " + std::to_string(q.step));
  ImGui::PushFont(fonts.caption);
  ImGui::PushStyleColor(ImGuiCol_Text, theme.accent);
  ImGui::TextUnformatted(heading.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  paragraph(ctx, q.text, theme.text_strong, ctx.fonts.bold);
  ImGui::Dummy(ImVec2(1, 4 * s));
  std::optional<std::size_t> clicked;
  const auto chosen = mode.chosen(*asked);
  for (std::size_t i = 0; i < asked->choices.size(); ++i)
    if (choice_row(ctx, *asked, i, chosen, revealed)) clicked = i;
  ImGui::Dummy(ImVec2(1, 2 * s));
  if (!revealed) {
    const std::string hint = "Click a choice, or press 1" +
                             (asked->choices.size() > 1 ? "\xE2\x80\x93" + std::to_string(asked->choices.size()) : "") +
                             ": step " + std::to_string(q.step) + " runs and shows what happened.";
    paragraph(ctx, hint, theme.text_faint, ctx.fonts.small);
  } else {
    const bool right = mode.answered_right(*asked);
    ImGui::PushFont(fonts.logo);
    ImGui::PushStyleColor(ImGuiCol_Text, right ? theme.running : theme.raised);
    ImGui::TextUnformatted(right ? "Right!" : "Not this time.");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    paragraph(ctx, q.answer, theme.text);
  }
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleVar(3);
  ImGui::PopStyleColor(2);
  return clicked;
}

}  // namespace coroscope::visualizer::predict
