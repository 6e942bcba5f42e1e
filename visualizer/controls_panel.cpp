// The top bar (controls_panel.hpp), drawn like ../shared/mockups/light.png: ImGui 1.86 has
// neither the transport glyphs (DejaVu lacks ⏮⏸⏭) nor letter-spaced captions, so the icons
// are ImDrawList triangles and bars and the captions are placed letter by letter.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "visualizer/controls_panel.hpp"

namespace coroscope::visualizer {

namespace {

ImVec2 at(float x, float y) { return ImVec2(std::round(x), std::round(y)); }

float text_width(ImFont* font, const char* text) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text).x; }

// Text whose middle sits on `y`.
void text_at(ImDrawList* draw, ImFont* font, float x, float y, Color color, const char* text) {
  draw->AddText(font, font->FontSize, at(x, y - font->FontSize * 0.5f), color, text);
}

// An upper-case caption, a little letter-spaced as the mockup's.
void caption(ImDrawList* draw, ImFont* font, float x, float y, Color color, const char* text, float tracking) {
  char letter[2] = {0, 0};
  for (const char* p = text; *p; ++p) {
    letter[0] = *p;
    text_at(draw, font, x, y, color, letter);
    x += text_width(font, letter) + tracking;
  }
}

enum class Icon { restart, back, step, iteration, end, play, pause, none };

// The transport's icons, drawn in a box `size` high whose left edge is x and middle y.
void draw_icon(ImDrawList* draw, Icon icon, float x, float y, float size, Color color) {
  const float h = size / 2, bar = size * 0.23f;
  auto triangle_right = [&](float left, float width) {
    draw->AddTriangleFilled(at(left, y - h), at(left, y + h), at(left + width, y), color);
  };
  auto triangle_left = [&](float right, float width) {
    draw->AddTriangleFilled(at(right, y - h), at(right, y + h), at(right - width, y), color);
  };
  auto bar_at = [&](float left) { draw->AddRectFilled(at(left, y - h), at(left + bar, y + h), color); };
  switch (icon) {
    case Icon::restart:  // |<<
      bar_at(x);
      triangle_left(x + bar + size * 0.6f, size * 0.6f);
      triangle_left(x + bar + size * 1.2f, size * 0.6f);
      break;
    case Icon::back:  // <|
      triangle_left(x + size * 0.8f, size * 0.8f);
      bar_at(x + size * 0.9f);
      break;
    case Icon::step:  // |>
      bar_at(x);
      triangle_right(x + bar + size * 0.15f, size * 0.8f);
      break;
    case Icon::iteration:  // >>|
      triangle_right(x, size * 0.6f);
      triangle_right(x + size * 0.6f, size * 0.6f);
      bar_at(x + size * 1.2f);
      break;
    case Icon::end:  // >|  >|
      triangle_right(x, size * 0.7f);
      bar_at(x + size * 0.7f);
      triangle_right(x + size * 0.7f + bar + size * 0.15f, size * 0.7f);
      bar_at(x + size * 1.55f + bar);
      break;
    case Icon::play:  // >>
      triangle_right(x, size * 0.7f);
      triangle_right(x + size * 0.7f, size * 0.7f);
      break;
    case Icon::none:
      break;
    case Icon::pause:  // ||
      draw->AddRectFilled(at(x + size * 0.1f, y - h), at(x + size * 0.1f + bar * 1.3f, y + h), color);
      draw->AddRectFilled(at(x + size * 0.75f, y - h), at(x + size * 0.75f + bar * 1.3f, y + h), color);
      break;
  }
}

float icon_width(Icon icon, float size) {
  switch (icon) {
    case Icon::restart:
    case Icon::iteration:
      return size * 1.2f + size * 0.23f;
    case Icon::end:
      return size * 1.55f + size * 0.46f;
    case Icon::play:
      return size * 1.4f;
    case Icon::none:
      return 0;
    default:
      return size;
  }
}

bool transport_button(const char* id, ImVec2 position, ImVec2 size, Icon icon, const char* label, bool primary,
                      const Theme& theme, ImFont* font, const char* tooltip) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGui::SetCursorScreenPos(position);
  const bool clicked = ImGui::InvisibleButton(id, size);
  const bool hovered = ImGui::IsItemHovered();
  const ImVec2 end(position.x + size.x, position.y + size.y);
  const float rounding = size.y * 0.18f;
  if (primary) {
    draw->AddRectFilled(position, end, theme.accent, rounding);
    if (hovered) draw->AddRectFilled(position, end, IM_COL32(255, 255, 255, 40), rounding);
  } else {
    draw->AddRectFilled(position, end, hovered ? theme.selection : theme.panel, rounding);
    draw->AddRect(position, end, theme.border, rounding);
  }
  const Color color = primary ? IM_COL32_WHITE : theme.text;
  const float icon_size = size.y * 0.32f;
  const float gap = label && icon != Icon::none ? icon_size * 0.6f : 0;
  const float width = icon_width(icon, icon_size) + gap + (label ? text_width(font, label) : 0);
  const float x = position.x + (size.x - width) / 2, y = position.y + size.y / 2;
  draw_icon(draw, icon, x, y, icon_size, color);
  if (label) text_at(draw, font, x + icon_width(icon, icon_size) + gap, y, color, label);
  if (hovered && tooltip) ImGui::SetTooltip("%s", tooltip);
  return clicked;
}

void separator(ImDrawList* draw, float x, float height, const Theme& theme) {
  const ImVec2 origin = ImGui::GetWindowPos();
  draw->AddLine(at(origin.x + x, origin.y + height * 0.22f), at(origin.x + x, origin.y + height * 0.78f), theme.border);
}

// STEP 5 / 15: a caption over a value, and a fainter suffix.
void readout(ImDrawList* draw, const AppFonts& fonts, float x, float top, float height, const char* name,
             const std::string& value, const std::string& suffix, const Theme& theme) {
  const float s = fonts.scale;
  caption(draw, fonts.caption, x, top + height * 0.27f, theme.text_faint, name, s);
  text_at(draw, fonts.readout, x, top + height * 0.62f, theme.text_strong, value.c_str());
  if (!suffix.empty())
    text_at(draw, fonts.panels.small, x + text_width(fonts.readout, value.c_str()) + 3 * s, top + height * 0.64f,
            theme.text_faint, suffix.c_str());
}

std::string lesson_title(const lessons::Lesson& lesson) {
  char number[8];
  std::snprintf(number, sizeof number, "%02d", lesson.number);
  std::string name(lesson.name);
  // "06_gather" -> "06  gather": the folder name reads as a title.
  const auto underscore = name.find('_');
  std::string topic = underscore == std::string::npos ? name : name.substr(underscore + 1);
  for (char& c : topic)
    if (c == '_') c = ' ';
  return std::string(number) + "  " + topic;
}

}  // namespace

void draw_controls_panel(PanelContext& context, const ControlsView& view, Transport& transport,
                         ControlsRequests& requests) {
  const Theme& theme = context.theme;
  const AppFonts& fonts = view.fonts;
  const float s = fonts.scale;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float height = ImGui::GetWindowHeight();
  const float y = origin.y + height / 2;
  draw->AddLine(ImVec2(origin.x, origin.y + height - 1),
                ImVec2(origin.x + ImGui::GetWindowWidth(), origin.y + height - 1), theme.border);

  // The logo: the event loop's ring, a task on it.
  const float ring = 10.5f * s;
  const float logo_x = origin.x + 14 * s + ring;
  draw->AddCircle(ImVec2(logo_x, y), ring, theme.accent, 32, 2.6f * s);
  draw->AddCircleFilled(ImVec2(logo_x + ring * 0.7f, y - ring * 0.7f), 4.2f * s, theme.running, 16);
  draw->AddCircleFilled(ImVec2(logo_x, y), 3.2f * s, theme.accent, 16);
  text_at(draw, fonts.logo, logo_x + ring + 8 * s, y, theme.text_strong, "coroscope");
  float x = logo_x + ring + 8 * s + text_width(fonts.logo, "coroscope") + 20 * s - origin.x;

  // The lesson picker.
  separator(draw, x - 10 * s, height, theme);
  caption(draw, fonts.caption, origin.x + x + 1, origin.y + height * 0.24f, theme.text_faint, "LESSON", s);
  // As wide as the longest title, so that none is cut.
  float longest = 0;
  for (const lessons::Lesson& lesson : view.lessons)
    longest = std::max(longest, text_width(fonts.button, lesson_title(lesson).c_str()));
  const ImGuiStyle& style = ImGui::GetStyle();
  // The text, its padding, and the arrow button (a square as high as the frame).
  const float picker_width =
      longest + style.FramePadding.x * 2 + fonts.button->FontSize + style.FramePadding.y * 2 + 6 * s;
  ImGui::SetCursorScreenPos(ImVec2(origin.x + x, origin.y + height * 0.40f));
  ImGui::PushFont(fonts.button);
  ImGui::SetNextItemWidth(picker_width);
  const std::string current = view.lessons.empty() ? "" : lesson_title(view.lessons[view.lesson]);
  if (ImGui::BeginCombo("##lesson", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (std::size_t i = 0; i < view.lessons.size(); ++i) {
      const std::string title = lesson_title(view.lessons[i]);
      if (ImGui::Selectable(title.c_str(), i == view.lesson)) requests.lesson = i;
      if (ImGui::IsItemHovered() && !view.lessons[i].summary.empty())
        ImGui::SetTooltip("%.*s", static_cast<int>(view.lessons[i].summary.size()), view.lessons[i].summary.data());
    }
    ImGui::EndCombo();
  }
  ImGui::PopFont();
  context.report.place("top.picker", {origin.x + x, origin.y, picker_width, height});
  context.report.place("top.picker.longest_title", {origin.x + x, origin.y, longest, height});
  x += picker_width + 20 * s;

  // The transport.
  separator(draw, x - 11 * s, height, theme);
  const float transport_x = origin.x + x;
  struct Button {
    const char* id;
    float width;
    Icon icon;
    const char* label;
    bool primary;
    Command command;
    const char* tooltip;
  };
  const Button buttons[] = {
      {"##restart", 34, Icon::restart, nullptr, false, Command::restart, "Restart the lesson (R)"},
      {"##back", 34, Icon::back, nullptr, false, Command::back, "Step back (Left)"},
      {"##step", 78, Icon::step, "Step", true, Command::step, "Run one handle (Right)"},
      {"##iteration", 34, Icon::iteration, nullptr, false, Command::iteration,
       "Run to the next loop iteration (Down, Shift+Right)"},
      {"##end", 38, Icon::end, nullptr, false, Command::end, "Run to the end (End)"},
      {"##play", 80, transport.playing ? Icon::pause : Icon::play, transport.playing ? "Pause" : "Play", false,
       Command::play_pause, "Play / pause (Space)"},
      {"##predict", 18, Icon::none, "?", view.predict, Command::toggle_predict,
       "Predict mode: stop at the README's questions and ask the class (P)"},
  };
  const float button_height = 34 * s;
  for (const Button& b : buttons) {
    if (transport_button(b.id, ImVec2(origin.x + x, y - button_height / 2), ImVec2(b.width * s, button_height), b.icon,
                         b.label, b.primary, theme, fonts.button, b.tooltip))
      requests.command = b.command;
    x += b.width * s + 4 * s;
  }
  context.report.place("top.transport", {transport_x, origin.y, origin.x + x - 4 * s - transport_x, height});
  x += 10 * s;
  const float speed_x0 = origin.x + x;

  // The speed, on a logarithmic track (0.5 .. 50 steps/s).
  caption(draw, fonts.caption, origin.x + x + 1, origin.y + height * 0.24f, theme.text_faint, "SPEED", s);
  const float track = 58 * s;
  ImGui::SetCursorScreenPos(ImVec2(origin.x + x, origin.y + height * 0.42f));
  ImGui::PushFont(fonts.panels.small);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2 * s, 1 * s));
  ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, 10 * s);
  ImGui::SetNextItemWidth(track);
  ImGui::SliderFloat("##speed", &transport.speed, Transport::min_speed, Transport::max_speed, "",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play speed: steps per second");
  ImGui::PopStyleVar(2);
  ImGui::PopFont();
  char speed[16];
  std::snprintf(speed, sizeof speed, "%.3g", transport.speed);
  const float speed_x = origin.x + x + track + 8 * s;
  const float speed_y = origin.y + height * 0.62f;
  text_at(draw, fonts.button, speed_x, speed_y, theme.text_strong, speed);
  text_at(draw, fonts.panels.small, speed_x + text_width(fonts.button, speed) + 4 * s, speed_y, theme.text_faint,
          "steps/s");
  x += track + 8 * s + text_width(fonts.button, "0.5") + text_width(fonts.panels.small, "steps/s") + 20 * s;
  context.report.place("top.speed", {speed_x0, origin.y, origin.x + x - 20 * s - speed_x0, height});

  // The read-outs.
  separator(draw, x - 11 * s, height, theme);
  const float readouts_x = origin.x + x;
  const trace::LoopModel& model = context.model;
  const std::string step = std::to_string(model.step());
  const std::string total = "/" + std::to_string(context.steps_recorded) + (context.run_over ? "" : "\u2026");
  readout(draw, fonts, origin.x + x, origin.y, height, "STEP", step, total, theme);
  x += std::max(text_width(fonts.readout, step.c_str()) + text_width(fonts.panels.small, total.c_str()) + 14 * s,
                52 * s);
  readout(draw, fonts, origin.x + x, origin.y, height, "ITERATION", std::to_string(model.iteration()), "", theme);
  x += text_width(fonts.caption, "ITERATION") + 20 * s;
  char time[32];
  std::snprintf(time, sizeof time, "%.3f", model.time());
  readout(draw, fonts, origin.x + x, origin.y, height, "LOOP TIME", time, "s", theme);
  x += std::max(text_width(fonts.caption, "LOOP TIME"), text_width(fonts.readout, time) + 12 * s) + 22 * s;

  context.report.place("top.readouts", {readouts_x, origin.y, origin.x + x - readouts_x, height});
  // The colour legend is the timeline's (legend.hpp): the top bar keeps room for more controls.
}

}  // namespace coroscope::visualizer
