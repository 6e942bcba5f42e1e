// The visualizer's frame time (issue 14, Performance): the CPU time to build one frame, that
// is the session's model at the step shown and every window's ImGui draw lists, with no GPU.
//
//   frame_bench [Google Benchmark flags]     (bench/README.md, "Frame time")
//
// ImGui runs with no backend at all: the display size is set by hand and the font atlas is
// built (its pixels never uploaded), so NewFrame works without a window. Each iteration is
// one frame as the app draws it: ImGui::NewFrame, draw_frame_windows (frame.hpp, the very
// function the app calls: top bar, banner, every panel), ImGui::Render. Only OpenGL's part,
// turning the draw lists into pixels, is left out. The cases:
//
//   frame/lesson06_middle         lesson 06 (gather) at its middle step, the timeline fit
//   frame/synthetic_fit           1,000 tasks, about 1,000,000 events, at the middle step, the
//                                 timeline fit to the whole run (zoomed all the way out)
//   frame/synthetic_zoomed        the same step with the timeline showing 200 steps around it
//   step_and_frame/synthetic      playing: one step forward (the model's update) and a frame
//   go_to_random/synthetic        a jump to a random step (session.go_to: a checkpoint copied
//                                 and at most one spacing of steps applied) and a frame
//   go_to_random/steps_10000      the same on a 10,000-step run (100 tasks x 100 turns), the
//                                 size the issue asks to show any step of within one frame
//
// Each reports the process CPU time per frame (ns) and, as counters, the vertices and indices
// of the last frame's draw lists (what would go to the GPU), the run's events and steps, and
// the session's checkpoint spacing.
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <cfloat>
#include <coroscope/asyncio.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lessons/registry.hpp"
#include "visualizer/controls_panel.hpp"
#include "visualizer/fonts.hpp"
#include "visualizer/frame.hpp"
#include "visualizer/session.hpp"
#include "visualizer/theme.hpp"

namespace aio = coroscope;
namespace vis = coroscope::visualizer;

namespace {

// --- The synthetic runs -------------------------------------------------------------------
// Tasks taking turns on the loop, the shape of a busy program: mostly sleep(0) (a yield), a
// short timer every 16th turn (five distinct delays, so the timers panel and the loop's
// iterations vary) and a printed line every 64th (the output panel's thousands of lines).
// About 3.3 events per turn: 1,000 tasks x 300 turns is about 1,000,000 events in 320,000
// steps; 100 tasks x 100 turns is the 10,000-step lesson.
aio::Coroutine<void> worker(int id, int turns) {
  for (int turn = 0; turn < turns; ++turn) {
    co_await aio::sleep(turn % 16 == 15 ? 0.001 * (1 + id % 5) : 0.0);
    if (turn % 64 == 63) aio::print("worker", id, "turn", turn);
  }
}

template <int Tasks, int Turns>
aio::Coroutine<void> synthetic_main() {
  std::vector<aio::Task<void>> tasks;
  for (int id = 0; id < Tasks; ++id) tasks.push_back(aio::create_task(worker(id, Turns)));
  co_await aio::gather(std::move(tasks));
}

// Shown in the lesson picker and the explanation panel like a lesson of the registry; it has
// no source files.
aio::lessons::Lesson make_synthetic_lesson(std::string_view name, aio::LessonMain main) {
  aio::lessons::Lesson lesson;
  lesson.name = name;
  lesson.summary = name;
  lesson.main = main;
  lesson.readme = "# A synthetic run\n\nTasks taking turns, for the frame benchmark.\n";
  return lesson;
}
const aio::lessons::Lesson synthetic_lesson = make_synthetic_lesson("synthetic_1000_tasks", synthetic_main<1'000, 300>);
const aio::lessons::Lesson ten_thousand_steps_lesson =
    make_synthetic_lesson("synthetic_10000_steps", synthetic_main<100, 100>);

// --- ImGui with no backend ----------------------------------------------------------------
// One context for the whole process, set up as the app sets up its own (fonts at scale 1 for
// 1280x720, the light theme), less the window and the renderer.
class Gui {
 public:
  Gui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 720);
    io.DeltaTime = 1.f / 60;
    // The app's OpenGL 3 renderer declares this: without it ImGui caps a draw list at 65,536
    // vertices (16-bit indices), and a zoomed-out timeline of 1,000 lanes would assert.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    std::string error;
    if (!vis::load_fonts(fonts_, 1, error)) {
      std::fprintf(stderr, "frame_bench: %s\n", error.c_str());
      std::exit(1);
    }
    // What a renderer would upload; building it here is part of ImGui's setup, not a frame.
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    vis::apply_imgui_style(vis::light_theme(), 1);
  }
  Gui(const Gui&) = delete;
  Gui& operator=(const Gui&) = delete;
  ~Gui() { ImGui::DestroyContext(); }

  const vis::AppFonts& fonts() const { return fonts_; }

 private:
  vis::AppFonts fonts_;
};

Gui& gui() {
  static Gui instance;
  return instance;
}

// A session, its lesson and the UI state that outlives a frame: what the app keeps.
struct Shown {
  std::span<const aio::lessons::Lesson> lessons;
  std::size_t index;  // the lesson shown, among `lessons`
  vis::LessonTexts texts;
  vis::Session session;
  vis::UiState ui;
  vis::Transport transport;

  Shown(std::span<const aio::lessons::Lesson> all, std::size_t shown)
      : lessons(all),
        index(shown),
        texts{all[shown].name,       all[shown].summary,   "lesson.cpp",
              all[shown].cpp_source, all[shown].py_source, all[shown].readme},
        session(all[shown].main) {
    // Every step recorded, as after "run to end" (whose 100,000-step bound the synthetic run
    // passes: step_forward has none).
    while (session.step_forward()) {
    }
  }

  std::size_t middle() const { return session.steps_recorded() / 2; }
};

Shown& lesson06() {
  const std::span<const aio::lessons::Lesson> all = aio::lessons::all_lessons();
  static Shown shown(all, static_cast<std::size_t>(aio::lessons::find_lesson(all, "6") - all.data()));
  return shown;
}

Shown& synthetic() {
  static Shown shown(std::span(&synthetic_lesson, 1), 0);
  return shown;
}

Shown& ten_thousand_steps() {
  static Shown shown(std::span(&ten_thousand_steps_lesson, 1), 0);
  return shown;
}

// One frame, exactly the app's windows; the app's mouse under Xvfb rests outside the window
// (no hover, no tooltip), and so does this one.
void draw_frame(Shown& shown) {
  const vis::AppFonts& fonts = gui().fonts();  // the context first
  ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  ImGui::NewFrame();
  vis::draw_frame_windows(shown.session, shown.texts, {shown.lessons, shown.index, fonts}, vis::light_theme(), shown.ui,
                          shown.transport);
  ImGui::Render();
}

// ImGui sizes some windows from the previous frame's contents: two frames before timing.
void warm_up(Shown& shown) {
  for (int i = 0; i < 2; ++i) draw_frame(shown);
}

void report(benchmark::State& state, const Shown& shown) {
  const ImDrawData& data = *ImGui::GetDrawData();
  state.counters["vertices"] = data.TotalVtxCount;
  state.counters["indices"] = data.TotalIdxCount;
  state.counters["events"] = double(shown.session.recorder().size());
  state.counters["steps"] = double(shown.session.steps_recorded());
  state.counters["checkpoint_every"] = double(shown.session.checkpoint_interval());
}

// The timeline fit to the whole run (the app's default), or showing `steps` around the cursor.
void set_view(Shown& shown, double steps) {
  shown.ui = vis::UiState{};
  if (steps > 0) {
    shown.ui.first_step = double(shown.session.cursor()) - steps / 2;
    shown.ui.visible_steps = steps;
    shown.ui.follow_now = false;
  }
}

void frame_at_middle(benchmark::State& state, Shown& shown, double visible_steps) {
  shown.session.go_to(shown.middle());
  set_view(shown, visible_steps);
  warm_up(shown);
  for (auto _ : state) draw_frame(shown);
  report(state, shown);
}

void frame_lesson06_middle(benchmark::State& state) { frame_at_middle(state, lesson06(), 0); }
void frame_synthetic_fit(benchmark::State& state) { frame_at_middle(state, synthetic(), 0); }
void frame_synthetic_zoomed(benchmark::State& state) { frame_at_middle(state, synthetic(), 200); }

// Playing from the middle: each frame first takes one step (the model applies its events),
// as the app does at up to 50 steps a second.
void step_and_frame_synthetic(benchmark::State& state) {
  Shown& shown = synthetic();
  shown.session.go_to(shown.middle());
  set_view(shown, 0);
  warm_up(shown);
  for (auto _ : state) {
    if (!shown.session.step_forward()) {
      // At the end (far more frames than a benchmark run takes): back to the middle, untimed.
      state.PauseTiming();
      shown.session.go_to(shown.middle());
      state.ResumeTiming();
    }
    draw_frame(shown);
  }
  report(state, shown);
}

// A click on the output panel or the timeline, anywhere in the run: the jump and the frame
// that shows it. The steps come from a fixed seed, so every run jumps the same way.
void go_to_random(benchmark::State& state, Shown& shown) {
  set_view(shown, 0);
  std::mt19937_64 random(1);
  std::uniform_int_distribution<std::size_t> step(0, shown.session.steps_recorded());
  warm_up(shown);
  for (auto _ : state) {
    shown.session.go_to(step(random));
    draw_frame(shown);
  }
  report(state, shown);
}

void go_to_random_synthetic(benchmark::State& state) { go_to_random(state, synthetic()); }
void go_to_random_10000_steps(benchmark::State& state) { go_to_random(state, ten_thousand_steps()); }

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  // Process CPU time, as coroscope_bench counts: on a shared machine wall time would also
  // count the time other processes hold the CPU.
  auto timed = [](benchmark::internal::Benchmark* b) { b->MeasureProcessCPUTime()->Unit(benchmark::kNanosecond); };
  timed(benchmark::RegisterBenchmark("frame/lesson06_middle", frame_lesson06_middle));
  timed(benchmark::RegisterBenchmark("frame/synthetic_fit", frame_synthetic_fit));
  timed(benchmark::RegisterBenchmark("frame/synthetic_zoomed", frame_synthetic_zoomed));
  timed(benchmark::RegisterBenchmark("step_and_frame/synthetic", step_and_frame_synthetic));
  timed(benchmark::RegisterBenchmark("go_to_random/synthetic", go_to_random_synthetic));
  timed(benchmark::RegisterBenchmark("go_to_random/steps_10000", go_to_random_10000_steps));
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
}
