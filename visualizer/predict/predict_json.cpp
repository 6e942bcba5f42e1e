#include "visualizer/predict/predict_json.hpp"

namespace coroscope::visualizer::predict {

namespace {

using Json = nlohmann::ordered_json;

// The card as the class sees it: asking (nothing chosen yet) or revealing. Choice numbers are
// the keys' numbers, from 1.
Json card_json(const PredictMode& mode, const AskedQuestion& asked, bool revealed) {
  Json choices = Json::array();
  for (const Choice& choice : asked.choices) choices.push_back(choice.text);
  const auto chosen = mode.chosen(asked);
  return {{"number", asked.question.number},
          {"step", asked.question.step},
          {"kind", to_string(asked.question.kind)},
          {"state", revealed ? "revealed" : "asking"},
          {"question", asked.question.text},
          {"choices", choices},
          {"right_choice", asked.right + 1},
          {"chosen", chosen ? Json(*chosen + 1) : Json(nullptr)},
          {"right", chosen ? Json(*chosen == asked.right) : Json(nullptr)},
          {"answer", asked.question.answer},
          {"why_task", asked.why_task}};
}

}  // namespace

Json predict_json(const PredictMode& mode, std::size_t cursor) {
  Json errors = Json::array();
  for (const QuestionError& error : mode.errors()) errors.push_back({{"line", error.line}, {"what", error.what}});
  Json card = nullptr;
  if (const AskedQuestion* asked = mode.asking(cursor))
    card = card_json(mode, *asked, false);
  else if (const AskedQuestion* revealed = mode.revealing(cursor))
    card = card_json(mode, *revealed, true);
  return {{"on", mode.on()},
          {"questions", mode.questions().size()},
          {"errors", errors},
          {"banner", mode.banner()},
          {"card", card}};
}

}  // namespace coroscope::visualizer::predict
