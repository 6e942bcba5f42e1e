#pragma once
// Predict mode's state, with no ImGui in it: whether it is on, the lesson's questions made
// ready (choices.hpp), and the class's answers. The app asks it how far stepping may go (never
// past a question not yet answered), which question the card asks or reveals at the step
// shown, and tells it the answer; the question card (question_card.hpp) only draws this.
//
// A question marked step k is asked with the session at step k - 1; the answer runs step k,
// and the card reveals it while the session shows step k. Stepping back keeps the answers (a
// question answered is not asked again); restarting the lesson forgets them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "visualizer/predict/choices.hpp"
#include "visualizer/session.hpp"

namespace coroscope::visualizer::predict {

class PredictMode {
 public:
  bool on() const noexcept { return on_; }
  // Turning it on reads the lesson's questions the first time (which runs the lesson ahead).
  void set_on(bool on, Session& session, std::string_view readme);
  // A lesson shown afresh: its questions are read again when predict mode is (or turns) on.
  void switch_lesson(Session& session, std::string_view readme);
  void forget_answers();

  // What is wrong in the README (then no question is asked), as the banner says it.
  const std::vector<QuestionError>& errors() const noexcept { return prepared_.errors; }
  std::string banner() const;
  const std::vector<AskedQuestion>& questions() const noexcept { return prepared_.questions; }

  // The question the card asks with the session at `cursor` (its step is cursor + 1, not yet
  // answered), or null; null too while the card still reveals the question before it.
  const AskedQuestion* asking(std::size_t cursor) const;
  // The question answered whose step is `cursor`, whose card shows what happened, or null.
  const AskedQuestion* revealing(std::size_t cursor) const;
  // Asked to step on from a reveal that hides the next question (two questions on
  // consecutive steps): the reveal is put away and the next question asked. False if there
  // was none.
  bool put_away_reveal(std::size_t cursor);
  std::optional<std::size_t> chosen(const AskedQuestion& question) const;
  bool answered_right(const AskedQuestion& question) const;

  // The furthest step from `cursor` towards `target` that passes no question still to be
  // answered: stepping stops before each question's step.
  std::size_t furthest(std::size_t cursor, std::size_t target) const;
  // Choice `choice` (from 0) of the question asked at `cursor`; an error if there is none
  // ("" when recorded). The app then runs the step.
  std::string answer(std::size_t cursor, std::size_t choice);

 private:
  bool active() const noexcept { return on_ && loaded_ && prepared_.errors.empty(); }
  std::size_t index_of(const AskedQuestion& question) const;

  bool on_ = false;
  bool loaded_ = false;  // prepared_ holds the shown lesson's questions
  PreparedQuestions prepared_;
  std::vector<std::optional<std::size_t>> chosen_;  // by question
  std::vector<bool> put_away_;                      // by question: its reveal is no longer shown
};

}  // namespace coroscope::visualizer::predict
