// The source: the lesson's Python twin and its C++ side by side. The line each suspended task
// waits at comes from its await chain (the `suspend` and `await_frame` events); the task that
// ran in the step shown has its line in green: where its step ended. A coroutine only ever stops
// at an await, so every tag sits on an `await` line.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

using Lines = std::vector<std::string_view>;

Lines split_lines(std::string_view text) {
  Lines lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Where a C++ line's trailing comment starts (npos: none). The lessons write the Python twin of a
// line there: `co_await aio::sleep(delay);  //     await asyncio.sleep(delay)`.
std::size_t trailing_comment(std::string_view line) {
  bool in_string = false;
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) in_string = !in_string;
    if (!in_string && line[i] == '/' && line[i + 1] == '/')
      return trimmed(line.substr(0, i)).empty() ? std::string_view::npos : i;
  }
  return std::string_view::npos;
}

// The lines [begin, end) (0-based) of the function `name` in a file: from its definition to the
// next line that starts at column 0.
struct Range {
  std::size_t begin = 0, end = 0;
};
Range function_range(const Lines& lines, std::string_view name, bool python) {
  const std::string pattern = python ? "def " + std::string(name) + "(" : " " + std::string(name) + "(";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty() || std::isspace(static_cast<unsigned char>(lines[i][0]))) continue;
    if (lines[i].find(pattern) == std::string_view::npos) continue;
    std::size_t end = i + 1;
    while (end < lines.size() && (lines[end].empty() || std::isspace(static_cast<unsigned char>(lines[end][0])) ||
                                  (!python && lines[end][0] == '}')))
      ++end;
    return {i, end};
  }
  return {};
}

// Whether `needle` is in the code of a line, as a word: not inside a string or a comment, not
// a piece of a longer name ("await" is not in "awaiting").
bool has_code(std::string_view line, std::string_view needle) {
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  char quote = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      continue;
    }
    if (c == '"' || c == '\'')
      quote = c;
    else if (c == '#' || line.compare(i, 2, "//") == 0)
      return false;
    else if (line.compare(i, needle.size(), needle) == 0 && (i == 0 || !word_char(line[i - 1])) &&
             (i + needle.size() >= line.size() || !word_char(needle.back()) || !word_char(line[i + needle.size()])))
      return true;
  }
  return false;
}

// The k-th line of a range with `needle` in its code (npos: none).
std::size_t nth_with(const Lines& lines, Range r, std::string_view needle, std::size_t k) {
  for (std::size_t i = r.begin; i < r.end; ++i)
    if (has_code(lines[i], needle) && k-- == 0) return i;
  return std::string_view::npos;
}

// The Python line (1-based, 0: none) twin of C++ line `cpp_line` in `function`. The lessons are
// written line for line, so, in this order:
//  1. the line's trailing comment is the Python line itself: find it in the function;
//  2. the k-th `co_await aio::X(` of the C++ function is the k-th `await asyncio.X(` (a bare
//     `co_await`: the k-th `await`);
//  3. else the same line relative to the function's first line.
std::uint32_t python_twin(const Lines& cpp, const Lines& py, std::uint32_t cpp_line, std::string_view function) {
  if (cpp_line == 0 || cpp_line > cpp.size()) return 0;
  std::string py_function(function);
  if (!py_function.empty() && py_function.back() == '_') py_function.pop_back();  // main_ is main
  const Range cr = function_range(cpp, function, false);
  const Range pr = function_range(py, py_function, true);
  if (pr.end == 0) return 0;
  const std::string_view line = cpp[cpp_line - 1];
  if (const std::size_t c = trailing_comment(line); c != std::string_view::npos) {
    const std::string_view twin = trimmed(line.substr(c + 2));
    for (std::size_t i = pr.begin; i < pr.end; ++i)
      if (trimmed(py[i]) == twin) return std::uint32_t(i + 1);
  }
  if (const std::size_t at = line.find("co_await"); at != std::string_view::npos && cr.end != 0) {
    std::string cpp_needle = "co_await", py_needle = "await";
    if (line.compare(at, 14, "co_await aio::") == 0) {
      const std::size_t paren = line.find('(', at);
      const std::string_view call = line.substr(at + 14, paren == std::string_view::npos ? 0 : paren - at - 14);
      if (!call.empty()) {
        cpp_needle = "co_await aio::" + std::string(call) + "(";
        py_needle = "await asyncio." + std::string(call) + "(";
      }
    }
    std::size_t k = 0;
    for (std::size_t i = cr.begin; i + 1 < cpp_line; ++i)
      if (has_code(cpp[i], cpp_needle)) ++k;
    if (const std::size_t i = nth_with(py, pr, py_needle, k); i != std::string_view::npos) return std::uint32_t(i + 1);
  }
  if (cr.end == 0 || cpp_line - 1 < cr.begin) return 0;
  const std::size_t relative = pr.begin + (cpp_line - 1 - cr.begin);
  return relative < pr.end ? std::uint32_t(relative + 1) : 0;
}

// What a line shows: the tasks stopped at it and, on the C++ side, a note.
struct Mark {
  std::vector<std::uint32_t> tasks;
  bool running = false;  // the task of the step shown ended its step here
  bool changed = false;
  std::string note;
  std::string short_note;  // when the note does not fit beside the code
};
using Marks = std::map<std::uint32_t, Mark>;

bool ends_with(std::string_view s, std::string_view suffix) {
  return !suffix.empty() && s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

void collect_marks(const PanelContext& ctx, const Lines& cpp, const Lines& py, Marks& cpp_marks, Marks& py_marks) {
  const trace::LoopModel& model = ctx.model;
  const std::uint32_t stepped = stepped_task(model);
  const auto& changed = model.changes().tasks;
  for (const trace::TaskModel& t : model.tasks()) {
    const bool is_changed = std::find(changed.begin(), changed.end(), t.id) != changed.end();
    for (std::size_t i = 0; i < t.await_chain.size(); ++i) {
      const trace::Frame& f = t.await_chain[i];
      if (!ends_with(f.file, ctx.lesson.cpp_file)) continue;
      const bool innermost = i + 1 == t.await_chain.size();
      const bool running = innermost && t.id == stepped;
      std::string what = innermost ? "on " + (t.waits_on ? model.label(t.waits_on) : t.waits_on_label)
                                   : "on " + short_function(t.await_chain[i + 1].function) + "()";
      for (auto [marks, line] :
           {std::pair{&cpp_marks, f.line}, std::pair{&py_marks, python_twin(cpp, py, f.line, f.function)}}) {
        if (line == 0) continue;
        Mark& m = (*marks)[line];
        // The running task's badge first: the gutter shows one badge and "+n".
        m.tasks.insert(running ? m.tasks.begin() : m.tasks.end(), t.id);
        m.running = m.running || running;
        m.changed = m.changed || is_changed;
        if (marks != &cpp_marks) continue;
        if (running) {
          m.note = t.name + " ran to here; waits " + what;
          m.short_note = "ran to here";
        } else if (m.tasks.size() == 1) {
          m.note = t.name + " waits " + what;
          m.short_note = "waits " + what;
        } else if (!m.running) {
          m.note = std::to_string(m.tasks.size()) + " tasks wait here";
          m.short_note = "wait here";
        }
      }
    }
  }
}

// Minimal syntax colouring, as in the mockups. The theme names what things mean; these few
// hues are the code's own, so they live here.
struct Syntax {
  Color keyword, string, number, comment, call, text;
};
Syntax syntax_colors(const Theme& theme) {
  auto rgb = [](unsigned hex) { return Color(IM_COL32((hex >> 16) & 255, (hex >> 8) & 255, hex & 255, 255)); };
  if (theme.dark) return {rgb(0xD38CFF), rgb(0xF3A072), rgb(0xF0C46A), rgb(0x6F7885), rgb(0x7DB2FF), theme.text};
  return {rgb(0x9A24B5), rgb(0xB0401A), rgb(0xA15C00), rgb(0x76818F), rgb(0x2452C8), theme.text};
}

bool is_keyword(std::string_view word, bool cpp) {
  static constexpr std::string_view python[] = {
      "async", "def", "await", "return", "import", "for",   "in",   "if",  "else", "try", "except", "finally",
      "raise", "as",  "while", "with",   "True",   "False", "None", "not", "and",  "or",  "lambda", "pass"};
  static constexpr std::string_view cxx[] = {"co_await", "co_return", "co_yield", "auto",  "return", "namespace",
                                             "const",    "for",       "if",       "else",  "try",    "catch",
                                             "throw",    "while",     "void",     "int",   "double", "bool",
                                             "true",     "false",     "struct",   "using", "static"};
  if (cpp) return std::find(std::begin(cxx), std::end(cxx), word) != std::end(cxx);
  return std::find(std::begin(python), std::end(python), word) != std::end(python);
}

// Colours the whole line but draws only its characters [from, to): a wrapped line's row keeps
// the colours its piece has in the whole line (the rest of a string stays a string).
void code_line(ImDrawList* dl, ImFont* font, float x, float y, std::string_view line, bool cpp, const Syntax& syntax,
               std::size_t from = 0, std::size_t to = std::string_view::npos) {
  std::size_t i = 0;
  to = std::min(to, line.size());
  auto emit = [&](std::size_t end, Color color) {
    const std::size_t a = std::max(i, from), b = std::min(end, to);
    if (a < b) {
      const std::string_view piece = line.substr(a, b - a);
      draw_text(dl, font, ImVec2(x, y), color, piece);
      x += text_size(font, piece).x;
    }
    i = end;
  };
  while (i < to) {
    const char c = line[i];
    if ((cpp && line.compare(i, 2, "//") == 0) || (!cpp && c == '#')) {
      emit(line.size(), syntax.comment);
    } else if (c == '"' || c == '\'') {
      std::size_t end = i + 1;
      while (end < line.size() && line[end] != c) end += line[end] == '\\' ? 2 : 1;
      emit(std::min(line.size(), end + 1), syntax.string);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t end = i;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '.')) ++end;
      emit(end, syntax.number);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t end = i;
      while (end < line.size() && (std::isalnum(static_cast<unsigned char>(line[end])) || line[end] == '_')) ++end;
      const std::string_view word = line.substr(i, end - i);
      // An f-string's prefix is part of its string.
      if (!cpp && word == "f" && end < line.size() && (line[end] == '"' || line[end] == '\'')) {
        emit(end, syntax.string);
        continue;
      }
      emit(end, is_keyword(word, cpp)                   ? syntax.keyword
                : end < line.size() && line[end] == '(' ? syntax.call
                                                        : syntax.text);
    } else {
      std::size_t end = i + 1;
      while (end < line.size() && !std::isalnum(static_cast<unsigned char>(line[end])) && line[end] != '_' &&
             line[end] != '"' && line[end] != '\'' && line[end] != '#' && line.compare(end, 2, "//") != 0)
        ++end;
      emit(end, syntax.text);
    }
  }
}

// The badges of the tasks at a line ("T2 +1"), then its number.
float gutter_width(const PanelContext& ctx) {
  return task_badge_width(ctx) + text_size(ctx.fonts.small, "+9").x + 6 + text_size(ctx.fonts.mono, "000").x + 12;
}

// What a line shows of its text: a C++ line without its trailing twin comment (the Python
// column shows that line already), without trailing blanks.
std::string_view shown_code(std::string_view line, bool cpp) {
  const std::size_t comment = cpp ? trailing_comment(line) : std::string_view::npos;
  std::string_view code = comment == std::string_view::npos ? line : line.substr(0, comment);
  while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
  return code;
}

// Where a line of code too long for `room` characters breaks: after the last ", " or "(" that
// fits (the arguments of a call or a signature, outside strings), else after its last space
// (inside a string: an f-string's words), else at `room`.
std::size_t break_at(std::string_view code, std::size_t room) {
  if (code.size() <= room) return code.size();
  std::size_t best = 0, space = 0;
  char quote = 0;
  for (std::size_t i = 0; i < room; ++i) {
    const char c = code[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if ((c == ',' || c == '(') && i + 1 > room / 3) {
      best = i + 1;
    }
    if (c == ' ' && i > room / 3) space = i + 1;
  }
  return best ? best : space ? space : std::max<std::size_t>(room, 1);
}

// One row of a file's view: the piece [begin, end) of line `line`'s code (0-based), drawn
// `indent` characters in (a continuation row sits under its line's arguments).
struct Piece {
  std::size_t line, begin, end, indent;
};

// The rows of a file: each line in one row, or wrapped at its arguments over several when it is
// longer than the room (`first_room(line)` characters on its first row, which a note may share,
// `room` on the others). Nothing is cut.
template <class FirstRoom>
std::vector<Piece> wrap_lines(const Lines& lines, bool cpp, std::size_t room, FirstRoom first_room) {
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view code = shown_code(lines[i], cpp);
    const std::size_t lead = std::min(code.find_first_not_of(' '), code.size());
    std::size_t begin = 0, width = std::max<std::size_t>(first_room(i), 8), indent = 0;
    do {
      const std::size_t end = begin + break_at(code.substr(begin), width);
      pieces.push_back({i, begin, end, indent});
      begin = end;
      while (begin < code.size() && code[begin] == ' ') ++begin;
      indent = std::min(lead + 4, room / 2);
      width = std::max<std::size_t>(room - indent, 8);
    } while (begin < code.size());
  }
  return pieces;
}

// The function a line is in: its first line (1-based; the definition at column 0 above it).
std::uint32_t function_start(const Lines& lines, std::uint32_t line) {
  for (std::uint32_t i = line; i >= 1; --i) {
    const std::string_view l = lines[i - 1];
    if (!l.empty() && !std::isspace(static_cast<unsigned char>(l[0])) && l[0] != '}' && l[0] != '#' &&
        l.compare(0, 2, "//") != 0)
      return i;
  }
  return line;
}

// The first line to show so that the marked lines are in view, as a reader wants them: from
// the definition of the function `focus` is in, if all the marks fit below it, else from the
// first mark; when they do not all fit, from that definition still if `focus` (the running
// line) stays in the upper part of the view, else around `focus`.
std::uint32_t view_top(const Lines& lines, const Marks& marks, std::uint32_t focus, std::uint32_t rows) {
  std::uint32_t first = focus, last = focus;
  for (const auto& [line, m] : marks) {
    first = std::min(first, line);
    last = std::max(last, line);
  }
  const std::uint32_t header = function_start(lines, std::min(first, focus));
  const std::uint32_t above = header > 1 ? header - 1 : 1;  // a blank line above the definition
  std::uint32_t top;
  if (last + 1 - above <= rows)
    top = above;
  else if (last + 1 - first <= rows)
    top = first;
  else if ((focus - above) * 5 < rows * 3)
    top = above;
  else
    top = focus > rows * 2 / 5 ? focus - rows * 2 / 5 : 1;
  // No empty rows below the file's end.
  const auto count = std::uint32_t(lines.size());
  if (count > rows && top > count - rows + 1) top = count - rows + 1;
  return std::max<std::uint32_t>(top, 1);
}

// The note beside a marked C++ line ("Task-2 waits on sleep #2"), or its short form where the
// full one would leave the code less than 60% of the row.
const std::string& note_for(const PanelContext& ctx, const Mark& m, float room) {
  return text_size(ctx.fonts.small, m.note).x + 28 <= room * 0.4f ? m.note : m.short_note;
}

// One file, in a child window that scrolls to keep the marked lines in view.
void draw_file(PanelContext& ctx, const char* id, const Lines& lines, const Marks& marks, bool cpp, float width,
               float height) {
  const Theme& theme = ctx.theme;
  const Syntax syntax = syntax_colors(theme);
  ImFont* mono = ctx.fonts.mono ? ctx.fonts.mono : ImGui::GetFont();
  ImFont* mono_bold = ctx.fonts.mono_bold ? ctx.fonts.mono_bold : mono;
  const float row = std::round(mono->FontSize * 1.3f);
  // Long lines wrap at their arguments, so the file scrolls down only.
  ImGui::BeginChild(id, ImVec2(width, height), false);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float code_x = origin.x + gutter_width(ctx);
  const float left = ImGui::GetWindowPos().x, right = left + ImGui::GetWindowWidth();
  const float code_end = right - ImGui::GetStyle().ScrollbarSize - 4;  // clear of the scrollbar
  const float glyph = text_size(mono, "M").x;
  const float code_room = code_end - code_x;
  const auto room = std::size_t(std::max(8.f, code_room / glyph));
  const float pad = 28;
  const std::vector<Piece> pieces = wrap_lines(lines, cpp, room, [&](std::size_t i) {
    const auto found = marks.find(std::uint32_t(i + 1));
    if (found == marks.end() || found->second.note.empty()) return room;
    const float note = text_size(ctx.fonts.small, note_for(ctx, found->second, code_room)).x + pad;
    return std::size_t(std::max(code_room * 0.6f, code_room - note) / glyph);
  });
  std::vector<std::size_t> first_row(lines.size() + 1, pieces.size());
  for (std::size_t r = pieces.size(); r-- > 0;) first_row[pieces[r].line] = r;
  ImGui::Dummy(ImVec2(1, row * float(pieces.size())));

  // The line to follow: the running line, else the selected task's, else the first marked
  // line; with no task at a line (before the first step, after the last), the lesson's first
  // coroutine rather than its includes.
  std::uint32_t focus = 0;
  for (const auto& [line, m] : marks) {
    const bool selected = std::find(m.tasks.begin(), m.tasks.end(), ctx.ui.selected_task) != m.tasks.end();
    if (m.running || (selected && focus == 0)) focus = line;
  }
  if (focus == 0 && !marks.empty()) focus = marks.begin()->first;
  for (std::size_t i = 0; focus == 0 && i < lines.size(); ++i)
    if (has_code(lines[i], cpp ? "Coroutine" : "async")) focus = std::uint32_t(i + 1);
  // Once a step (or a selection, or a lesson): the reader may scroll away in between.
  const int shown = int(std::hash<std::string_view>{}(ctx.lesson.name) % 100003) * 131 + int(ctx.model.step());
  const bool new_step = changed_since_last_frame("step", shown);
  const bool new_selection = changed_since_last_frame("selected", int(ctx.ui.selected_task));
  if ((new_step || new_selection) && focus && focus <= lines.size()) {
    const auto rows = std::uint32_t(std::max(1.f, std::floor(height / row)));
    // The top line as if each line took one row, then down by the rows that wrapping adds
    // between it and the focus, so the focus stays where view_top put it.
    const std::uint32_t top = view_top(lines, marks, focus, rows);
    const std::size_t extra = (first_row[focus - 1] - (focus - 1)) - (first_row[top - 1] - (top - 1));
    const auto shifted = std::min<std::uint32_t>(focus, top + std::uint32_t(extra));
    ImGui::SetScrollY(row * float(first_row[shifted - 1]));
  }

  const float scroll = ImGui::GetScrollY();
  const std::size_t first = std::size_t(scroll / row);
  const std::size_t last = std::min(pieces.size(), std::size_t((scroll + height) / row) + 1);
  std::size_t wrapped = 0;
  for (std::size_t r = first; r < last; ++r) {
    const Piece& piece = pieces[r];
    const bool head = r == first_row[piece.line];
    const std::uint32_t number = std::uint32_t(piece.line + 1);
    const float y = origin.y + row * float(r);
    const auto found = marks.find(number);
    const Mark* m = found == marks.end() ? nullptr : &found->second;
    if (m) {
      const Color tint = m->running ? theme.source_running_line : theme.source_waiting_line;
      const Color edge = m->running ? theme.running : suspended_edge(theme);
      dl->AddRectFilled(ImVec2(left, y), ImVec2(right, y + row), tint);
      dl->AddRectFilled(ImVec2(left, y), ImVec2(left + 3, y + row), edge);
      if (m->changed)
        dl->AddRectFilled(ImVec2(right - 4, y), ImVec2(right, y + row), mix(theme.changed, theme.ready, 0.6f));
    }
    ImFont* font = m && m->running ? mono_bold : mono;
    const float text_y = y + (row - font->FontSize) * 0.5f;
    const std::string_view code = shown_code(lines[piece.line], cpp);
    const std::string_view piece_code = code.substr(piece.begin, piece.end - piece.begin);
    if (!head) {
      ++wrapped;
      const char* arrow = "\xE2\x86\xAA";  // ↪: the line goes on
      text_mid(dl, ctx.fonts.small, code_x - 8 - text_size(ctx.fonts.small, arrow).x, y + row * 0.5f, theme.text_faint,
               arrow);
      code_line(dl, font, code_x + glyph * float(piece.indent), text_y, code, cpp, syntax, piece.begin, piece.end);
      continue;
    }
    if (m) {
      // The first task's badge, and how many more wait at the same line (a gather's children).
      const float bx = origin.x + task_badge(ctx, dl, origin.x, y + row * 0.5f, m->tasks.front());
      if (m->tasks.size() > 1)
        text_mid(dl, ctx.fonts.small, bx + 2, y + row * 0.5f, theme.text_faint,
                 "+" + std::to_string(m->tasks.size() - 1));
    }
    const std::string number_text = std::to_string(number);
    draw_text(dl, font, ImVec2(code_x - 8 - text_size(font, number_text).x, text_y),
              m && m->running ? theme.running : theme.text_faint, number_text);
    code_line(dl, font, code_x, text_y, code, cpp, syntax, piece.begin, piece.end);
    if (m && !m->note.empty()) {
      // The note goes at the row's right end, clear of the code.
      ImFont* nf = ctx.fonts.small;
      const std::string& note = note_for(ctx, *m, code_room);
      const float nx = std::max(code_x + text_size(font, piece_code).x + pad, code_end - text_size(nf, note).x);
      const Color ink =
          m->running ? theme.running : (theme.dark ? theme.text : mix(suspended_edge(theme), theme.text, 0.5f));
      dl->PushClipRect(ImVec2(nx - 20, y), ImVec2(code_end, y + row), true);
      if (m->running)
        play_icon(dl, nx - 15, y + row * 0.5f, ink, row * 0.45f);
      else
        pause_icon(dl, nx - 15, y + row * 0.5f, ink, row * 0.45f);
      text_mid(dl, nf, nx, y + row * 0.5f, ink, note);
      dl->PopClipRect();
      if (m->running)
        ctx.report.place(std::string("source.") + (cpp ? "cpp" : "py") + ".running_note",
                         {nx, y, text_size(nf, note).x, row});
    }
  }
  // No row of code is cut: what does not fit wraps; how many rows did, for the tests.
  ctx.report.hide(std::string("source.") + (cpp ? "cpp" : "py") + ".wrapped_rows", wrapped);
  ImGui::EndChild();
}

// The longest line's length in characters, the C++ lines without their twin comments.
std::size_t widest(const Lines& lines, bool cpp) {
  std::size_t w = 1;
  for (std::string_view line : lines) {
    const std::size_t c = cpp ? trailing_comment(line) : std::string_view::npos;
    w = std::max(w, trimmed(c == std::string_view::npos ? line : line.substr(0, c)).size() + 4);
  }
  return w;
}

void column_header(const PanelContext& ctx, float x, float yc, std::string_view file, std::string_view what) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = text_mid(dl, ctx.fonts.bold, x, yc, ctx.theme.text, file);
  text_mid(dl, ctx.fonts.small, x + w + 8, yc, ctx.theme.text_faint, what);
}

}  // namespace

void draw_source_panel(PanelContext& ctx) {
  panel_subtitle(ctx, "green: where the step shown ended  \xC2\xB7  each waiting task at its await");
  const Lines cpp = split_lines(ctx.lesson.cpp_source);
  const Lines py = split_lines(ctx.lesson.py_source);
  Marks cpp_marks, py_marks;
  collect_marks(ctx, cpp, py, cpp_marks, py_marks);

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float header = std::round(ctx.fonts.bold->FontSize * 1.5f);
  const float share = std::clamp(float(widest(py, false)) / float(widest(py, false) + widest(cpp, true)), 0.34f, 0.5f);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float py_width = std::round((avail.x - gap) * share);
  const float cpp_width = avail.x - gap - py_width;
  const float height = std::max(10.f, avail.y - header);
  const float gutter = gutter_width(ctx);
  column_header(ctx, origin.x + gutter, origin.y + header * 0.45f, "lesson.py", "the Python twin");
  column_header(ctx, origin.x + py_width + gap + gutter, origin.y + header * 0.45f, ctx.lesson.cpp_file,
                "C++20  \xC2\xB7  what the loop runs");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddLine(ImVec2(origin.x, origin.y + header - 2), ImVec2(origin.x + avail.x, origin.y + header - 2),
              mix(ctx.theme.panel, ctx.theme.border, 0.5f));
  const float divider = std::round(origin.x + py_width + gap * 0.5f);
  dl->AddLine(ImVec2(divider, origin.y), ImVec2(divider, origin.y + avail.y), ctx.theme.border);

  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + header));
  draw_file(ctx, "##py", py, py_marks, false, py_width, height);
  ImGui::SetCursorScreenPos(ImVec2(origin.x + py_width + gap, origin.y + header));
  draw_file(ctx, "##cpp", cpp, cpp_marks, true, cpp_width, height);
}

}  // namespace coroscope::visualizer
