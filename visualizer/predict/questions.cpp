// The README's questions (questions.hpp), line by line, as docs/predict-questions.md states
// the syntax. Every rule broken is one error with its README line; a question with an error
// is left out, and the lines that belong to a broken tag (its choices, its answer) are not
// reported again.
#include "visualizer/predict/questions.hpp"

#include <charconv>
#include <optional>
#include <regex>
#include <utility>

namespace coroscope::visualizer::predict {

namespace {

// `**Q<n> · step <k> · <kind>** question`: the separator is a middle dot (U+00B7) between
// spaces, or `-` in its place.
const std::regex& tag_pattern() {
  static const std::regex pattern(
      "\\*\\*Q([0-9]+) +(?:\xC2\xB7|-) +step +([0-9]+) +(?:\xC2\xB7|-) +([^*]+?) *\\*\\*(.*)");
  return pattern;
}

constexpr std::string_view answer_marks[] = {"*Answer:*", "**Answer:**"};

std::string_view trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A level-1 or level-2 heading's title, or nothing.
std::optional<std::string_view> heading_title(std::string_view line) {
  std::size_t level = 0;
  while (level < line.size() && line[level] == '#') ++level;
  if (level < 1 || level > 2 || (level < line.size() && line[level] != ' ')) return std::nullopt;
  return trimmed(line.substr(level));
}

std::optional<std::size_t> number_of(std::string_view digits) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

// A numbered list item, `3. text`: its number and text.
std::optional<std::pair<std::size_t, std::string_view>> list_item(std::string_view line) {
  const auto dot = line.find(". ");
  if (dot == 0 || dot == std::string_view::npos) return std::nullopt;
  const auto number = number_of(line.substr(0, dot));
  if (!number) return std::nullopt;
  return std::pair{*number, trimmed(line.substr(dot + 2))};
}

std::optional<QuestionKind> kind_named(std::string_view name) {
  for (QuestionKind kind : {QuestionKind::next_task, QuestionKind::next_output, QuestionKind::choice})
    if (name == to_string(kind)) return kind;
  return std::nullopt;
}

std::string q(std::size_t number) { return "Q" + std::to_string(number); }

class Parser {
 public:
  Questions parse(std::string_view readme) {
    bool in_section = false, fenced = false;
    std::size_t number = 0;
    for (std::size_t start = 0; start <= readme.size();) {
      auto end = readme.find('\n', start);
      if (end == std::string_view::npos) end = readme.size();
      const std::string_view line = trimmed(readme.substr(start, end - start));
      line_ = ++number;
      start = end + 1;
      const auto title = heading_title(line);
      if (!in_section) {
        // A `## Questions` shown as code (this syntax's own documentation) is no section.
        if (starts_with(line, "```")) fenced = !fenced;
        in_section = !fenced && title == "Questions";
        continue;
      }
      if (title) {
        finish_question();
        in_section = title == "Questions";
      } else if (!line.empty()) {
        read_line(line);
      }
    }
    finish_question();
    return std::move(result_);
  }

 private:
  void error(std::size_t line, std::string what) { result_.errors.push_back({line, std::move(what)}); }

  void read_line(std::string_view line) {
    if (starts_with(line, "**Q")) return read_tag(line);
    for (std::string_view mark : answer_marks)
      if (starts_with(line, mark)) return read_answer(trimmed(line.substr(mark.size())));
    if (const auto item = list_item(line)) return read_choice(item->first, item->second);
    error(line_,
          "this line is not a question's tag (**Q<n> \xC2\xB7 step <k> \xC2\xB7 <kind>** question), a choice "
          "(1. \xE2\x80\xA6) or an answer (*Answer:* \xE2\x80\xA6)");
  }

  void read_tag(std::string_view line) {
    finish_question();
    ++tags_;
    broken_ = true;  // until the tag has passed every check
    std::cmatch match;
    if (!std::regex_match(line.data(), line.data() + line.size(), match, tag_pattern())) {
      error(line_, "a question's tag is **Q<n> \xC2\xB7 step <k> \xC2\xB7 <kind>**, followed by the question");
      return;
    }
    Question question;
    question.line = line_;
    question.number = number_of(match.str(1)).value_or(0);
    question.step = number_of(match.str(2)).value_or(0);
    question.text = std::string(trimmed(match.str(4)));
    const auto kind = kind_named(match.str(3));
    const std::size_t errors = result_.errors.size();
    if (question.number != tags_)
      error(line_, q(question.number) + " comes where " + q(tags_) +
                       " should: questions are numbered 1, 2, 3\xE2\x80\xA6 in order");
    if (question.step == 0)
      error(line_, "step 0 is the start, before anything runs: a question's step is 1 or more");
    else if (question.step <= last_step_)
      error(line_, "step " + std::to_string(question.step) + " is not after the previous question's step " +
                       std::to_string(last_step_) + ": steps increase from one question to the next");
    if (!kind)
      error(line_, "'" + match.str(3) + "' is not a kind of question (next-task, next-output or choice)");
    else
      question.kind = *kind;
    if (question.text.empty()) error(line_, q(question.number) + " has no question after its tag");
    if (question.step > last_step_) last_step_ = question.step;
    if (result_.errors.size() != errors) return;
    current_ = std::move(question);
    broken_ = false;
  }

  void read_choice(std::size_t number, std::string_view text) {
    if (broken_) return;
    if (!current_) return error(line_, "a numbered line with no question before it");
    if (answered_)
      return error(line_, "a numbered line after " + q(current_->number) +
                              "'s answer: a question's choices go between its tag and its answer");
    if (current_->kind != QuestionKind::choice)
      return fail(line_, q(current_->number) + " is a " + to_string(current_->kind) +
                             " question: its choices come from the model, so it has no numbered lines");
    if (number != current_->choices.size() + 1)
      return fail(line_, "choice " + std::to_string(number) + " comes where choice " +
                             std::to_string(current_->choices.size() + 1) +
                             " should: choices are numbered 1, 2, 3\xE2\x80\xA6");
    if (number > 9)
      return fail(line_,
                  "a question has at most 9 choices (the keys 1\xE2\x80\x93"
                  "9)");
    current_->choices.emplace_back(text);
  }

  void read_answer(std::string_view text) {
    if (broken_) return;
    if (!current_) return error(line_, "an answer with no question before it");
    if (answered_) return fail(line_, q(current_->number) + " has two answer lines");
    answered_ = true;
    if (current_->kind == QuestionKind::choice && !current_->choices.empty()) {
      auto digits = text.substr(0, text.find_first_not_of("0123456789"));
      const auto number = number_of(digits);
      if (!number)
        return fail(
            line_,
            q(current_->number) +
                " is a choice question: its answer begins with the right choice's number (*Answer:* 2. \xE2\x80\xA6)");
      if (*number < 1 || *number > current_->choices.size())
        return fail(line_, "answer " + std::to_string(*number) + " is not one of " + q(current_->number) +
                               "'s choices (1\xE2\x80\x93" + std::to_string(current_->choices.size()) + ")");
      current_->right = *number - 1;
      text = text.substr(digits.size());
      if (starts_with(text, ".")) text = text.substr(1);
      text = trimmed(text);
    }
    current_->answer = std::string(text);
  }

  // An error in a question that parsed so far: it is left out, its other lines ignored.
  void fail(std::size_t line, std::string what) {
    error(line, std::move(what));
    current_.reset();
    broken_ = true;
  }

  // The question before the next tag or heading is complete, or says what it lacks.
  void finish_question() {
    if (current_) {
      if (current_->kind == QuestionKind::choice && current_->choices.empty())
        error(current_->line, q(current_->number) + " is a choice question with no choices (1. \xE2\x80\xA6 under it)");
      else if (!answered_)
        error(current_->line, q(current_->number) + " has no answer line (*Answer:* \xE2\x80\xA6)");
      else
        result_.questions.push_back(std::move(*current_));
    }
    current_.reset();
    answered_ = false;
    broken_ = false;
  }

  Questions result_;
  std::size_t line_ = 0;
  std::size_t tags_ = 0;       // tags read so far, broken ones too: the next should be Q<tags_ + 1>
  std::size_t last_step_ = 0;  // the latest step a tag named
  std::optional<Question> current_;
  bool answered_ = false;
  bool broken_ = false;  // the current tag had an error: its lines are not checked
};

}  // namespace

const char* to_string(QuestionKind kind) noexcept {
  switch (kind) {
    case QuestionKind::next_task:
      return "next-task";
    case QuestionKind::next_output:
      return "next-output";
    case QuestionKind::choice:
      return "choice";
  }
  return "?";
}

Questions parse_questions(std::string_view readme) { return Parser().parse(readme); }

std::string describe(const QuestionError& error) {
  return "README.md line " + std::to_string(error.line) + ": " + error.what;
}

}  // namespace coroscope::visualizer::predict
