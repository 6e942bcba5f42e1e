// The `coroscope` command line: `coroscope list`, `coroscope run LESSON [flags]`,
// `coroscope gui [LESSON] [flags]` (and `coroscope` alone, which opens the visualizer).
// Wrong flags print the error and the usage on stderr and exit with status 2.
#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include "commands.hpp"

namespace cli = coroscope::cli;

// What was wrong with a command line that named no subcommand: CLI11 says only that one is
// required, even when the word in its place was a misspelt command or an unknown option.
std::string missing_subcommand(const CLI::App& app, const CLI::ParseError& error) {
  const std::vector<std::string> extra = app.remaining();
  if (extra.empty()) return error.what();
  if (extra.front().starts_with('-')) return "unknown option '" + extra.front() + "'";
  return "unknown command '" + extra.front() + "' (the commands are: list, run, gui)";
}

int main(int argc, char** argv) {
  // A file opened while stdout is closed would take its descriptor, and the output would land
  // in it: refuse to run without one.
  if (fcntl(STDOUT_FILENO, F_GETFD) == -1) {
    std::fprintf(stderr, "coroscope: cannot write to standard output: %s\n", std::strerror(errno));
    return cli::exit_failure;
  }
  CLI::App app{"coroscope: Python's asyncio scheduling, made visible.", "coroscope"};
  app.require_subcommand(0, 1);
  app.add_subcommand("list", "List the lessons, one line each");

  cli::RunRequest request;
  CLI::App* run = app.add_subcommand("run", "Run a lesson: print what `python3 lesson.py` prints");
  run->add_option("lesson", request.lesson, "The lesson's folder name (01_coroutines_and_run) or number (1)")
      ->required();
  const std::map<std::string, cli::TraceFormat> formats{{"text", cli::TraceFormat::text},
                                                        {"jsonl", cli::TraceFormat::jsonl},
                                                        {"chrome", cli::TraceFormat::chrome},
                                                        {"events", cli::TraceFormat::events}};
  std::string format;
  CLI::Option* trace =
      run->add_option("--trace", format,
                      "Also trace the run: text (the timeline to read), jsonl (the coroscope trace format), "
                      "chrome (for ui.perfetto.dev), events (raw, one line each)")
          ->check(CLI::IsMember(formats));
  const CLI::Validator file_name(
      [](const std::string& name) { return name.empty() ? std::string("the file name is empty") : std::string(); },
      "FILE");
  run->add_option("--out", request.out, "Write the trace to this file (default: stdout, instead of the output)")
      ->needs(trace)
      ->check(file_name);
  const std::map<std::string, coroscope::ClockKind> clocks{{"virtual", coroscope::ClockKind::virtual_time},
                                                           {"real", coroscope::ClockKind::real}};
  std::string clock;
  run->add_option("--clock", clock, "virtual (the default: timers fire at once, in the same order) or real")
      ->check(CLI::IsMember(clocks));
  run->add_flag("--debug", request.debug, "asyncio's debug mode: never-awaited coroutines, slow callbacks");
  run->add_flag("--no-color", request.no_color, "No ANSI colours in the text timeline (also: NO_COLOR=1)");

  cli::GuiRequest gui_request;
  CLI::App* gui = app.add_subcommand("gui", "Open the visualizer on a lesson (the default command)");
  gui->add_option("lesson", gui_request.lesson, "The lesson's folder name or number (default: 1)");
  gui->add_option("--steps", gui_request.steps, "Take this many steps first");
  gui->add_option("--screenshot", gui_request.screenshot, "Render (after --steps and --script), write this PNG, exit");
  gui->add_option("--script", gui_request.script,
                  "Run the actions in this file, one a line (step [n], back [n], iteration, restart, end, "
                  "lesson NAME, play FRAMES, key NAME, select TASK, theme light|dark, screenshot PATH, "
                  "dump-model PATH), then exit");
  gui->add_option("--dump-model", gui_request.dump_model, "Write the view model at the end as JSON to this file");
  std::string size;
  gui->add_option("--size", size, "The window's size, WxH (default 1280x720)")
      ->check(CLI::Validator(
          [](std::string& value) {
            int w = 0, h = 0;
            char x = 0, extra = 0;
            return std::sscanf(value.c_str(), "%d%c%d%c", &w, &x, &h, &extra) == 3 && x == 'x' && w >= 320 &&
                           h >= 240 && w <= 8192 && h <= 8192
                       ? std::string()
                       : "the size is WIDTHxHEIGHT, e.g. 1920x1080, from 320x240 on";
          },
          "WxH"));
  std::string theme;
  gui->add_option("--theme", theme, "light (the default, for projectors) or dark")
      ->check(CLI::IsMember({"light", "dark"}));
  gui->add_flag("--text", gui_request.text, "Print the text timeline instead of opening a window");
  gui->add_flag("--predict", gui_request.predict,
                "Predict mode: stop before each step the lesson's README asks about (also: the ? button, P)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);  // --help: the usage on stdout
  } catch (const CLI::ParseError& e) {
    // The usage of the subcommand that was being parsed, if any, else the command's.
    std::vector<CLI::App*> chosen = app.get_subcommands();
    const std::string usage = chosen.empty() ? app.help() : chosen.front()->help(app.get_name());
    const std::string what = chosen.empty() ? missing_subcommand(app, e) : e.what();
    std::fprintf(stderr, "coroscope: %s\n\n%s", what.c_str(), usage.c_str());
    return cli::exit_usage;
  }
  if (!format.empty()) request.trace = formats.at(format);
  if (!clock.empty()) request.clock = clocks.at(clock);
  if (run->parsed()) return cli::finish_output(cli::run_lesson(request));
  if (gui->parsed() || app.get_subcommands().empty()) {
    if (!size.empty()) std::sscanf(size.c_str(), "%dx%d", &gui_request.width, &gui_request.height);
    gui_request.dark = theme == "dark";
    return cli::finish_output(cli::open_gui(gui_request));
  }
  return cli::finish_output(cli::list_lessons());
}
