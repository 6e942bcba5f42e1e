// One frame's windows (frame.hpp): the PanelContext built from the session, the fixed windows
// placed from the display size, each panel called inside its own.
#include "visualizer/frame.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "visualizer/column_wants.hpp"
#include "visualizer/draw.hpp"
#include "visualizer/fonts.hpp"
#include "visualizer/layout.hpp"
#include "visualizer/panels.hpp"

namespace coroscope::visualizer {

namespace {

// The panels' windows: fixed, with a title bar, nothing ImGui would remember or let move.
constexpr ImGuiWindowFlags panel_flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus;

void place(const Rect& rect) {
  ImGui::SetNextWindowPos(ImVec2(rect.x, rect.y));
  ImGui::SetNextWindowSize(ImVec2(rect.width, rect.height));
}

// The diagnosis banner: as many lines as the diagnosis has, up to six (then it scrolls).
float banner_height(std::string_view diagnosis, const AppFonts& fonts) {
  if (diagnosis.empty()) return 0;
  const auto lines =
      static_cast<float>(std::min<std::size_t>(std::count(diagnosis.begin(), diagnosis.end(), '\n') + 1, 6));
  return lines * fonts.panels.mono->FontSize * 1.15f + 16 * fonts.scale;
}

void draw_banner(const Rect& rect, std::string_view diagnosis, const Theme& theme, const AppFonts& fonts) {
  place(rect);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme.banner_error);
  ImGui::PushStyleColor(ImGuiCol_Text, theme.banner_text);
  ImGui::PushStyleColor(ImGuiCol_Border, theme.banner_error);
  ImGui::Begin("##diagnosis", nullptr, panel_flags | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushFont(fonts.panels.mono_bold);
  ImGui::TextUnformatted(diagnosis.data(), diagnosis.data() + diagnosis.size());
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleColor(3);
}

}  // namespace

FrameRequests draw_frame_windows(const Session& session, const LessonTexts& lesson, const ControlsView& view,
                                 const Theme& theme, UiState& ui, Transport& transport) {
  const AppFonts& fonts = view.fonts;
  // The context holds views of these two: they live until the frame is drawn.
  std::string diagnosis = session.diagnosis();
  if (!ui.predict_banner.empty()) diagnosis += (diagnosis.empty() ? "" : "\n") + ui.predict_banner;
  const std::string sentence = session.step_sentence();
  FrameRequests requests;
  PanelContext context{.model = session.model(),
                       .lesson = lesson,
                       .theme = theme,
                       .fonts = fonts.panels,
                       .ui = ui,
                       .requests = requests.panels,
                       .report = requests.report,
                       .steps_recorded = session.steps_recorded(),
                       .run_over = session.run_over(),
                       .diagnosis = diagnosis,
                       .step_sentence = sentence};

  const ImGuiIO& io = ImGui::GetIO();
  const float s = fonts.scale;
  const float banner = banner_height(context.diagnosis, fonts);
  const RightColumnWants wants = right_column_wants(context, fonts);
  Layout layout = compute_layout(io.DisplaySize.x, io.DisplaySize.y, 54 * s, banner, wants);
  {
    // The explanation grows to show its step sentence whole, and a line of the README under it.
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::PushFont(fonts.panels.regular);
    const float chrome = fonts.title->FontSize + style.FramePadding.y * 2 + style.WindowPadding.y * 2;
    const float least = chrome + ImGui::GetTextLineHeightWithSpacing() * 1.5f +
                        step_sentence_height(context, layout.explanation.width - style.WindowPadding.x * 2);
    ImGui::PopFont();
    if (least > layout.explanation.height)
      layout = compute_layout(io.DisplaySize.x, io.DisplaySize.y, 54 * s, banner, wants, least);
  }

  requests.report.place("panel.top bar", layout.top_bar);
  place(layout.top_bar);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.f);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, theme.panel);
  ImGui::Begin("##top bar", nullptr, panel_flags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  draw_controls_panel(context, view, transport, requests.controls);
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar(2);

  if (banner > 0) draw_banner(layout.banner, context.diagnosis, theme, fonts);

  struct Panel {
    const char* title;
    const Rect& rect;
    void (*draw)(PanelContext&);
    ImGuiWindowFlags flags;
    bool list = false;  // rows of a list, set closer than other items (list_spacing)
  };
  // The timeline zooms with the wheel, so its window must not scroll with it.
  const Panel panels[] = {
      {"TIMELINE###timeline", layout.timeline, draw_timeline_panel,
       ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse},
      {"SOURCE###source", layout.source, draw_source_panel, 0},
      {"OUTPUT###output", layout.output, draw_output_panel, 0, true},
      {"EXPLANATION###explanation", layout.explanation, draw_explanation_panel, 0},
      {"READY QUEUE###ready queue", layout.ready_queue, draw_ready_queue_panel, 0, true},
      {"TIMERS###timers", layout.timers, draw_timers_panel, 0, true},
      {"FUTURES###futures", layout.futures, draw_futures_panel, 0, true},
      {"TASKS###tasks", layout.tasks, draw_tasks_panel, 0, true},
  };
  for (const Panel& panel : panels) {
    place(panel.rect);
    const std::string_view title = panel.title;
    requests.report.place("panel." + std::string(title.substr(title.rfind('#') + 1)), panel.rect);
    // The title bar takes the font current at Begin; PushFont/PopFont must bracket
    // Begin..End (popping right after Begin asserts in 1.86).
    ImGui::PushFont(fonts.title);
    ImGui::Begin(panel.title, nullptr, panel_flags | panel.flags);
    ImGui::PushFont(fonts.panels.regular);
    if (panel.list) push_list_spacing();
    panel.draw(context);
    if (panel.list) ImGui::PopStyleVar();
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopFont();
  }
  return requests;
}

}  // namespace coroscope::visualizer
