#include "visualizer/column_wants.hpp"

#include <imgui.h>

#include "visualizer/draw.hpp"
#include "visualizer/panels.hpp"

namespace coroscope::visualizer {

RightColumnWants right_column_wants(const PanelContext& context, const AppFonts& fonts) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float chrome = fonts.title->FontSize + style.FramePadding.y * 2 + style.WindowPadding.y * 2;
  // A panel that shows fewer rows than it has needs the room of its "+N more" band too.
  auto framed = [&](ContentHeight content) {
    const float band = content.all > content.least ? more_below_height(context) : 0;
    return Want{content.all + chrome, content.least + band + chrome};
  };
  // The panels measure their rows in the font they draw them in.
  ImGui::PushFont(fonts.panels.regular);
  push_list_spacing();
  const RightColumnWants wants{.ready_queue = framed(ready_queue_content_height(context)),
                               .timers = framed(timers_content_height(context)),
                               .futures = framed(futures_content_height(context)),
                               .tasks = framed(tasks_content_height(context))};
  ImGui::PopStyleVar();
  ImGui::PopFont();
  return wants;
}

}  // namespace coroscope::visualizer
