#include "visualizer/script.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <utility>

namespace coroscope::visualizer {

namespace {

struct Verb {
  const char* word;
  ScriptAction::Kind kind;
  enum class Takes { nothing, count, text } takes;
};

constexpr Verb verbs[] = {
    {"step", ScriptAction::Kind::step, Verb::Takes::count},
    {"back", ScriptAction::Kind::back, Verb::Takes::count},
    {"iteration", ScriptAction::Kind::iteration, Verb::Takes::nothing},
    {"restart", ScriptAction::Kind::restart, Verb::Takes::nothing},
    {"end", ScriptAction::Kind::end, Verb::Takes::nothing},
    {"lesson", ScriptAction::Kind::lesson, Verb::Takes::text},
    {"play", ScriptAction::Kind::play, Verb::Takes::count},
    {"key", ScriptAction::Kind::key, Verb::Takes::text},
    {"select", ScriptAction::Kind::select, Verb::Takes::text},
    {"theme", ScriptAction::Kind::theme, Verb::Takes::text},
    {"screenshot", ScriptAction::Kind::screenshot, Verb::Takes::text},
    {"dump-model", ScriptAction::Kind::dump_model, Verb::Takes::text},
    {"predict", ScriptAction::Kind::predict, Verb::Takes::text},
    {"answer", ScriptAction::Kind::answer, Verb::Takes::count},
};

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// One line: its action, or the reason it is not one.
std::pair<ScriptAction, std::string> parse_line(const std::string& line) {
  std::istringstream words(line);
  std::string word;
  words >> word;
  std::string rest;
  std::getline(words, rest);
  rest = trimmed(rest);
  for (const Verb& verb : verbs) {
    if (word != verb.word) continue;
    ScriptAction action;
    action.kind = verb.kind;
    switch (verb.takes) {
      case Verb::Takes::nothing:
        if (!rest.empty()) return {action, "'" + word + "' takes no argument"};
        break;
      case Verb::Takes::count: {
        if (rest.empty()) {
          if (verb.kind == ScriptAction::Kind::play) return {action, "'play' needs a number of frames"};
          if (verb.kind == ScriptAction::Kind::answer) return {action, "'answer' needs a choice's number"};
          break;
        }
        const char* end = rest.data() + rest.size();
        auto [stop, error] = std::from_chars(rest.data(), end, action.count);
        if (error != std::errc() || stop != end) return {action, "'" + word + "' takes a number, not '" + rest + "'"};
        break;
      }
      case Verb::Takes::text:
        if (rest.empty()) return {action, "'" + word + "' needs an argument"};
        if (verb.kind == ScriptAction::Kind::theme && rest != "light" && rest != "dark")
          return {action, "the theme is light or dark, not '" + rest + "'"};
        if (verb.kind == ScriptAction::Kind::predict && rest != "on" && rest != "off")
          return {action, "predict mode is on or off, not '" + rest + "'"};
        action.argument = rest;
        break;
    }
    return {action, {}};
  }
  return {{},
          "unknown action '" + word +
              "' (step, back, iteration, restart, end, lesson, play, key, select, theme, screenshot, "
              "dump-model, predict, answer)"};
}

}  // namespace

Script parse_script(std::istream& in, const std::string& name) {
  Script script;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    line = trimmed(line);
    if (line.empty() || line.front() == '#') continue;
    auto [action, error] = parse_line(line);
    if (!error.empty()) {
      script.error = name + ":" + std::to_string(number) + ": " + error;
      return script;
    }
    action.line = number;
    script.actions.push_back(std::move(action));
  }
  return script;
}

Script read_script(const std::string& path) {
  std::ifstream file(path);
  if (!file) return {{}, "cannot read the script '" + path + "'"};
  return parse_script(file, path);
}

}  // namespace coroscope::visualizer
