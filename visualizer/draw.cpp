#include "draw.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace coroscope::visualizer {

namespace {

// A panel that was given no such font draws in the window's current one.
ImFont* or_current(ImFont* font) { return font ? font : ImGui::GetFont(); }

ImVec2 normalized(ImVec2 v) {
  const float length = std::sqrt(v.x * v.x + v.y * v.y);
  return length > 0 ? ImVec2(v.x / length, v.y / length) : ImVec2(0, 0);
}

ImVec2 bezier(ImVec2 p0, ImVec2 p1, ImVec2 p2, ImVec2 p3, float t) {
  const float u = 1 - t;
  const float a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
  return {a * p0.x + b * p1.x + c * p2.x + d * p3.x, a * p0.y + b * p1.y + c * p2.y + d * p3.y};
}

unsigned channel(Color c, int shift) { return (c >> shift) & 255u; }

}  // namespace

Color with_alpha(Color color, unsigned alpha) { return (color & 0x00FFFFFFu) | (alpha << IM_COL32_A_SHIFT); }

Color mix(Color a, Color b, float t) {
  auto blend = [&](int shift) {
    return static_cast<unsigned>(std::lround(channel(a, shift) + (float(channel(b, shift)) - channel(a, shift)) * t));
  };
  return IM_COL32(blend(IM_COL32_R_SHIFT), blend(IM_COL32_G_SHIFT), blend(IM_COL32_B_SHIFT), blend(IM_COL32_A_SHIFT));
}

ImVec2 text_size(ImFont* font, std::string_view text) {
  font = or_current(font);
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.f, text.data(), text.data() + text.size());
}

void draw_text(ImDrawList* dl, ImFont* font, ImVec2 pos, Color color, std::string_view text) {
  font = or_current(font);
  dl->AddText(font, font->FontSize, ImVec2(std::round(pos.x), std::round(pos.y)), color, text.data(),
              text.data() + text.size());
}

float text_mid(ImDrawList* dl, ImFont* font, float x, float yc, Color color, std::string_view text) {
  font = or_current(font);
  draw_text(dl, font, ImVec2(x, yc - font->FontSize * 0.5f - 0.5f), color, text);
  return text_size(font, text).x;
}

float text_right(ImDrawList* dl, ImFont* font, float right, float yc, Color color, std::string_view text) {
  const float width = text_size(font, text).x;
  text_mid(dl, font, right - width, yc, color, text);
  return width;
}

void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, Color color, float thickness, float dash, float gap) {
  const ImVec2 d = sub(b, a);
  const float length = std::sqrt(d.x * d.x + d.y * d.y);
  const ImVec2 n = normalized(d);
  for (float s = 0; s < length; s += dash + gap)
    dl->AddLine(add(a, scale(n, s)), add(a, scale(n, std::fmin(s + dash, length))), color, thickness);
}

void arrow_head(ImDrawList* dl, ImVec2 tip, ImVec2 direction, Color color, float length) {
  const ImVec2 n = normalized(direction);
  const ImVec2 across(-n.y * length * 0.5f, n.x * length * 0.5f);
  const ImVec2 base = sub(tip, scale(n, length));
  dl->AddTriangleFilled(tip, add(base, across), sub(base, across), color);
}

void curve_arrow(ImDrawList* dl, ImVec2 a, ImVec2 c1, ImVec2 c2, ImVec2 b, Color color, float thickness, bool dashed,
                 Color halo) {
  const float head = 4 * thickness + 3;
  const ImVec2 direction = normalized(sub(b, c2).x == 0 && sub(b, c2).y == 0 ? sub(b, a) : sub(b, c2));
  const ImVec2 end = sub(b, scale(direction, head * 0.7f));
  if (dashed) {
    constexpr int pieces = 36;
    ImVec2 previous = a;
    for (int i = 1; i <= pieces; ++i) {
      const ImVec2 p = bezier(a, c1, c2, end, float(i) / pieces);
      if (i % 3 != 0) dl->AddLine(previous, p, color, thickness);
      previous = p;
    }
  } else {
    if (halo) dl->AddBezierCubic(a, c1, c2, end, halo, thickness + 3, 24);
    dl->AddBezierCubic(a, c1, c2, end, color, thickness, 24);
  }
  if (halo) arrow_head(dl, add(b, scale(direction, 1.5f)), direction, halo, head + 3);
  arrow_head(dl, b, direction, color, head);
}

void hatch_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, Color color, float spacing) {
  if (b.x <= a.x || b.y <= a.y) return;
  dl->PushClipRect(a, b, true);
  const float height = b.y - a.y;
  // Lines at 45°, anchored to multiples of the spacing so the pattern stays put while panning.
  const float first = std::floor((a.x - height) / spacing) * spacing;
  for (float x = first; x < b.x; x += spacing) dl->AddLine(ImVec2(x, b.y), ImVec2(x + height, a.y), color, 1.f);
  dl->PopClipRect();
}

void pause_icon(ImDrawList* dl, float x, float yc, Color color, float height) {
  const float bar = std::max(2.f, height * 0.28f);
  dl->AddRectFilled(ImVec2(x, yc - height / 2), ImVec2(x + bar, yc + height / 2), color);
  dl->AddRectFilled(ImVec2(x + bar * 2, yc - height / 2), ImVec2(x + bar * 3, yc + height / 2), color);
}

void play_icon(ImDrawList* dl, float x, float yc, Color color, float height) {
  dl->AddTriangleFilled(ImVec2(x, yc - height / 2), ImVec2(x, yc + height / 2), ImVec2(x + height * 0.85f, yc), color);
}

void clock_icon(ImDrawList* dl, float cx, float cy, Color color, float radius) {
  dl->AddCircle(ImVec2(cx, cy), radius, color, 20, 1.5f);
  dl->AddLine(ImVec2(cx, cy), ImVec2(cx, cy - radius + 2), color, 1.5f);
  dl->AddLine(ImVec2(cx, cy), ImVec2(cx + radius - 2.5f, cy), color, 1.5f);
}

float chip_width(ImFont* font, std::string_view text) {
  return std::round(text_size(font, text).x + or_current(font)->FontSize * 0.7f);
}

float chip(ImDrawList* dl, ImFont* font, float x, float yc, std::string_view text, Color background, Color foreground) {
  font = or_current(font);
  const float width = chip_width(font, text);
  const float height = std::round(font->FontSize * 1.35f);
  const ImVec2 a(std::round(x), std::round(yc - height * 0.5f));
  dl->AddRectFilled(a, ImVec2(a.x + width, a.y + height), background, font->FontSize * 0.25f);
  text_mid(dl, font, a.x + font->FontSize * 0.35f, yc, foreground, text);
  return width;
}

float pill_width(const PanelContext& ctx, std::string_view text) {
  return text_size(ctx.fonts.small, text).x + or_current(ctx.fonts.small)->FontSize * 1.2f;
}

float pill(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::string_view text, Color color, bool solid) {
  ImFont* font = or_current(ctx.fonts.small);
  const float width = pill_width(ctx, text);
  const float height = std::round(font->FontSize * 1.5f);
  const ImVec2 a(std::round(x), std::round(yc - height / 2)), b(a.x + width, a.y + height);
  if (solid) {
    dl->AddRectFilled(a, b, color, height / 2);
    text_mid(dl, font, a.x + font->FontSize * 0.6f, yc, text_on(ctx.theme, color), text);
  } else {
    // A pale state colour (suspended, done) is too light for text: use its edge.
    const Color ink = color == ctx.theme.suspended ? suspended_edge(ctx.theme)
                      : color == ctx.theme.done    ? ctx.theme.text_faint
                                                   : color;
    dl->AddRectFilled(a, b, with_alpha(ink, ctx.theme.dark ? 48 : 30), height / 2);
    dl->AddRect(a, b, with_alpha(ink, ctx.theme.dark ? 150 : 120), height / 2, 0, 1.f);
    text_mid(dl, font, a.x + font->FontSize * 0.6f, yc, ink, text);
  }
  return width;
}

float task_badge_width(const PanelContext& ctx) { return chip_width(ctx.fonts.bold, "T88"); }

float task_badge(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::uint32_t task, ImFont* font) {
  const trace::TaskModel* t = ctx.model.task(task);
  if (!t) return 0;
  const Color color = ctx.theme.task_color(t->ordinal);
  return chip(dl, font ? font : ctx.fonts.bold, x, yc, "T" + std::to_string(t->ordinal), color,
              text_on(ctx.theme, color));
}

Color text_on(const Theme& theme, Color background) {
  // Perceived luminance: dark text on light colours (ready's amber), white on the rest.
  const float luminance = 0.299f * channel(background, IM_COL32_R_SHIFT) +
                          0.587f * channel(background, IM_COL32_G_SHIFT) +
                          0.114f * channel(background, IM_COL32_B_SHIFT);
  if (luminance < 150) return theme.on_state_text;
  return theme.dark ? theme.background : theme.text;
}

Color suspended_edge(const Theme& theme) { return mix(theme.suspended, theme.text, 0.45f); }

Color selection_edge(const Theme& theme) {
  return mix(theme.selection, theme.dark ? theme.text : theme.text_strong, 0.45f);
}

void append_markdown(const PanelContext& ctx, std::vector<Span>& spans, std::string_view text, Color color) {
  bool bold = false;
  std::string run;
  auto flush = [&](bool code) {
    if (run.empty()) return;
    spans.push_back({std::move(run), code ? ctx.fonts.mono : bold ? ctx.fonts.bold : ctx.fonts.regular, color, code});
    run.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '`') {
      const std::size_t close = text.find('`', i + 1);
      if (close != std::string_view::npos) {
        flush(false);
        // A space before a code span belongs to the layout, not to the span.
        run = std::string(text.substr(i + 1, close - i - 1));
        if (i > 0 && text[i - 1] == ' ') run.insert(run.begin(), ' ');
        if (!spans.empty() && !spans.back().code && !spans.back().text.empty() && spans.back().text.back() == ' ')
          spans.back().text.pop_back();
        flush(true);
        i = close;
        continue;
      }
    }
    if (text.compare(i, 2, "**") == 0) {
      flush(false);
      bold = !bold;
      ++i;
      continue;
    }
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] != ' ') continue;  // *emphasis*: kept plain
    run += text[i];
  }
  flush(false);
}

namespace {

// Lays the spans out word by word; `draw` false only measures. Returns the height.
float layout_paragraph(const PanelContext& ctx, ImDrawList* dl, ImVec2 origin, float width,
                       const std::vector<Span>& spans, bool draw) {
  ImFont* base = or_current(ctx.fonts.regular);
  const float line_height = std::round(base->FontSize * 1.3f);
  const float code_pad = std::round(base->FontSize * 0.25f);
  float x = 0, y = 0;
  auto place = [&](ImFont* font, std::string_view word, Color color, bool code, bool space_before) {
    font = or_current(font);
    const float space = text_size(font, " ").x;
    const float w = text_size(font, word).x + (code ? 2 * code_pad : 0);
    float lead = space_before && x > 0 ? space : 0;
    if (x > 0 && x + lead + w > width) {
      x = 0;
      y += line_height;
      lead = 0;
    }
    x += lead;
    if (draw) {
      const float ty = origin.y + y + (line_height - font->FontSize) * 0.5f;
      if (code) {
        const ImVec2 a(origin.x + x, origin.y + y + 1), b(origin.x + x + w, origin.y + y + line_height - 1);
        dl->AddRectFilled(a, b, ctx.theme.code_background, 3);
        draw_text(dl, font, ImVec2(a.x + code_pad, ty), color, word);
      } else {
        draw_text(dl, font, ImVec2(origin.x + x, ty), color, word);
      }
    }
    x += w;
  };
  for (const Span& span : spans) {
    std::string_view text = span.text;
    if (span.code) {
      const bool lead = !text.empty() && text.front() == ' ';
      place(span.font, text.substr(lead ? 1 : 0), span.color, true, lead);
      continue;
    }
    std::size_t i = 0;
    while (i < text.size()) {
      bool lead = false;
      while (i < text.size() && text[i] == ' ') {
        lead = true;
        ++i;
      }
      if (i >= text.size()) break;
      std::size_t end = text.find(' ', i);
      if (end == std::string_view::npos) end = text.size();
      // A word with no space before it (punctuation after a code span) sticks to the last one.
      place(span.font, text.substr(i, end - i), span.color, false, lead);
      i = end;
    }
  }
  return y + line_height;
}

}  // namespace

float rich_paragraph(const PanelContext& ctx, ImDrawList* dl, ImVec2 origin, float width,
                     const std::vector<Span>& spans) {
  return layout_paragraph(ctx, dl, origin, width, spans, true);
}

float paragraph_height(const PanelContext& ctx, float width, const std::vector<Span>& spans) {
  return layout_paragraph(ctx, nullptr, ImVec2(0, 0), width, spans, false);
}

void rich_paragraph_item(const PanelContext& ctx, const std::vector<Span>& spans) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(50.f, ImGui::GetContentRegionAvail().x);
  const float height = layout_paragraph(ctx, ImGui::GetWindowDrawList(), origin, width, spans, false);
  // Only a paragraph in view is drawn (a long README in a small panel).
  if (ImGui::IsRectVisible(ImVec2(width, height)))
    rich_paragraph(ctx, ImGui::GetWindowDrawList(), origin, width, spans);
  ImGui::Dummy(ImVec2(width, height));
}

void panel_subtitle(const PanelContext& ctx, std::string_view subtitle, float after) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  ImFont* font = or_current(ctx.fonts.small);
  if (!(window->Flags & ImGuiWindowFlags_NoTitleBar)) {
    const ImRect bar = window->TitleBarRect();
    // Only where it leaves the title itself ("OUTPUT###output") readable.
    const std::string_view name = window->Name;
    const float title_end =
        bar.Min.x + ImGui::GetStyle().FramePadding.x * 2 + text_size(nullptr, name.substr(0, name.find("##"))).x;
    const float right = bar.Max.x - ImGui::GetStyle().FramePadding.x;
    if (right - text_size(font, subtitle).x < std::max(title_end, after) + 12) return;
    dl->PushClipRect(bar.Min, bar.Max, false);
    text_right(dl, font, right, (bar.Min.y + bar.Max.y) * 0.5f, ctx.theme.text_faint, subtitle);
    dl->PopClipRect();
    return;
  }
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float height = font->FontSize * 1.2f;
  text_right(dl, font, at.x + ImGui::GetContentRegionAvail().x, at.y + height * 0.5f, ctx.theme.text_faint, subtitle);
  ImGui::Dummy(ImVec2(1, height));
}

float row_height(float lines) { return std::round(ImGui::GetFontSize() * (0.5f + 1.3f * lines)); }

void push_list_spacing() {
  const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, std::round(spacing.y * 0.5f)));
}

float row_pitch(float lines) { return row_height(lines) + ImGui::GetStyle().ItemSpacing.y; }

Row list_row(const PanelContext& ctx, const char* id, float height, bool changed, bool selected, Color tint) {
  Row row;
  row.min = ImGui::GetCursorScreenPos();
  const float width = std::max(1.f, ImGui::GetContentRegionAvail().x);
  row.max = ImVec2(row.min.x + width, row.min.y + height);
  ImGui::PushID(id);
  row.clicked = ImGui::InvisibleButton("##row", ImVec2(width, height));
  row.hovered = ImGui::IsItemHovered();
  ImGui::PopID();
  if (!ImGui::IsItemVisible()) return row;
  // Edge to edge: ImGui clips a window's contents half a padding inside its border.
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* dl = window->DrawList;
  const float left = window->InnerRect.Min.x, right = window->InnerRect.Max.x;
  const ImVec2 a(left, row.min.y), b(right, row.max.y);
  dl->PushClipRect(ImVec2(left, window->InnerClipRect.Min.y), ImVec2(right, window->InnerClipRect.Max.y), false);
  if (tint) dl->AddRectFilled(a, b, tint);
  if (selected) dl->AddRectFilled(a, b, ctx.theme.selection);
  if (changed) {
    dl->AddRectFilled(a, b, with_alpha(ctx.theme.changed, ctx.theme.dark ? 200 : 150));
    dl->AddRectFilled(ImVec2(b.x - 4, a.y), b, mix(ctx.theme.changed, ctx.theme.ready, 0.6f));
  }
  if (row.hovered && !changed && !selected && !tint) dl->AddRectFilled(a, b, with_alpha(ctx.theme.selection, 140));
  if (selected) dl->AddRectFilled(a, ImVec2(a.x + 4, b.y), selection_edge(ctx.theme));
  dl->PopClipRect();
  return row;
}

void caption(const PanelContext& ctx, ImDrawList* dl, float x, float yc, std::string_view text) {
  text_mid(dl, ctx.fonts.small, x, yc, ctx.theme.text_faint, text);
}

bool changed_since_last_frame(const char* key, int value) {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID id = ImGui::GetID(key);
  if (storage->GetInt(id, -1) == value) return false;
  storage->SetInt(id, value);
  return true;
}

float more_below_height(const PanelContext& ctx) { return std::round(ctx.fonts.small->FontSize * 1.4f); }

namespace {

// The band of more_below for rows whose tops are top + row_top(i) (row_top(count): the end).
template <class RowTop>
std::size_t more_band(const PanelContext& ctx, float top, std::size_t count, std::size_t after, RowTop row_top) {
  if (count == 0) return 0;
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float bottom = window->InnerClipRect.Max.y;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float line = more_below_height(ctx);
  // The first row that does not show whole (rows are in order: a binary search), then one
  // more if the band would not fit.
  std::size_t cut = 0, end = count;
  while (cut < end) {
    const std::size_t mid = (cut + end) / 2;
    if (top + row_top(mid + 1) - spacing <= bottom)
      cut = mid + 1;
    else
      end = mid;
  }
  if (cut >= count) return 0;
  if (cut > 0 && bottom - (top + row_top(cut)) < line) --cut;
  const float band = std::max(top + row_top(cut) - 1, window->InnerClipRect.Min.y);
  if (band >= bottom) return 0;
  ImDrawList* dl = window->DrawList;
  const float left = window->InnerRect.Min.x, right = window->InnerRect.Max.x;
  dl->PushClipRect(ImVec2(left, window->InnerClipRect.Min.y), ImVec2(right, bottom), false);
  dl->AddRectFilled(ImVec2(left, band), ImVec2(right, bottom), ctx.theme.panel);
  dashed_line(dl, ImVec2(left + 6, band + 1), ImVec2(right - 6, band + 1), ctx.theme.border, 1.f, 4, 3);
  const std::string more = "+" + std::to_string(count - cut + after) + " more \xE2\x96\xBE  scroll";
  text_mid(dl, ctx.fonts.small, window->WorkRect.Min.x + 2, std::min(band + line * 0.6f, (band + bottom) * 0.5f),
           ctx.theme.text_faint, more);
  dl->PopClipRect();
  return count - cut + after;
}

}  // namespace

std::size_t more_below(const PanelContext& ctx, float top, std::size_t count, float pitch, std::size_t after) {
  return more_band(ctx, top, count, after, [&](std::size_t i) { return pitch * float(i); });
}

std::size_t more_below(const PanelContext& ctx, float top, const std::vector<float>& offsets) {
  return more_band(ctx, top, offsets.empty() ? 0 : offsets.size() - 1, 0, [&](std::size_t i) { return offsets[i]; });
}

void scroll_to_row(std::size_t index, float pitch) {
  const float top = ImGui::GetCursorPosY() + pitch * static_cast<float>(index);
  const float scroll = ImGui::GetScrollY(), height = ImGui::GetWindowHeight();
  if (top < scroll || top + pitch > scroll + height) ImGui::SetScrollY(std::max(0.f, top - height * 0.3f));
}

std::uint32_t stepped_task(const trace::LoopModel& model) {
  if (model.running_task()) return model.running_task();
  const trace::LoopStep* handle = model.current_handle();
  return handle && (handle->kind == HandleKind::task_step || handle->kind == HandleKind::task_wakeup) ? handle->task
                                                                                                      : 0;
}

std::string seconds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

std::string short_seconds(double value) {
  std::string text = seconds(value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

void await_chain_text(const trace::TaskModel& task, const char* indent) {
  for (const trace::Frame& f : task.await_chain)
    ImGui::Text("%s%s()  %s:%u", indent, short_function(f.function).c_str(), f.file.c_str(), f.line);
}

std::string short_function(std::string_view name) {
  std::string plain;
  int depth = 0;
  for (char c : name) {
    if (c == '<')
      ++depth;
    else if (c == '>')
      --depth;
    else if (depth == 0)
      plain += c;
  }
  const std::size_t scope = plain.rfind("::");
  return scope == std::string::npos ? plain : plain.substr(scope + 2);
}

}  // namespace coroscope::visualizer
