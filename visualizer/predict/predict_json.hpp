#pragma once
// Predict mode's state in the app's model dump (model_json.hpp's "view"): whether it is on,
// the README's errors, and the card at the step shown — the question, its choices, the one
// chosen and whether it was right — so a headless test can assert what the class saw.
#include <cstddef>
#include <nlohmann/json.hpp>

#include "visualizer/predict/predict_mode.hpp"

namespace coroscope::visualizer::predict {

nlohmann::ordered_json predict_json(const PredictMode& mode, std::size_t cursor);

}  // namespace coroscope::visualizer::predict
