#pragma once
// What every panel draws from: the loop model at the step shown, the lesson's texts, the
// theme and fonts, and the little UI state panels share (the selected task). A panel is a
// plain function of this context (panels.hpp); it never reads the loop or the session, and it
// asks for a change (jump to a step, select a task) by writing a request here.
#include <coroscope/trace/loop_model.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "frame_report.hpp"
#include "theme.hpp"

struct ImFont;

namespace coroscope::visualizer {

// The lesson being shown: its name and the texts embedded at build time.
struct LessonTexts {
  std::string_view name;      // "06_gather"
  std::string_view summary;   // README's heading
  std::string_view cpp_file;  // "lesson.cpp"
  std::string_view cpp_source;
  std::string_view py_source;
  std::string_view readme;  // README.md, markdown
};

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* bold = nullptr;
  ImFont* mono = nullptr;
  ImFont* mono_bold = nullptr;
  ImFont* small = nullptr;  // labels, headers
};

// Shared UI state that outlives a frame (kept by the app).
struct UiState {
  std::uint32_t selected_task = 0;  // 0: none
  // The timeline's view: the steps shown, [first_step, first_step + visible_steps).
  double first_step = 0;
  double visible_steps = 0;  // 0: fit everything recorded
  bool follow_now = true;    // keep the "now" cursor in view while stepping
  // Predict mode's malformed question (README line and what is wrong), shown in the banner.
  std::string predict_banner;
};

// What a panel asks the app to do, after the frame.
struct Requests {
  std::optional<std::size_t> jump_to_step;
  std::optional<std::uint32_t> select_task;
};

struct PanelContext {
  const trace::LoopModel& model;  // the loop at the step shown (model.step())
  const LessonTexts& lesson;
  const Theme& theme;
  const Fonts& fonts;
  UiState& ui;
  Requests& requests;
  FrameReport& report;
  std::size_t steps_recorded = 0;  // steps run so far; those after model.step() can be revisited
  bool run_over = false;           // the loop has closed: no step after steps_recorded
  // The diagnosis when the lesson raised or deadlocked (empty otherwise), for the banner.
  std::string_view diagnosis;
  // One generated sentence about the current step ("the timer of sleep(0.1) fired; ...").
  std::string_view step_sentence;
};

}  // namespace coroscope::visualizer
