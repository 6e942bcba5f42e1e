// The questions' choices from the model (choices.hpp).
#include "visualizer/predict/choices.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace coroscope::visualizer::predict {

namespace {

// A ready-queue entry as the class names it: the task a step or wakeup runs, else the
// callback ("sleep #1 timer").
std::string entry_name(const trace::LoopModel& model, const trace::ReadyEntry& entry) {
  if (entry.kind == HandleKind::task_step || entry.kind == HandleKind::task_wakeup)
    if (const trace::TaskModel* task = model.task(entry.task)) return task->name;
  return entry.label;
}

// What step k runs, from the model at step k - 1 (`before`) and the handle step k ran.
std::optional<std::string> next_task_choices(const trace::LoopModel& before, const trace::LoopStep& ran,
                                             AskedQuestion& asked) {
  std::optional<std::size_t> right;
  for (const trace::ReadyEntry& entry : before.ready()) {
    if (entry.handle == ran.handle && !right) right = asked.choices.size();
    asked.choices.push_back({entry_name(before, entry), entry.task});
  }
  const auto& timers = before.timers();
  const bool timer_pending = std::any_of(timers.begin(), timers.end(), [](const trace::TimerModel& timer) {
    return timer.state == trace::TimerState::pending;
  });
  if (before.ready().empty() && timer_pending) {
    // Like _run_once with nothing ready: it sleeps until the earliest timer, which step k runs.
    const auto fired =
        std::find_if(timers.begin(), timers.end(), [&](const trace::TimerModel& t) { return t.handle == ran.handle; });
    if (fired != timers.end()) right = asked.choices.size();
    asked.choices.push_back({std::string(waits_for_a_timer), fired != timers.end() ? fired->task : 0});
  }
  if (!right)
    return "step " + std::to_string(ran.step) + " runs " + ran.label + ", which is not in the ready queue at step " +
           std::to_string(ran.step - 1);
  asked.right = *right;
  return std::nullopt;
}

// The next line printed from step k on, and up to three others: first those printed after it,
// then those before it, latest first; every text once.
std::optional<std::string> next_output_choices(const std::vector<trace::OutputLine>& output, std::size_t step,
                                               AskedQuestion& asked) {
  const auto next =
      std::find_if(output.begin(), output.end(), [&](const trace::OutputLine& line) { return line.step >= step; });
  if (next == output.end()) return "the lesson prints nothing from step " + std::to_string(step) + " on";
  asked.choices.push_back({next->text, next->task});
  auto offer = [&](const trace::OutputLine& line) {
    if (asked.choices.size() == 4) return;
    for (const Choice& choice : asked.choices)
      if (choice.text == line.text) return;
    asked.choices.push_back({line.text, line.task});
  };
  std::for_each(next + 1, output.end(), offer);
  std::for_each(std::make_reverse_iterator(next), output.rend(), offer);
  const std::string right = next->text;
  std::sort(asked.choices.begin(), asked.choices.end(),
            [](const Choice& a, const Choice& b) { return a.text < b.text; });
  asked.right = static_cast<std::size_t>(
      std::find_if(asked.choices.begin(), asked.choices.end(), [&](const Choice& c) { return c.text == right; }) -
      asked.choices.begin());
  return std::nullopt;
}

}  // namespace

PreparedQuestions prepare_questions(Session& session, std::string_view readme) {
  Questions parsed = parse_questions(readme);
  PreparedQuestions prepared{{}, std::move(parsed.errors)};
  if (parsed.questions.empty()) return prepared;
  const std::size_t shown = session.cursor();
  session.run_to_end();
  const std::size_t last = session.steps_recorded();
  // The whole run's history, before the cursor moves back.
  const std::vector<trace::OutputLine> output = session.model().output();
  const std::vector<trace::LoopStep> loop_steps = session.model().loop_steps();
  for (Question& question : parsed.questions) {
    const auto ran = std::find_if(loop_steps.begin(), loop_steps.end(),
                                  [&](const trace::LoopStep& s) { return s.step == question.step; });
    if (question.step > last || ran == loop_steps.end()) {
      prepared.errors.push_back({question.line, "Q" + std::to_string(question.number) + "'s step " +
                                                    std::to_string(question.step) +
                                                    " never runs: the lesson ends at step " + std::to_string(last)});
      continue;
    }
    AskedQuestion asked;
    asked.why_task = ran->task;
    std::optional<std::string> error;
    switch (question.kind) {
      case QuestionKind::next_task:
        session.go_to(question.step - 1);
        error = next_task_choices(session.model(), *ran, asked);
        break;
      case QuestionKind::next_output:
        error = next_output_choices(output, question.step, asked);
        break;
      case QuestionKind::choice:
        for (const std::string& text : question.choices) asked.choices.push_back({text, 0});
        asked.right = question.right;
        break;
    }
    if (error) {
      prepared.errors.push_back({question.line, "Q" + std::to_string(question.number) + ": " + *error});
      continue;
    }
    if (asked.choices[asked.right].task) asked.why_task = asked.choices[asked.right].task;
    asked.question = std::move(question);
    prepared.questions.push_back(std::move(asked));
  }
  std::sort(prepared.errors.begin(), prepared.errors.end(),
            [](const QuestionError& a, const QuestionError& b) { return a.line < b.line; });
  session.restart();
  for (std::size_t i = 0; i < shown && session.step_forward(); ++i) {
  }
  return prepared;
}

}  // namespace coroscope::visualizer::predict
