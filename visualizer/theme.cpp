// The two themes. The light one is for projectors: white panels, dark text, saturated state
// colours that survive a washed-out beamer; the dark one keeps the same hues a little brighter.
// Both follow ../shared/mockups (light.png, dark.png).
#include "theme.hpp"

#include <imgui.h>

namespace coroscope::visualizer {

namespace {

constexpr Color rgb(unsigned hex, unsigned alpha = 255) {
  return IM_COL32((hex >> 16) & 255, (hex >> 8) & 255, hex & 255, alpha);
}

ImVec4 to_vec4(Color c) { return ImGui::ColorConvertU32ToFloat4(c); }

Theme make_light() {
  Theme t{};
  t.dark = false;
  t.background = rgb(0xD9DEE5);
  t.panel = rgb(0xFFFFFF);
  t.panel_header = rgb(0xF2F4F7);
  t.border = rgb(0xC2C9D3);
  t.text = rgb(0x141A22);
  t.text_faint = rgb(0x5E6977);
  t.text_strong = rgb(0x000000);
  t.running = rgb(0x1E9A4F);
  t.ready = rgb(0xF2A60C);
  t.suspended = rgb(0xCCD8E8);
  t.done = rgb(0xE1E5EA);
  t.cancelled = rgb(0x8A939F);
  t.raised = rgb(0xD0312D);
  t.callback = rgb(0x4E5D73);
  t.accent = rgb(0x2F6FDB);
  t.on_state_text = rgb(0xFFFFFF);
  t.changed = rgb(0xFFE98A);
  t.now_cursor = rgb(0xE0245E);
  t.created_arrow = rgb(0x7C8796);
  t.woke_arrow = rgb(0x7A3BE0);
  t.not_run_hatch = rgb(0xE2E6EC);
  t.selection = rgb(0xE5EEFD);
  t.code_background = rgb(0xEEF1F5);
  t.source_running_line = rgb(0xDDF3E5);
  t.source_waiting_line = rgb(0xEEF2F8);
  t.banner_error = rgb(0xC62828);
  t.banner_text = rgb(0xFFFFFF);
  // Task colours steer clear of the states' green, amber and red, so a badge never reads as a state.
  const Color palette[8] = {rgb(0x3F6AB0), rgb(0x0E7C86), rgb(0x7E4BB5), rgb(0x8B5A2B),
                            rgb(0xA23B72), rgb(0x56657A), rgb(0x2F4F8F), rgb(0x6A5ACD)};
  for (int i = 0; i < 8; ++i) t.task_palette[i] = palette[i];
  return t;
}

Theme make_dark() {
  Theme t{};
  t.dark = true;
  t.background = rgb(0x0E0F12);
  t.panel = rgb(0x1C1E23);
  t.panel_header = rgb(0x24272D);
  t.border = rgb(0x33373F);
  t.text = rgb(0xE8EBEF);
  t.text_faint = rgb(0x8D96A3);
  t.text_strong = rgb(0xFFFFFF);
  t.running = rgb(0x27B35F);
  t.ready = rgb(0xE9A518);
  t.suspended = rgb(0x34445B);
  t.done = rgb(0x2E3238);
  t.cancelled = rgb(0x6F7885);
  t.raised = rgb(0xE5484D);
  t.callback = rgb(0x8795AA);
  t.accent = rgb(0x3D7BE8);
  t.on_state_text = rgb(0xFFFFFF);
  t.changed = rgb(0x4A4119);
  t.now_cursor = rgb(0xFF4F7B);
  t.created_arrow = rgb(0x7D8693);
  t.woke_arrow = rgb(0xB58CFF);
  t.not_run_hatch = rgb(0x2A2D34);
  t.selection = rgb(0x22324B);
  t.code_background = rgb(0x2C3038);
  t.source_running_line = rgb(0x1D3A29);
  t.source_waiting_line = rgb(0x232B37);
  t.banner_error = rgb(0xB3261E);
  t.banner_text = rgb(0xFFFFFF);
  const Color palette[8] = {rgb(0x4F7CC4), rgb(0x17909B), rgb(0x9264CF), rgb(0xA06E3A),
                            rgb(0xB9528A), rgb(0x6E7D92), rgb(0x4668AD), rgb(0x7F72DB)};
  for (int i = 0; i < 8; ++i) t.task_palette[i] = palette[i];
  return t;
}

}  // namespace

Color Theme::state(trace::TaskState s) const {
  switch (s) {
    case trace::TaskState::ready:
      return ready;
    case trace::TaskState::running:
      return running;
    case trace::TaskState::suspended:
      return suspended;
    case trace::TaskState::done:
      return done;
    case trace::TaskState::cancelled:
      return cancelled;
    case trace::TaskState::raised:
      return raised;
  }
  return done;
}

const Theme& light_theme() {
  static const Theme theme = make_light();
  return theme;
}

const Theme& dark_theme() {
  static const Theme theme = make_dark();
  return theme;
}

void apply_imgui_style(const Theme& theme, float scale) {
  // Start from a fresh style each time: ScaleAllSizes multiplies, so scaling the current style
  // again (Ctrl +/-) would compound.
  ImGuiStyle style;
  if (theme.dark)
    ImGui::StyleColorsDark(&style);
  else
    ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(10, 8);
  style.WindowRounding = 6;
  style.WindowBorderSize = 1;
  style.ChildRounding = 0;
  style.ChildBorderSize = 0;
  style.FramePadding = ImVec2(8, 5);
  style.FrameRounding = 5;
  style.FrameBorderSize = 1;
  style.GrabRounding = 4;
  style.ItemSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.ScrollbarRounding = 6;
  style.WindowTitleAlign = ImVec2(0.0f, 0.5f);
  style.AntiAliasedLines = true;
  style.AntiAliasedFill = true;

  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = to_vec4(theme.panel);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = to_vec4(theme.panel);
  c[ImGuiCol_Border] = to_vec4(theme.border);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_Text] = to_vec4(theme.text);
  c[ImGuiCol_TextDisabled] = to_vec4(theme.text_faint);
  c[ImGuiCol_TitleBg] = to_vec4(theme.panel_header);
  c[ImGuiCol_TitleBgActive] = to_vec4(theme.panel_header);
  c[ImGuiCol_TitleBgCollapsed] = to_vec4(theme.panel_header);
  c[ImGuiCol_MenuBarBg] = to_vec4(theme.panel_header);
  c[ImGuiCol_FrameBg] = to_vec4(theme.panel_header);
  c[ImGuiCol_FrameBgHovered] = to_vec4(theme.selection);
  c[ImGuiCol_FrameBgActive] = to_vec4(theme.selection);
  c[ImGuiCol_Button] = to_vec4(theme.panel_header);
  c[ImGuiCol_ButtonHovered] = to_vec4(theme.selection);
  c[ImGuiCol_ButtonActive] = to_vec4(theme.selection);
  c[ImGuiCol_Header] = to_vec4(theme.selection);
  c[ImGuiCol_HeaderHovered] = to_vec4(theme.selection);
  c[ImGuiCol_HeaderActive] = to_vec4(theme.selection);
  c[ImGuiCol_Separator] = to_vec4(theme.border);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = to_vec4(theme.border);
  c[ImGuiCol_TableHeaderBg] = to_vec4(theme.panel_header);
  c[ImGuiCol_TableBorderLight] = to_vec4(theme.border);
  c[ImGuiCol_TableBorderStrong] = to_vec4(theme.border);
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_SliderGrab] = to_vec4(theme.accent);
  c[ImGuiCol_SliderGrabActive] = to_vec4(theme.accent);
  c[ImGuiCol_CheckMark] = to_vec4(theme.accent);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace coroscope::visualizer
