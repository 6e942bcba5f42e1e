#pragma once
// The scripts of headless runs (`coroscope gui --script FILE`): one action a line, what a
// person would do in the app, so a test or a documentation build can drive it:
//
//   step [n]          back [n]          iteration         restart           end
//   lesson NAME       play FRAMES       key NAME          select TASKNAME   theme light|dark
//   screenshot PATH   dump-model PATH   predict on|off    answer N (predict mode's choice N)
//   # a comment (blank lines too)
//
// Parsing is apart from running (the app runs the actions), so a bad line is reported with
// its number before anything runs.
#include <cstddef>
#include <istream>
#include <string>
#include <vector>

namespace coroscope::visualizer {

struct ScriptAction {
  enum class Kind {
    step,
    back,
    iteration,
    restart,
    end,
    lesson,
    play,
    key,
    select,
    theme,
    screenshot,
    dump_model,
    predict,
    answer
  };
  Kind kind = Kind::step;
  std::size_t count = 1;  // step, back: how many; play: frames; answer: the choice, from 1
  std::string argument;   // lesson, key, select, theme, screenshot, dump-model, predict
  std::size_t line = 0;   // in the script, for messages
};

struct Script {
  std::vector<ScriptAction> actions;
  std::string error;  // "script.txt:3: ..." when a line is wrong; then `actions` is incomplete
};

Script parse_script(std::istream& in, const std::string& name);
// The script in the file at `path` (an error if it cannot be read).
Script read_script(const std::string& path);

}  // namespace coroscope::visualizer
