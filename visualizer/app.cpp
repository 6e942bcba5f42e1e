// The app (app.hpp). One thread: the frame loop owns the session, which owns the loop, so
// the picture is always exactly the loop's state (DESIGN.md). Each frame draws its windows
// with draw_frame_windows (frame.hpp: the PanelContext from the session, the fixed windows
// laid out from the display size, each panel inside its own), then renders them with OpenGL;
// what the panels ask for (a jump, a selection) and what the keys and buttons ask for is done
// after the frame is drawn.
#include "visualizer/app.hpp"

// glad's header before GLFW's: it provides the OpenGL declarations GLFW would include. (Its
// own block, so that sorting the includes keeps it first.)
#include <glad/gl.h>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "lessons/registry.hpp"
#include "visualizer/controls_panel.hpp"
#include "visualizer/fonts.hpp"
#include "visualizer/frame.hpp"
#include "visualizer/model_json.hpp"
#include "visualizer/predict/predict_mode.hpp"
#include "visualizer/predict/question_card.hpp"
#include "visualizer/screenshot.hpp"
#include "visualizer/script.hpp"
#include "visualizer/session.hpp"
#include "visualizer/settings.hpp"
#include "visualizer/theme.hpp"

namespace coroscope::visualizer {

namespace {

constexpr int exit_failed = 1;
constexpr int exit_bad_input = 2;

// The keys, by the names a script uses for them (`key right`), and what each does.
struct KeyBinding {
  const char* name;
  int key;  // GLFW_KEY_*
  bool ctrl, shift;
  Command command;
};
constexpr KeyBinding key_bindings[] = {
    {"right", GLFW_KEY_RIGHT, false, false, Command::step},
    {"shift+right", GLFW_KEY_RIGHT, false, true, Command::iteration},
    {"down", GLFW_KEY_DOWN, false, false, Command::iteration},
    {"left", GLFW_KEY_LEFT, false, false, Command::back},
    {"space", GLFW_KEY_SPACE, false, false, Command::play_pause},
    {"r", GLFW_KEY_R, false, false, Command::restart},
    {"end", GLFW_KEY_END, false, false, Command::end},
    {"t", GLFW_KEY_T, false, false, Command::toggle_theme},
    {"p", GLFW_KEY_P, false, false, Command::toggle_predict},
    {"ctrl+=", GLFW_KEY_EQUAL, true, false, Command::larger_fonts},
    {"ctrl++", GLFW_KEY_KP_ADD, true, false, Command::larger_fonts},
    {"ctrl+-", GLFW_KEY_MINUS, true, false, Command::smaller_fonts},
    {"ctrl+kp-", GLFW_KEY_KP_SUBTRACT, true, false, Command::smaller_fonts},
};

const KeyBinding* find_binding(std::string_view name) {
  for (const KeyBinding& binding : key_bindings)
    if (name == binding.name) return &binding;
  return nullptr;
}

LessonTexts texts_of(const lessons::Lesson& lesson) {
  return {lesson.name, lesson.summary, "lesson.cpp", lesson.cpp_source, lesson.py_source, lesson.readme};
}

class App {
 public:
  App(GLFWwindow* window, const AppOptions& options, const lessons::Lesson& lesson, bool headless)
      : window_(window),
        headless_(headless),
        lessons_(options.lessons),
        lesson_(&lesson),
        texts_(texts_of(lesson)),
        session_(lesson.main),
        theme_(options.dark ? &dark_theme() : &light_theme()) {
    // Screenshots must not depend on what a teacher chose last time on this machine.
    if (!headless_) user_scale_ = load_settings().font_scale;
    if (options.predict) predict_.set_on(true, session_, texts_.readme);
  }

  bool start(std::string& error) { return update_fonts(error); }

  void take_steps(std::size_t steps) {
    for (std::size_t i = 0; i < steps && step_forward(); ++i) {
    }
  }

  // Until the window is closed.
  void run_interactive() {
    while (!glfwWindowShouldClose(window_)) {
      glfwPollEvents();
      draw_frame(ImGui::GetIO().DeltaTime);
      glfwSwapBuffers(window_);
    }
  }

  // The steps, the script, the screenshot and the dump the options ask for, then exit.
  int run_headless(const AppOptions& options) {
    take_steps(options.steps);
    if (!options.script.empty()) {
      const Script script = read_script(options.script);
      if (!script.error.empty()) {
        std::fprintf(stderr, "coroscope: %s\n", script.error.c_str());
        return exit_bad_input;
      }
      for (const ScriptAction& action : script.actions) {
        std::string error;
        if (!run_action(action, error)) {
          std::fprintf(stderr, "coroscope: %s:%zu: %s\n", options.script.c_str(), action.line, error.c_str());
          return error_status_;
        }
      }
    }
    if (!options.screenshot.empty()) {
      std::string error;
      if (!screenshot(options.screenshot, error)) {
        std::fprintf(stderr, "coroscope: %s\n", error.c_str());
        return exit_failed;
      }
    } else {
      present_frames(1);
    }
    if (!options.dump_model.empty() && !dump_model(options.dump_model)) {
      std::fprintf(stderr, "coroscope: cannot write the model to '%s'\n", options.dump_model.c_str());
      return exit_failed;
    }
    return 0;
  }

 private:
  // --- One frame -------------------------------------------------------------------------

  void draw_frame(float seconds) {
    std::string error;
    if (!update_fonts(error)) std::fprintf(stderr, "coroscope: %s\n", error.c_str());
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    // Under Xvfb the pointer rests mid-screen: a screenshot must show no hover and no tooltip.
    if (headless_) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    const auto shown = static_cast<std::size_t>(lesson_ - lessons_.data());
    ui_.predict_banner = predict_.banner();
    FrameRequests requests =
        draw_frame_windows(session_, texts_, {lessons_, shown, fonts_, predict_.on()}, *theme_, ui_, transport_);
    last_report_ = std::move(requests.report);
    Requests card_requests;  // the card asks for nothing but its answer
    PanelContext card{.model = session_.model(),
                      .lesson = texts_,
                      .theme = *theme_,
                      .fonts = fonts_.panels,
                      .ui = ui_,
                      .requests = card_requests,
                      .report = last_report_,
                      .steps_recorded = session_.steps_recorded(),
                      .run_over = session_.run_over(),
                      .diagnosis = {},
                      .step_sentence = {}};
    const std::optional<std::size_t> clicked = predict::draw_question_card(card, predict_, fonts_);
    if (!headless_) read_keys();

    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 background = ImGui::ColorConvertU32ToFloat4(theme_->background);
    glClearColor(background.x, background.y, background.z, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // What the frame asked for changes the next one.
    if (requests.controls.command) run_command(*requests.controls.command);
    if (requests.controls.lesson) switch_lesson(lessons_[*requests.controls.lesson]);
    if (requests.panels.jump_to_step) {
      transport_.playing = false;
      session_.go_to(predict_.furthest(session_.cursor(), *requests.panels.jump_to_step));
    }
    if (clicked) answer(*clicked);
    if (requests.panels.select_task) ui_.selected_task = *requests.panels.select_task;
    play(seconds);
  }

  // --- What the user asks for ----------------------------------------------------------

  void read_keys() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    for (const KeyBinding& binding : key_bindings) {
      if (binding.ctrl != io.KeyCtrl || binding.shift != io.KeyShift) continue;
      if (ImGui::IsKeyPressed(binding.key, binding.command != Command::play_pause)) run_command(binding.command);
    }
    // Predict mode's card takes its answer from the keys 1-9 (or the keypad's).
    if (io.KeyCtrl || io.KeyShift || !predict_.asking(session_.cursor())) return;
    for (int i = 0; i < 9; ++i)
      if (ImGui::IsKeyPressed(GLFW_KEY_1 + i, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_1 + i, false))
        answer(static_cast<std::size_t>(i));
  }

  // Steps are taken here, never past a question of predict mode still to be answered.
  bool step_forward() {
    if (predict_.furthest(session_.cursor(), session_.cursor() + 1) == session_.cursor()) {
      transport_.playing = false;
      predict_.put_away_reveal(session_.cursor());
      return false;
    }
    return session_.step_forward();
  }

  // The class's answer to the question asked: recorded, then the step runs and the panels
  // select what explains it (the task that ran, whose timer fired, that printed the line).
  std::string answer(std::size_t choice) {
    std::string error = predict_.answer(session_.cursor(), choice);
    if (!error.empty()) return error;
    transport_.playing = false;
    session_.step_forward();
    if (const predict::AskedQuestion* revealed = predict_.revealing(session_.cursor()))
      ui_.selected_task = revealed->why_task;
    return {};
  }

  void run_command(Command command) {
    if (command != Command::play_pause && command != Command::toggle_theme && command != Command::larger_fonts &&
        command != Command::smaller_fonts && command != Command::toggle_predict)
      transport_.playing = false;
    switch (command) {
      case Command::restart:
        session_.restart();
        predict_.forget_answers();
        break;
      case Command::back:
        session_.step_back();
        break;
      case Command::step:
        step_forward();
        break;
      case Command::iteration:
        for (const std::uint32_t iteration = session_.model().iteration();
             session_.model().iteration() == iteration && step_forward();) {
        }
        break;
      case Command::end:
        if (predict_.furthest(session_.cursor(), Session::max_steps) == Session::max_steps)
          session_.run_to_end();
        else
          while (step_forward()) {
          }
        break;
      case Command::toggle_predict:
        predict_.set_on(!predict_.on(), session_, texts_.readme);
        break;
      case Command::play_pause:
        transport_.playing =
            !transport_.playing && !(session_.run_over() && session_.cursor() == session_.steps_recorded());
        play_debt_ = 1;  // the first step comes at once
        break;
      case Command::larger_fonts:
      case Command::smaller_fonts:
        user_scale_ = std::clamp(user_scale_ + (command == Command::larger_fonts ? 0.1f : -0.1f), 0.5f, 3.f);
        if (!headless_) save_settings({.font_scale = user_scale_});
        break;
      case Command::toggle_theme:
        theme_ = theme_->dark ? &light_theme() : &dark_theme();
        styled_scale_ = 0;  // restyle
        break;
    }
  }

  // Playing: steps at the chosen speed, until the run is over.
  void play(float seconds) {
    if (!transport_.playing) return;
    play_debt_ += seconds * transport_.speed;
    for (int steps = 0; play_debt_ >= 1 && steps < 64; ++steps) {
      play_debt_ -= 1;
      if (!step_forward()) {
        transport_.playing = false;
        break;
      }
    }
    play_debt_ = std::min(play_debt_, 1.0);
  }

  void switch_lesson(const lessons::Lesson& lesson) {
    transport_.playing = false;
    lesson_ = &lesson;
    texts_ = texts_of(lesson);
    session_.switch_lesson(lesson.main);
    predict_.switch_lesson(session_, texts_.readme);
    ui_ = UiState{};
    glfwSetWindowTitle(window_, ("coroscope \u2014 " + std::string(lesson.name)).c_str());
  }

  // --- Fonts and style -----------------------------------------------------------------

  // The fonts follow the display times the user's scale, rounded so that resizing a window
  // does not rebuild the atlas at every frame. They shrink with a smaller window, but grow only
  // half as fast as a larger one (1.25 at 1920x1080, not 1.5): a larger window shows more
  // (taller lanes, more rows, wider source), not the same picture magnified.
  float wanted_scale() const {
    int width = 0, height = 0;
    glfwGetWindowSize(window_, &width, &height);
    const float display = std::clamp(std::min(width / 1280.f, height / 720.f), 0.75f, 3.f);
    const float moderate = display > 1 ? 1 + (display - 1) * 0.5f : display;
    return std::round(moderate * user_scale_ * 20) / 20;
  }

  bool update_fonts(std::string& error) {
    const float scale = wanted_scale();
    if (scale != fonts_.scale || !fonts_.panels.regular) {
      if (!load_fonts(fonts_, scale, error)) return false;
      // The renderer uploads the new atlas.
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    if (styled_scale_ != scale) {
      apply_imgui_style(*theme_, scale);
      styled_scale_ = scale;
    }
    return true;
  }

  // --- Headless ------------------------------------------------------------------------

  void present_frames(int frames) {
    for (int i = 0; i < frames; ++i) {
      glfwPollEvents();
      draw_frame(1.f / 60);
      glfwSwapBuffers(window_);
    }
  }

  // The model, with what the app shows it with (the theme's colours, the selection).
  bool dump_model(const std::string& path) const {
    const Theme& t = *theme_;
    const ViewInfo view{.theme = t.dark ? "dark" : "light",
                        .colors = {{"background", t.background},
                                   {"panel", t.panel},
                                   {"running", t.running},
                                   {"ready", t.ready},
                                   {"suspended", t.suspended},
                                   {"done", t.done},
                                   {"cancelled", t.cancelled},
                                   {"raised", t.raised},
                                   {"callback", t.callback},
                                   {"changed", t.changed},
                                   {"banner_error", t.banner_error}},
                        .selected_task = ui_.selected_task,
                        .font_scale = fonts_.scale,
                        .report = &last_report_,
                        .predict = &predict_};
    return write_model_json(session_, lesson_->name, path, &view);
  }

  // A few frames first: ImGui sizes some windows from the previous frame's contents.
  bool screenshot(const std::string& path, std::string& error) {
    present_frames(2);
    glfwPollEvents();
    draw_frame(1.f / 60);
    int width = 0, height = 0;
    glfwGetFramebufferSize(window_, &width, &height);
    const bool saved = save_screenshot(path, width, height);
    glfwSwapBuffers(window_);
    if (!saved) error = "cannot write the screenshot '" + path + "'";
    return saved;
  }

  bool run_action(const ScriptAction& action, std::string& error) {
    using Kind = ScriptAction::Kind;
    error_status_ = exit_bad_input;
    switch (action.kind) {
      case Kind::step:
        take_steps(action.count);
        break;
      case Kind::back:
        for (std::size_t i = 0; i < action.count && session_.step_back(); ++i) {
        }
        break;
      case Kind::iteration:
        run_command(Command::iteration);
        break;
      case Kind::restart:
        run_command(Command::restart);
        break;
      case Kind::end:
        run_command(Command::end);
        break;
      case Kind::lesson: {
        const lessons::Lesson* lesson = lessons::find_lesson(lessons_, action.argument);
        if (!lesson) {
          error = "there is no lesson '" + action.argument + "' (coroscope list shows them)";
          return false;
        }
        switch_lesson(*lesson);
        break;
      }
      case Kind::play:
        transport_.playing = true;
        play_debt_ = 1;
        present_frames(static_cast<int>(action.count));
        transport_.playing = false;
        return true;
      case Kind::key: {
        const KeyBinding* binding = find_binding(action.argument);
        if (!binding) {
          std::string names;
          for (const KeyBinding& b : key_bindings) names += std::string(names.empty() ? "" : ", ") + b.name;
          error = "unknown key '" + action.argument + "' (" + names + ")";
          return false;
        }
        run_command(binding->command);
        break;
      }
      case Kind::select: {
        const auto& tasks = session_.model().tasks();
        auto task = std::find_if(tasks.begin(), tasks.end(), [&](const auto& t) { return t.name == action.argument; });
        if (task == tasks.end()) {
          error = "there is no task '" + action.argument + "' at step " + std::to_string(session_.cursor());
          return false;
        }
        ui_.selected_task = task->id;
        break;
      }
      case Kind::theme:
        if ((action.argument == "dark") != theme_->dark) run_command(Command::toggle_theme);
        break;
      case Kind::predict:
        if ((action.argument == "on") != predict_.on()) run_command(Command::toggle_predict);
        break;
      case Kind::answer:
        error = action.count == 0 ? "choices are numbered from 1" : answer(action.count - 1);
        if (!error.empty()) return false;
        break;
      case Kind::screenshot:
        error_status_ = exit_failed;
        return screenshot(action.argument, error);
      case Kind::dump_model:
        error_status_ = exit_failed;
        if (!dump_model(action.argument)) {
          error = "cannot write the model to '" + action.argument + "'";
          return false;
        }
        break;
    }
    present_frames(1);
    return true;
  }

  GLFWwindow* window_;
  bool headless_;
  std::span<const lessons::Lesson> lessons_;
  const lessons::Lesson* lesson_;
  LessonTexts texts_;
  Session session_;
  const Theme* theme_;
  AppFonts fonts_;
  float user_scale_ = 1;
  float styled_scale_ = 0;  // the scale the style was last applied at (0: restyle)
  UiState ui_;
  Transport transport_;
  FrameReport last_report_;  // what the last frame drew where, for the dump
  predict::PredictMode predict_;
  double play_debt_ = 0;  // steps owed to the play speed
  int error_status_ = exit_bad_input;
};

void report_glfw_error(int code, const char* description) {
  std::fprintf(stderr, "coroscope: GLFW error %d: %s\n", code, description);
}

}  // namespace

int run_app(const AppOptions& options) {
  const lessons::Lesson* lesson = lessons::find_lesson(options.lessons, options.lesson);
  if (!lesson) {
    std::fprintf(stderr, "coroscope: there is no lesson '%s' (coroscope list shows them)\n", options.lesson.c_str());
    return exit_bad_input;
  }
  const bool headless = !options.screenshot.empty() || !options.script.empty() || !options.dump_model.empty();

  glfwSetErrorCallback(report_glfw_error);
  if (!glfwInit()) return exit_failed;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // A screenshot is exactly the size asked for.
  glfwWindowHint(GLFW_RESIZABLE, headless ? GLFW_FALSE : GLFW_TRUE);
  const std::string title = "coroscope \u2014 " + std::string(lesson->name);
  GLFWwindow* window = glfwCreateWindow(options.width, options.height, title.c_str(), nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return exit_failed;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(headless ? 0 : 1);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "coroscope: cannot load OpenGL 3.3 core functions\n");
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_failed;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout is computed, never saved
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330");

  int status = 0;
  {
    App app(window, options, *lesson, headless);
    std::string error;
    if (!app.start(error)) {
      std::fprintf(stderr, "coroscope: %s\n", error.c_str());
      status = exit_failed;
    } else if (headless) {
      status = app.run_headless(options);
    } else {
      app.take_steps(options.steps);
      app.run_interactive();
    }
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}

}  // namespace coroscope::visualizer
