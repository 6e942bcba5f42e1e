#include "visualizer/model_json.hpp"

#include <coroscope/trace/kind_names.hpp>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "visualizer/predict/predict_json.hpp"

namespace coroscope::visualizer {

namespace {

// ordered_json keeps the keys in the order written, so a dump reads top-down like the app.
using Json = nlohmann::ordered_json;

template <class Step>
Json step_or_null(Step step) {
  if (static_cast<double>(step) >= static_cast<double>(trace::open_end)) return nullptr;
  return step;
}

Json ids(const std::vector<std::uint32_t>& values) { return Json(values); }

// The done callbacks a pending future or task will schedule.
Json done_callbacks_json(const trace::LoopModel& model, std::uint32_t future) {
  Json callbacks = Json::array();
  for (const trace::DoneCallbackModel& cb : model.done_callbacks(future))
    callbacks.push_back({{"label", cb.label}, {"owner", cb.owner}, {"added_step", cb.added_step}});
  return callbacks;
}

Json task_json(const trace::LoopModel& model, const trace::TaskModel& t) {
  Json chain = Json::array();
  for (const trace::Frame& frame : t.await_chain)
    chain.push_back({{"function", frame.function}, {"file", frame.file}, {"line", frame.line}});
  Json segments = Json::array();
  for (const trace::Segment& s : t.segments)
    segments.push_back({{"state", trace::to_string(s.state)},
                        {"begin", s.begin},
                        {"end", step_or_null(s.end)},
                        {"future", s.future},
                        {"label", s.label}});
  return {{"id", t.id},
          {"ordinal", t.ordinal},
          {"name", t.name},
          {"coroutine", t.coroutine},
          {"created_by", t.created_by ? Json(model.label(t.created_by)) : Json(nullptr)},
          {"created_step", t.created_step},
          {"state", trace::to_string(t.state)},
          {"waits_on", t.waits_on},
          {"waits_on_label", t.waits_on_label},
          {"await_chain", chain},
          {"steps", t.steps},
          {"cancel_requested", t.cancel_requested},
          {"cancel_requested_by", t.cancel_requested_by},
          {"cancel_message", t.cancel_message},
          {"exception", t.exception},
          {"done_callbacks", done_callbacks_json(model, t.id)},
          {"segments", segments}};
}

Json future_json(const trace::LoopModel& model, const trace::FutureModel& f) {
  return {{"id", f.id},
          {"kind", to_string(f.kind)},
          {"label", f.label},
          {"created_by", f.created_by},
          {"created_step", f.created_step},
          {"state", trace::to_string(f.state)},
          {"done_step", step_or_null(f.done_step)},
          {"done_by", f.done_by},
          {"callbacks_scheduled", f.callbacks_scheduled},
          {"waiters", ids(f.waiters)},
          {"timer_when", f.timer_when},
          {"timer_delay", f.timer_delay},
          {"cancelled_by", f.cancelled_by},
          {"cancel_message", f.cancel_message},
          {"done_callbacks", done_callbacks_json(model, f.id)}};
}

Json ready_json(const trace::LoopModel& model) {
  Json entries = Json::array();
  for (const trace::ReadyEntry& r : model.ready())
    entries.push_back({{"handle", r.handle},
                       {"kind", trace::to_string(r.kind)},
                       {"task", r.task},
                       {"future", r.future},
                       {"queued_step", r.queued_step},
                       {"label", r.label}});
  return {{"snapshot_left", model.snapshot_left()}, {"entries", entries}};
}

Json timers_json(const trace::LoopModel& model) {
  Json timers = Json::array();
  for (const trace::TimerModel& t : model.timers())
    timers.push_back({{"handle", t.handle},
                      {"when", t.when},
                      {"task", t.task},
                      {"future", t.future},
                      {"scheduled_by", t.scheduled_by},
                      {"scheduled_step", t.scheduled_step},
                      {"ended_step", step_or_null(t.ended_step)},
                      {"state", trace::to_string(t.state)},
                      {"label", t.label}});
  return timers;
}

Json history_json(const trace::LoopModel& model) {
  Json arrows = Json::array();
  for (const trace::Arrow& a : model.arrows())
    arrows.push_back({{"kind", a.kind == trace::Arrow::Kind::created ? "created" : "woke"},
                      {"from_task", a.from_task},
                      {"from_step", a.from_step},
                      {"to_task", a.to_task},
                      {"to_step", step_or_null(a.to_step)},
                      {"future", a.future}});
  Json iterations = Json::array();
  for (const trace::Iteration& i : model.iterations())
    iterations.push_back({{"number", i.number},
                          {"first_step", i.first_step},
                          {"time", i.time},
                          {"ready", i.ready},
                          {"timers", i.timers},
                          {"io_wait", i.io_wait}});
  Json loop_steps = Json::array();
  for (const trace::LoopStep& s : model.loop_steps())
    loop_steps.push_back({{"step", s.step},
                          {"handle", s.handle},
                          {"kind", trace::to_string(s.kind)},
                          {"task", s.task},
                          {"future", s.future},
                          {"label", s.label}});
  return {{"arrows", arrows}, {"iterations", iterations}, {"loop_steps", loop_steps}};
}

Json view_json(const ViewInfo& view, std::size_t cursor) {
  Json colors = Json::object();
  for (const auto& [name, color] : view.colors) {
    char hex[8];
    // ImU32 is 0xAABBGGRR.
    std::snprintf(hex, sizeof hex, "#%02x%02x%02x", color & 0xff, (color >> 8) & 0xff, (color >> 16) & 0xff);
    colors[name] = hex;
  }
  Json json = {{"theme", view.theme},
               {"selected_task", view.selected_task},
               {"font_scale", view.font_scale},
               {"colors", colors}};
  if (view.report) {
    Json layout = Json::object(), hidden = Json::object();
    for (const auto& [name, r] : view.report->rects) layout[name] = {r.x, r.y, r.width, r.height};
    for (const auto& [name, rows] : view.report->hidden_rows) hidden[name] = rows;
    json["layout"] = layout;
    json["hidden_rows"] = hidden;
  }
  if (view.predict) json["predict"] = predict::predict_json(*view.predict, cursor);
  return json;
}

}  // namespace

std::string model_json(const Session& session, std::string_view lesson, const ViewInfo* view) {
  const trace::LoopModel& model = session.model();
  Json tasks = Json::array();
  for (const trace::TaskModel& t : model.tasks()) tasks.push_back(task_json(model, t));
  Json futures = Json::array();
  for (const trace::FutureModel& f : model.futures()) futures.push_back(future_json(model, f));
  Json output = Json::array();
  for (const trace::OutputLine& line : model.output())
    output.push_back({{"text", line.text}, {"task", line.task}, {"step", line.step}});
  Json diagnostics = Json::array();
  for (const trace::DiagnosticModel& d : model.diagnostics())
    diagnostics.push_back({{"kind", to_string(d.kind)}, {"task", d.task}, {"message", d.message}, {"step", d.step}});
  const trace::Changes& changes = model.changes();
  Json history = history_json(model);

  Json dump = {{"lesson", lesson},
               // How far the run has gone, which a step does not depend on.
               {"session", {{"steps_recorded", session.steps_recorded()}, {"run_over", session.run_over()}}},
               {"step", model.step()},
               {"iteration", model.iteration()},
               {"time", model.time()},
               {"running_task", model.running_task()},
               {"main_done", model.main_done()},
               {"step_sentence", session.step_sentence()},
               {"diagnosis", session.diagnosis()},
               {"tasks", tasks},
               {"futures", futures},
               {"ready", ready_json(model)},
               {"timers", timers_json(model)},
               {"output", output},
               {"diagnostics", diagnostics},
               {"arrows", history["arrows"]},
               {"iterations", history["iterations"]},
               {"loop_steps", history["loop_steps"]},
               {"changes",
                {{"tasks", ids(changes.tasks)},
                 {"futures", ids(changes.futures)},
                 {"timers", ids(changes.timers)},
                 {"ready", changes.ready},
                 {"output_from", changes.output_from}}}};
  if (view) dump["view"] = view_json(*view, session.cursor());
  // A lesson may print bytes that are not UTF-8: replace them rather than fail the dump.
  return dump.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

bool write_model_json(const Session& session, std::string_view lesson, const std::string& path, const ViewInfo* view) {
  std::ofstream file(path, std::ios::binary);
  file << model_json(session, lesson, view);
  return static_cast<bool>(file);
}

}  // namespace coroscope::visualizer
