#pragma once
// The question card of predict mode: a window over the source panel that asks the question at
// the step shown with its numbered choices (a click, or the keys 1-9, answers), and once the
// step has run says right or wrong, marks the right choice and the one chosen, and shows the
// README's answer. It draws PredictMode's state and only asks for an answer; the app records
// it and runs the step.
#include <cstddef>
#include <optional>

#include "visualizer/fonts.hpp"
#include "visualizer/panel_context.hpp"
#include "visualizer/predict/predict_mode.hpp"

namespace coroscope::visualizer::predict {

// Draws the card if a question is asked or revealed at the step the context shows; returns
// the choice clicked (from 0), if any.
std::optional<std::size_t> draw_question_card(PanelContext& context, const PredictMode& mode, const AppFonts& fonts);

}  // namespace coroscope::visualizer::predict
