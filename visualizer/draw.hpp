#pragma once
// Drawing primitives the panels share, on ImGui 1.86's ImDrawList, which has no dashed lines,
// arrowheads, hatching or inline styled text: arrows with heads, dashed lines, hatched
// rectangles, pills and task badges, rich text paragraphs with bold and code spans, the
// panel's faint subtitle, and the rows of the list panels with their "what changed" mark.
#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "panel_context.hpp"

namespace coroscope::visualizer {

// imgui.h 1.86 has no public ImVec2 operators.
inline ImVec2 add(ImVec2 a, ImVec2 b) { return {a.x + b.x, a.y + b.y}; }
inline ImVec2 sub(ImVec2 a, ImVec2 b) { return {a.x - b.x, a.y - b.y}; }
inline ImVec2 scale(ImVec2 a, float s) { return {a.x * s, a.y * s}; }

Color with_alpha(Color color, unsigned alpha);
// The colour t of the way from a to b.
Color mix(Color a, Color b, float t);

ImVec2 text_size(ImFont* font, std::string_view text);
void draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, Color color, std::string_view text);
// Text whose middle sits on y = yc; returns its width.
float text_mid(ImDrawList* dl, ImFont* font, float x, float yc, Color color, std::string_view text);
// Text ending at x = right; returns its width.
float text_right(ImDrawList* dl, ImFont* font, float right, float yc, Color color, std::string_view text);

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, Color color, float thickness, float dash, float gap);
void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 direction, Color color, float length);
// A cubic curve a → b (control points c1, c2) ending in a head at b; dashed for "created",
// solid with a halo (so it stays legible over segments) for "woke".
void curve_arrow(ImDrawList* dl, ImVec2 a, ImVec2 c1, ImVec2 c2, ImVec2 b, Color color, float thickness, bool dashed,
                 Color halo);
// Diagonal hatching over [a, b): the steps not run yet.
void hatch_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, Color color, float spacing);

void pause_icon(ImDrawList* dl, float x, float yc, Color color, float height);
void play_icon(ImDrawList* dl, float x, float yc, Color color, float height);
void clock_icon(ImDrawList* dl, float cx, float cy, Color color, float radius);

// A rounded chip with text; returns its width.
float chip(ImDrawList* dl, ImFont* font, float x, float yc, std::string_view text, Color background, Color foreground);
float chip_width(ImFont* font, std::string_view text);
// A state pill ("RUNNING"): solid for the running state, tinted and outlined otherwise.
float pill(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::string_view text, Color color, bool solid);
float pill_width(const PanelContext& ctx, std::string_view text);
// A task's badge, "T3" in its colour (in `font`, bold by default); a task id the model does
// not know draws nothing.
float task_badge(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::uint32_t task,
                 ImFont* font = nullptr);
float task_badge_width(const PanelContext& ctx);
// The colour a text drawn over `background` reads best in.
Color text_on(const Theme& theme, Color background);
// The darker edge of the suspended state, for outlines and "waiting" text.
Color suspended_edge(const Theme& theme);
// The bar beside the selected task's row or lane.
Color selection_edge(const Theme& theme);

// Rich text: a paragraph of styled spans, wrapped at word boundaries; code spans are drawn in
// the mono font on a tinted background and never broken.
struct Span {
  std::string text;
  ImFont* font = nullptr;
  Color color = 0;
  bool code = false;
};
// Splits markdown-like inline text into spans: **bold**, `code`, the rest regular.
void append_markdown(const PanelContext& ctx, std::vector<Span>& spans, std::string_view text, Color color);
// Draws the paragraph at `origin`, `width` wide; returns its height.
float rich_paragraph(const PanelContext& ctx, ImDrawList* dl, ImVec2 origin, float width,
                     const std::vector<Span>& spans);
// The height rich_paragraph would take, drawing nothing.
float paragraph_height(const PanelContext& ctx, float width, const std::vector<Span>& spans);
// Lays out a paragraph as an ImGui item at the cursor (so windows scroll over it).
void rich_paragraph_item(const PanelContext& ctx, const std::vector<Span>& spans);

// The panel's right-aligned faint subtitle ("deadline order · 1 pending"): in the window's
// title bar when it has one (right of `after`, an x the bar's other contents end at), else on
// a line of its own.
void panel_subtitle(const PanelContext& ctx, std::string_view subtitle, float after = 0);

// One row of a list panel, edge to edge: the selected task's tint, the yellow "changed" tint
// with its bar, and a hover tint. The row is an ImGui item, so the window scrolls over rows.
struct Row {
  ImVec2 min, max;  // the row's content box (inside the window's padding)
  bool hovered = false;
  bool clicked = false;
};
// `tint` (0: none) marks a row of its own kind, as the entry running now.
Row list_row(const PanelContext& ctx, const char* id, float height, bool changed, bool selected, Color tint = 0);
// The rows of a list panel are this many lines of the panel font high.
float row_height(float lines);
// The height, in those lines, of a one-line row (a timer, a future, an output line): tight, so
// that a projector at 1280x720 shows a lesson's timers and futures without scrolling.
inline constexpr float one_line_row = 0.75f;
// A two-line row (a ready-queue entry, a task card): its lines a little closer than a
// paragraph's, centred in the row.
inline constexpr float two_line_row = 1.4f;
inline constexpr float two_line_spacing = 1.2f;  // of the font size, baseline to baseline

// The list panels set their rows closer than ImGui's item spacing (the app pushes this around
// them, and around measuring them).
void push_list_spacing();
// The distance from one row of `lines` lines to the next.
float row_pitch(float lines);
// Draws the rows [0, count) of a list of rows `pitch` apart, only those in view (a list may
// hold thousands: a ready queue of 1,000 tasks); row(i) draws row i with list_row.
template <class DrawRow>
void clipped_rows(std::size_t count, float pitch, DrawRow row) {
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(count), pitch);
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) row(static_cast<std::size_t>(i));
}
// Where a list panel's window cuts rows at its bottom: a band "+N more" over them instead of
// half a row. `top` is the screen y of the list's row 0, `count` its rows `pitch` apart, and
// `after` how many rows of another list follow it (counted in N). Returns N (0: all show).
std::size_t more_below(const PanelContext& ctx, float top, std::size_t count, float pitch, std::size_t after = 0);
// The same for rows of different heights: row i spans [top + offsets[i], top + offsets[i + 1])
// with the spacing after it (offsets has a row more than the list: its end).
std::size_t more_below(const PanelContext& ctx, float top, const std::vector<float>& offsets);
// The height of that band.
float more_below_height(const PanelContext& ctx);
// Scrolls the window so that row `index` of a list starting at the cursor is in view.
void scroll_to_row(std::size_t index, float pitch);

// A small upper-case caption ("QUEUED FOR THE NEXT ITERATION").
void caption(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::string_view text);

// Whether `value` differs from the one last seen under `key` in the current window (and
// remembers it): panels scroll to a line once, when the line to follow changes.
bool changed_since_last_frame(const char* key, int value);

// The task whose step is shown: the one running, or the one the current handle stepped (whose
// step may have ended with a suspend already).
std::uint32_t stepped_task(const trace::LoopModel& model);

// "0.100": a loop time or a delay in seconds, as the panels print them.
std::string seconds(double value);
// "0.2", "1.5": a delay as a student wrote it in sleep(0.2).
std::string short_seconds(double value);
// A task's await chain, one frame a line ("fetch()  .../lesson.cpp:8"), inside a tooltip.
void await_chain_text(const trace::TaskModel& task, const char* indent);

// A frame's function as a student reads it: "wait_for" for
// "coroscope::wait_for<coroscope::Coroutine<void>>".
std::string short_function(std::string_view name);

}  // namespace coroscope::visualizer
