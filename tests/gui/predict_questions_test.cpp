// The README's prediction questions, parsed (visualizer/predict/questions.hpp): each rule of
// docs/predict-questions.md, and each error with its README line.
#include <doctest/doctest.h>

#include <string>

#include "visualizer/predict/questions.hpp"

using namespace coroscope::visualizer::predict;

namespace {

// A README whose `## Questions` section is `section`, starting at line 5.
std::string readme(const std::string& section) {
  return "# 99 · A lesson\n"
         "\n"
         "Some text.\n"
         "## Questions\n" +
         section;
}

// The only error of `section`, as "line: what".
std::string only_error(const std::string& section) {
  const Questions parsed = parse_questions(readme(section));
  REQUIRE(parsed.errors.size() == 1);
  return std::to_string(parsed.errors[0].line) + ": " + parsed.errors[0].what;
}

}  // namespace

TEST_CASE("the three kinds of question parse with their step, text, choices and answer") {
  const Questions parsed =
      parse_questions(readme("\n"
                             "**Q1 \xC2\xB7 step 9 \xC2\xB7 next-task** Which task runs next?\n"
                             "*Answer:* `b`: it was queued before `main`.\n"
                             "\n"
                             "**Q2 \xC2\xB7 step 14 \xC2\xB7 next-output** What does the next printed line say?\n"
                             "**Answer:** `a` prints first.\n"
                             "\n"
                             "**Q3 \xC2\xB7 step 20 \xC2\xB7 choice** How long has the clock advanced?\n"
                             "1. 0.1 s\n"
                             "2. 0.3 s\n"
                             "3. 0.6 s\n"
                             "*Answer:* 2. `gather` waits for the longest child, not the sum.\n"));
  REQUIRE(parsed.errors.empty());
  REQUIRE(parsed.questions.size() == 3);
  const Question& q1 = parsed.questions[0];
  CHECK(q1.number == 1);
  CHECK(q1.step == 9);
  CHECK(q1.kind == QuestionKind::next_task);
  CHECK(q1.text == "Which task runs next?");
  CHECK(q1.choices.empty());
  CHECK(q1.answer == "`b`: it was queued before `main`.");
  CHECK(q1.line == 6);
  CHECK(parsed.questions[1].kind == QuestionKind::next_output);
  CHECK(parsed.questions[1].answer == "`a` prints first.");
  const Question& q3 = parsed.questions[2];
  CHECK(q3.kind == QuestionKind::choice);
  CHECK(q3.choices == std::vector<std::string>{"0.1 s", "0.3 s", "0.6 s"});
  CHECK(q3.right == 1);
  CHECK(q3.answer == "`gather` waits for the longest child, not the sum.");
  CHECK(q3.line == 12);
}

TEST_CASE("a README without a Questions section has no questions and no errors") {
  const Questions parsed = parse_questions("# 01 · Coroutines\n\n## What to watch\n\n1. Step once.\n");
  CHECK(parsed.questions.empty());
  CHECK(parsed.errors.empty());
  CHECK(parse_questions("").questions.empty());
}

TEST_CASE("a hyphen may stand for the middle dot, and spaces around it may repeat") {
  const Questions parsed = parse_questions(readme("**Q1 - step 3  -  next-task** Which?\n*Answer:* that.\n"));
  REQUIRE(parsed.errors.empty());
  CHECK(parsed.questions.at(0).step == 3);
}

TEST_CASE("the section ends at the next level-1 or level-2 heading; deeper headings and other text stay outside") {
  const Questions parsed =
      parse_questions(readme("**Q1 \xC2\xB7 step 1 \xC2\xB7 next-task** Which?\n*Answer:* that.\n"
                             "## Exercise\n"
                             "Write **Q2 \xC2\xB7 anything** here, it is not a question.\n"
                             "# Another part\n"
                             "1. a list\n"));
  CHECK(parsed.errors.empty());
  CHECK(parsed.questions.size() == 1);
}

TEST_CASE("a Questions heading inside a fenced code block starts no section") {
  const Questions parsed = parse_questions("# x\n```markdown\n## Questions\nnot a question\n```\n");
  CHECK(parsed.errors.empty());
  CHECK(parsed.questions.empty());
}

TEST_CASE("blank lines are ignored inside the section, between a tag, its choices and its answer") {
  const Questions parsed =
      parse_questions(readme("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** Pick\n\n1. one\n\n2. two\n\n*Answer:* 1\n"));
  REQUIRE(parsed.errors.empty());
  CHECK(parsed.questions.at(0).choices.size() == 2);
  CHECK(parsed.questions.at(0).right == 0);
  CHECK(parsed.questions.at(0).answer.empty());
}

TEST_CASE("a line that is not a tag, a choice or an answer is an error") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** Which?\nThink about it.\n*Answer:* that.\n")
            .starts_with("6: this line is not a question's tag"));
  CHECK(only_error("### Hints\n").starts_with("5: this line is not"));
}

TEST_CASE("a malformed tag is an error, and its choices and answer are not reported again") {
  CHECK(only_error("**Q1 step 2 next-task** Which?\n*Answer:* that.\n") ==
        "5: a question's tag is **Q<n> \xC2\xB7 step <k> \xC2\xB7 <kind>**, followed by the question");
  CHECK(only_error("**Q1 \xC2\xB7 step two \xC2\xB7 choice** Which?\n1. a\n*Answer:* 1\n")
            .starts_with("5: a question's tag"));
}

TEST_CASE("questions are numbered 1, 2, 3 in order") {
  CHECK(only_error("**Q2 \xC2\xB7 step 2 \xC2\xB7 next-task** Which?\n*Answer:* that.\n") ==
        "5: Q2 comes where Q1 should: questions are numbered 1, 2, 3\xE2\x80\xA6 in order");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n*Answer:* a.\n"
                   "**Q3 \xC2\xB7 step 4 \xC2\xB7 next-task** B?\n*Answer:* b.\n")
            .starts_with("7: Q3 comes where Q2 should"));
}

TEST_CASE("a step is 1 or more, and steps increase from one question to the next") {
  CHECK(only_error("**Q1 \xC2\xB7 step 0 \xC2\xB7 next-task** Which?\n*Answer:* that.\n") ==
        "5: step 0 is the start, before anything runs: a question's step is 1 or more");
  CHECK(only_error("**Q1 \xC2\xB7 step 4 \xC2\xB7 next-task** A?\n*Answer:* a.\n"
                   "**Q2 \xC2\xB7 step 4 \xC2\xB7 next-task** B?\n*Answer:* b.\n") ==
        "7: step 4 is not after the previous question's step 4: steps increase from one question to the next");
}

TEST_CASE("the kind is next-task, next-output or choice") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-line** Which?\n*Answer:* that.\n") ==
        "5: 'next-line' is not a kind of question (next-task, next-output or choice)");
}

TEST_CASE("a tag needs a question after it") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task**\n*Answer:* that.\n") ==
        "5: Q1 has no question after its tag");
}

TEST_CASE("a question without an answer line is an error at its tag, found at the next tag or heading") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n"
                   "**Q2 \xC2\xB7 step 3 \xC2\xB7 next-task** B?\n*Answer:* b.\n") ==
        "5: Q1 has no answer line (*Answer:* \xE2\x80\xA6)");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n## Exercise\n").starts_with("5: Q1 has no answer"));
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n").starts_with("5: Q1 has no answer"));
}

TEST_CASE("an answer needs a question before it, and a question has one answer") {
  CHECK(only_error("*Answer:* that.\n") == "5: an answer with no question before it");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n*Answer:* a.\n*Answer:* again.\n") ==
        "7: Q1 has two answer lines");
}

TEST_CASE("next-task and next-output questions take their choices from the model: no numbered lines") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n1. Task-2\n*Answer:* a.\n") ==
        "6: Q1 is a next-task question: its choices come from the model, so it has no numbered lines");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-output** A?\n1. hello\n*Answer:* a.\n")
            .starts_with("6: Q1 is a next-output question"));
}

TEST_CASE("a choice question needs choices, numbered 1, 2, 3 and at most 9") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n*Answer:* 1.\n") ==
        "5: Q1 is a choice question with no choices (1. \xE2\x80\xA6 under it)");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n1. a\n3. c\n*Answer:* 1.\n") ==
        "7: choice 3 comes where choice 2 should: choices are numbered 1, 2, 3\xE2\x80\xA6");
  std::string ten = "**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n";
  for (int i = 1; i <= 10; ++i) ten += std::to_string(i) + ". c\n";
  CHECK(only_error(ten + "*Answer:* 1.\n") ==
        "15: a question has at most 9 choices (the keys 1\xE2\x80\x93"
        "9)");
}

TEST_CASE("choices go between the tag and the answer") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n1. a\n*Answer:* 1.\n2. b\n") ==
        "8: a numbered line after Q1's answer: a question's choices go between its tag and its answer");
  CHECK(only_error("1. a\n") == "5: a numbered line with no question before it");
}

TEST_CASE("a choice question's answer begins with the number of one of its choices") {
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n1. a\n2. b\n*Answer:* b, because.\n") ==
        "8: Q1 is a choice question: its answer begins with the right choice's number (*Answer:* 2. \xE2\x80\xA6)");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n1. a\n2. b\n*Answer:* 3. c\n") ==
        "8: answer 3 is not one of Q1's choices (1\xE2\x80\x93"
        "2)");
  CHECK(only_error("**Q1 \xC2\xB7 step 2 \xC2\xB7 choice** A?\n1. a\n2. b\n*Answer:* 0.\n").starts_with("8: answer 0"));
}

TEST_CASE("every error is reported, each question with one is left out, the others kept") {
  const Questions parsed =
      parse_questions(readme("**Q1 \xC2\xB7 step 2 \xC2\xB7 next-task** A?\n*Answer:* a.\n"
                             "**Q2 \xC2\xB7 step 3 \xC2\xB7 choice** B?\n*Answer:* 1.\n"
                             "**Q3 \xC2\xB7 step 5 \xC2\xB7 next-output** C?\n*Answer:* c.\n"
                             "stray\n"));
  REQUIRE(parsed.errors.size() == 2);
  CHECK(parsed.errors[0].line == 7);
  CHECK(parsed.errors[1].line == 11);
  REQUIRE(parsed.questions.size() == 2);
  CHECK(parsed.questions[1].number == 3);
  CHECK(describe(parsed.errors[0]) ==
        "README.md line 7: Q2 is a choice question with no choices (1. \xE2\x80\xA6 under it)");
}

TEST_CASE("Windows line endings parse like Unix ones") {
  const Questions parsed =
      parse_questions("## Questions\r\n**Q1 \xC2\xB7 step 1 \xC2\xB7 next-task** A?\r\n*Answer:* a.\r\n");
  CHECK(parsed.errors.empty());
  CHECK(parsed.questions.at(0).text == "A?");
}
