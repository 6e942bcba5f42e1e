// lessons.questions_parse: every registered lesson's README questions parse
// (docs/predict-questions.md) and each question's step exists, checked the way the app checks
// them in predict mode: on a session that runs the lesson. A README without questions passes.
#include <cstdio>

#include "lessons/registry.hpp"
#include "visualizer/predict/choices.hpp"
#include "visualizer/session.hpp"

int main() {
  namespace predict = coroscope::visualizer::predict;
  int errors = 0;
  for (const coroscope::lessons::Lesson& lesson : coroscope::lessons::all_lessons()) {
    coroscope::visualizer::Session session(lesson.main);
    const predict::PreparedQuestions prepared = predict::prepare_questions(session, lesson.readme);
    for (const predict::QuestionError& error : prepared.errors) {
      std::fprintf(stderr, "lessons/%.*s/%s\n", static_cast<int>(lesson.name.size()), lesson.name.data(),
                   predict::describe(error).c_str());
      ++errors;
    }
    std::printf("%.*s: %zu questions\n", static_cast<int>(lesson.name.size()), lesson.name.data(),
                prepared.questions.size());
  }
  return errors == 0 ? 0 : 1;
}
