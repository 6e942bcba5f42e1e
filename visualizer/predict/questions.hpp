#pragma once
// The prediction questions of a lesson's README (docs/predict-questions.md): the `## Questions`
// section's tags, choices and answers, parsed from the markdown alone. No model and no ImGui
// here: whether a question's step exists, and the choices a next-task or next-output question
// takes from the model, are predict/choices.hpp's.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace coroscope::visualizer::predict {

enum class QuestionKind { next_task, next_output, choice };
const char* to_string(QuestionKind kind) noexcept;  // "next-task", as the tag spells it

struct Question {
  std::size_t number = 0;  // Q<n>
  std::size_t step = 0;    // asked before step k runs, answered by running it
  QuestionKind kind = QuestionKind::choice;
  std::string text;                  // as the class reads it (markdown code spans kept)
  std::vector<std::string> choices;  // a choice question's own; empty for the other kinds
  std::size_t right = 0;             // a choice question's right choice, from 0
  std::string answer;                // the explanation revealed after the step runs
  std::size_t line = 0;              // the tag's line in the README, from 1
};

struct QuestionError {
  std::size_t line = 0;  // in the README, from 1
  std::string what;
};

struct Questions {
  std::vector<Question> questions;
  std::vector<QuestionError> errors;  // README order; with any, the app asks none of them
};

Questions parse_questions(std::string_view readme);

// "README.md line 12: ..." for a banner or a test's message.
std::string describe(const QuestionError& error);

}  // namespace coroscope::visualizer::predict
