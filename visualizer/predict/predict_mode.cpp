// Predict mode's state (predict_mode.hpp).
#include "visualizer/predict/predict_mode.hpp"

namespace coroscope::visualizer::predict {

void PredictMode::set_on(bool on, Session& session, std::string_view readme) {
  on_ = on;
  if (!on_ || loaded_) return;
  prepared_ = prepare_questions(session, readme);
  chosen_.assign(prepared_.questions.size(), std::nullopt);
  put_away_.assign(prepared_.questions.size(), false);
  loaded_ = true;
}

void PredictMode::switch_lesson(Session& session, std::string_view readme) {
  loaded_ = false;
  prepared_ = {};
  chosen_.clear();
  put_away_.clear();
  set_on(on_, session, readme);
}

void PredictMode::forget_answers() {
  chosen_.assign(chosen_.size(), std::nullopt);
  put_away_.assign(put_away_.size(), false);
}

std::string PredictMode::banner() const {
  if (!on_ || errors().empty()) return {};
  std::string text = "Predict mode asks no questions in this lesson: its README has ";
  text += errors().size() == 1 ? "a malformed question" : std::to_string(errors().size()) + " errors";
  for (const QuestionError& error : errors()) text += "\n" + describe(error);
  return text;
}

std::size_t PredictMode::index_of(const AskedQuestion& question) const {
  return static_cast<std::size_t>(&question - prepared_.questions.data());
}

const AskedQuestion* PredictMode::asking(std::size_t cursor) const {
  if (!active() || revealing(cursor)) return nullptr;
  for (const AskedQuestion& q : prepared_.questions)
    if (q.question.step == cursor + 1 && !chosen_[index_of(q)]) return &q;
  return nullptr;
}

const AskedQuestion* PredictMode::revealing(std::size_t cursor) const {
  if (!active()) return nullptr;
  for (const AskedQuestion& q : prepared_.questions)
    if (q.question.step == cursor && chosen_[index_of(q)] && !put_away_[index_of(q)]) return &q;
  return nullptr;
}

bool PredictMode::put_away_reveal(std::size_t cursor) {
  const AskedQuestion* revealed = revealing(cursor);
  if (!revealed || furthest(cursor, cursor + 1) != cursor) return false;
  put_away_[index_of(*revealed)] = true;
  return true;
}

std::optional<std::size_t> PredictMode::chosen(const AskedQuestion& question) const {
  return chosen_[index_of(question)];
}

bool PredictMode::answered_right(const AskedQuestion& question) const { return chosen(question) == question.right; }

std::size_t PredictMode::furthest(std::size_t cursor, std::size_t target) const {
  if (!active()) return target;
  for (const AskedQuestion& q : prepared_.questions)
    if (q.question.step > cursor && q.question.step <= target && !chosen_[index_of(q)]) return q.question.step - 1;
  return target;
}

std::string PredictMode::answer(std::size_t cursor, std::size_t choice) {
  const AskedQuestion* question = asking(cursor);
  if (!question) return "no question is asked at step " + std::to_string(cursor);
  if (choice >= question->choices.size())
    return "Q" + std::to_string(question->question.number) + " has choices 1 to " +
           std::to_string(question->choices.size()) + ", not " + std::to_string(choice + 1);
  chosen_[index_of(*question)] = choice;
  return {};
}

}  // namespace coroscope::visualizer::predict
