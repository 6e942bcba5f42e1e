#pragma once
// A lesson's questions made ready to ask (docs/predict-questions.md): each question's choices,
// the right one, and what the reveal points at, found by running the lesson ahead in the
// session. A next-task question's choices are the ready queue at step k - 1 (and "nothing: the
// loop waits for a timer" when it is empty with a timer pending), its right choice what step k
// runs; a next-output question's are the next line the lesson prints from step k on and up to
// three other lines of its output, sorted by their text (so where the right one stands says
// nothing); a choice question's are the README's own.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "visualizer/predict/questions.hpp"
#include "visualizer/session.hpp"

namespace coroscope::visualizer::predict {

inline constexpr std::string_view waits_for_a_timer = "nothing: the loop waits for a timer";

struct Choice {
  std::string text;
  // The task the choice is about: the ready-queue entry's, the timer's, the printing task's
  // (0: none). Revealing a question selects the right choice's task in every panel.
  std::uint32_t task = 0;
};

struct AskedQuestion {
  Question question;
  std::vector<Choice> choices;
  std::size_t right = 0;       // an index into choices
  std::uint32_t why_task = 0;  // what the reveal selects: the right choice's task, or step k's
};

struct PreparedQuestions {
  std::vector<AskedQuestion> questions;
  std::vector<QuestionError> errors;  // the README's, then the model's (a step never reached)
};

// Parses `readme` and, when it has questions, runs the session to its end to find their
// choices; the session then starts again and comes back to the step it showed, so the run
// ahead leaves no trace (the steps recorded are those the class has seen).
PreparedQuestions prepare_questions(Session& session, std::string_view readme);

}  // namespace coroscope::visualizer::predict
