// Predict mode against a real session (visualizer/predict/choices.hpp, predict_mode.hpp): the
// choices taken from the model, the right one, the run ahead that leaves no trace, and the
// stops before each question's step.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "predict_lessons.hpp"
#include "visualizer/predict/choices.hpp"
#include "visualizer/predict/predict_mode.hpp"
#include "visualizer/session.hpp"

using namespace coroscope::visualizer;
using namespace coroscope::visualizer::predict;

namespace {

std::vector<std::string> texts(const AskedQuestion& asked) {
  std::vector<std::string> result;
  for (const Choice& choice : asked.choices) result.push_back(choice.text);
  return result;
}

// Shows step k: the session, back where it was after the run ahead, records the steps again.
void show(Session& session, std::size_t step) {
  while (session.cursor() < step && session.step_forward()) {
  }
  session.go_to(step);
  REQUIRE(session.cursor() == step);
}

std::uint32_t task_named(const Session& session, const std::string& name) {
  for (const auto& task : session.model().tasks())
    if (task.name == name) return task.id;
  return 0;
}

}  // namespace

TEST_CASE("a next-task question offers the ready queue at step k - 1; the right choice is what step k runs") {
  Session session(predict_lessons::two_workers);
  const PreparedQuestions prepared = prepare_questions(session, predict_lessons::two_workers_readme);
  REQUIRE(prepared.errors.empty());
  REQUIRE(prepared.questions.size() == 4);
  const AskedQuestion& q1 = prepared.questions[0];
  CHECK(texts(q1) == std::vector<std::string>{"Task-2", "Task-3"});
  CHECK(q1.right == 0);
  show(session, 2);
  CHECK(session.model().loop_steps().back().task == q1.choices[0].task);
  CHECK(q1.why_task == task_named(session, "Task-2"));
}

TEST_CASE("with nothing ready and a timer pending, the one choice is that the loop waits for the timer") {
  Session session(predict_lessons::two_workers);
  const AskedQuestion q2 = prepare_questions(session, predict_lessons::two_workers_readme).questions.at(1);
  CHECK(texts(q2) == std::vector<std::string>{std::string(waits_for_a_timer)});
  CHECK(q2.right == 0);
  show(session, 3);
  // The reveal points at the task whose timer fires first: b, Task-3.
  CHECK(q2.why_task == task_named(session, "Task-3"));
}

TEST_CASE("a next-output question offers the next line printed and three other lines, sorted by text") {
  Session session(predict_lessons::two_workers);
  const AskedQuestion q3 = prepare_questions(session, predict_lessons::two_workers_readme).questions.at(2);
  CHECK(texts(q3) == std::vector<std::string>{"a done", "b done", "b starts", "main done"});
  CHECK(q3.choices[q3.right].text == "b done");
  show(session, 5);
  REQUIRE(!session.model().output().empty());
  CHECK(session.model().output().back().text == "b done");
  CHECK(session.model().output().back().step == 5);
  CHECK(q3.why_task == task_named(session, "Task-3"));
}

TEST_CASE("a choice question keeps the README's choices and right answer") {
  Session session(predict_lessons::two_workers);
  const AskedQuestion q4 = prepare_questions(session, predict_lessons::two_workers_readme).questions.at(3);
  CHECK(texts(q4) == std::vector<std::string>{"0.1 s", "0.2 s", "0.3 s"});
  CHECK(q4.right == 1);
  show(session, 6);
  CHECK(session.model().time() == doctest::Approx(0.2));
}

TEST_CASE("running ahead leaves the session where it was, with only the steps it had recorded") {
  Session session(predict_lessons::two_workers);
  show(session, 2);
  prepare_questions(session, predict_lessons::two_workers_readme);
  CHECK(session.cursor() == 2);
  CHECK(session.steps_recorded() == 2);
  CHECK(!session.run_over());
  CHECK(session.model().tasks().front().name == "Task-1");
}

TEST_CASE("a README without questions does not run the lesson ahead") {
  Session session(predict_lessons::two_workers);
  const PreparedQuestions prepared = prepare_questions(session, "# A lesson\n\nNo questions.\n");
  CHECK(prepared.questions.empty());
  CHECK(prepared.errors.empty());
  CHECK(session.steps_recorded() == 0);
}

TEST_CASE("a question about a step the lesson never reaches is an error at its line") {
  Session session(predict_lessons::two_workers);
  const PreparedQuestions prepared = prepare_questions(session, predict_lessons::unreachable_readme);
  REQUIRE(prepared.errors.size() == 1);
  CHECK(prepared.errors[0].line == 2);
  CHECK(prepared.errors[0].what.starts_with("Q1's step 500 never runs: the lesson ends at step "));
  CHECK(prepared.questions.empty());
}

TEST_CASE("predict mode stops before each question's step until it is answered") {
  Session session(predict_lessons::two_workers);
  PredictMode mode;
  CHECK(mode.furthest(0, 100) == 100);  // off: no stops
  mode.set_on(true, session, predict_lessons::two_workers_readme);
  CHECK(mode.furthest(0, 100) == 1);
  CHECK(mode.asking(0) == nullptr);
  REQUIRE(mode.asking(1) != nullptr);
  CHECK(mode.asking(1)->question.number == 1);
  CHECK(mode.answer(0, 0) == "no question is asked at step 0");
  CHECK(mode.answer(1, 5) == "Q1 has choices 1 to 2, not 6");
  CHECK(mode.answer(1, 1).empty());
  CHECK(mode.asking(1) == nullptr);
  REQUIRE(mode.revealing(2) != nullptr);
  CHECK(!mode.answered_right(*mode.revealing(2)));
  CHECK(mode.chosen(*mode.revealing(2)) == 1u);
  CHECK(mode.furthest(1, 100) == 3);  // Q2, at step 4
  // Q2 (step 4) and Q3 (step 5): Q2's reveal at step 4 comes before Q3 is asked there.
  CHECK(mode.answer(3, 0).empty());
  REQUIRE(mode.revealing(4) != nullptr);
  CHECK(mode.asking(4) == nullptr);
  CHECK(mode.furthest(4, 5) == 4);
  CHECK(mode.put_away_reveal(4));
  CHECK(mode.revealing(4) == nullptr);
  REQUIRE(mode.asking(4) != nullptr);
  CHECK(mode.asking(4)->question.number == 3);
  CHECK(!mode.put_away_reveal(2));  // Q1's reveal hides no question
  mode.forget_answers();
  CHECK(mode.furthest(1, 100) == 1);
  mode.set_on(false, session, predict_lessons::two_workers_readme);
  CHECK(mode.asking(1) == nullptr);
  CHECK(mode.furthest(1, 100) == 100);
}

TEST_CASE("a malformed README asks nothing and says which line is wrong") {
  Session session(predict_lessons::two_workers);
  PredictMode mode;
  mode.set_on(true, session, predict_lessons::malformed_readme);
  REQUIRE(mode.errors().size() == 1);
  CHECK(mode.errors()[0].line == 8);
  CHECK(mode.asking(1) == nullptr);
  CHECK(mode.furthest(0, 100) == 100);
  CHECK(mode.banner().find("README.md line 8: Q2 is a choice question with no choices") != std::string::npos);
}
