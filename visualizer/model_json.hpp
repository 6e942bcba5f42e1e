#pragma once
// The view model at the session's cursor as JSON (`coroscope gui --dump-model`): what every
// panel draws, for tests to assert on and for a reader to diff between two steps. Ids are
// the trace's small integers; a still-open end (a segment, an arrow) is null. Everything but
// "session" (how far the run has gone) and "view" (how the app shows it) is a function of the
// step: the same step gives the same dump, reached forward or back.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "visualizer/frame_report.hpp"
#include "visualizer/session.hpp"

namespace coroscope::visualizer {

namespace predict {
class PredictMode;
}

// What the app shows the model with, when the app writes the dump: the theme (its colours as
// "#rrggbb", so a test can find them in a screenshot), the task selected, and where the last
// frame put what.
struct ViewInfo {
  std::string theme;                                          // "light", "dark"
  std::vector<std::pair<std::string, std::uint32_t>> colors;  // name, ImU32 (0xAABBGGRR)
  std::uint32_t selected_task = 0;
  float font_scale = 1;  // the fonts' size against 1280x720's
  // The last frame's rectangles ("layout": name -> [x, y, width, height]) and rows cut.
  const FrameReport* report = nullptr;
  const predict::PredictMode* predict = nullptr;  // predict mode's card and errors (predict_json.hpp)
};

// Pretty-printed, keys in a fixed order: the same model gives the same text.
std::string model_json(const Session& session, std::string_view lesson, const ViewInfo* view = nullptr);

// Writes model_json to `path`; false if the file cannot be written.
bool write_model_json(const Session& session, std::string_view lesson, const std::string& path,
                      const ViewInfo* view = nullptr);

}  // namespace coroscope::visualizer
