// The explanation: one sentence about the step shown (what the loop ran and what it means for
// the next iteration), then the lesson's README, rendered simply: headings bold, paragraphs
// wrapped, `code` in the mono font, lists with bullets.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "draw.hpp"
#include "panels.hpp"

namespace coroscope::visualizer {

namespace {

// The room the sentence takes besides its text: its tint's margins, the rule under it.
float sentence_margin() { return 8 + ImGui::GetStyle().ItemSpacing.y * 3; }

struct Block {
  enum class Kind { heading, paragraph, item, code } kind = Kind::paragraph;
  std::string text;
};

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Markdown's blocks, as far as the lessons' READMEs use them.
std::vector<Block> blocks(std::string_view markdown) {
  std::vector<Block> out;
  bool open = false, fenced = false;  // a paragraph or item takes the lines that follow it
  while (!markdown.empty()) {
    const std::size_t end = markdown.find('\n');
    const std::string_view raw = markdown.substr(0, end);
    markdown.remove_prefix(end == std::string_view::npos ? markdown.size() : end + 1);
    const std::string_view line = strip(raw);
    if (line.starts_with("```")) {
      fenced = !fenced;
      open = false;
      continue;
    }
    if (fenced) {
      out.push_back({Block::Kind::code, std::string(raw)});
      continue;
    }
    if (line.empty()) {
      open = false;
    } else if (line.front() == '#') {
      out.push_back({Block::Kind::heading, std::string(strip(line.substr(line.find_first_not_of('#'))))});
      open = false;
    } else if (line.starts_with("- ") || line.starts_with("* ")) {
      out.push_back({Block::Kind::item, std::string(line.substr(2))});
      open = true;
    } else if (open) {
      out.back().text += " " + std::string(line);
    } else {
      out.push_back({Block::Kind::paragraph, std::string(line)});
      open = true;
    }
  }
  return out;
}

void draw_block(const PanelContext& ctx, const Block& b) {
  std::vector<Span> spans;
  switch (b.kind) {
    case Block::Kind::heading:
      append_markdown(ctx, spans, b.text, ctx.theme.text_strong);
      for (Span& span : spans)
        if (!span.code) span.font = ctx.fonts.bold;
      rich_paragraph_item(ctx, spans);
      return;
    case Block::Kind::code:
      ImGui::PushFont(ctx.fonts.mono);
      ImGui::TextUnformatted(b.text.c_str());
      ImGui::PopFont();
      return;
    case Block::Kind::item: {
      const float indent = ImGui::GetFontSize();
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + indent * 0.4f, at.y + ImGui::GetFontSize() * 0.65f),
                                                  ImGui::GetFontSize() * 0.15f, ctx.theme.text_faint);
      ImGui::Indent(indent);
      append_markdown(ctx, spans, b.text, ctx.theme.text);
      rich_paragraph_item(ctx, spans);
      ImGui::Unindent(indent);
      return;
    }
    case Block::Kind::paragraph:
      append_markdown(ctx, spans, b.text, ctx.theme.text);
      rich_paragraph_item(ctx, spans);
      return;
  }
}

// "Step 5: the timer of sleep(0.1) fired; ...", in bold where the sentence says so.
std::vector<Span> sentence_spans(const PanelContext& ctx) {
  std::vector<Span> sentence{{"Step " + std::to_string(ctx.model.step()) + ":", ctx.fonts.bold, ctx.theme.text, false}};
  append_markdown(
      ctx, sentence,
      " " + std::string(ctx.step_sentence.empty() ? "the loop has not run a handle yet." : ctx.step_sentence),
      ctx.theme.text);
  return sentence;
}

}  // namespace

float step_sentence_height(const PanelContext& ctx, float width) {
  return paragraph_height(ctx, width, sentence_spans(ctx)) + sentence_margin();
}

void draw_explanation_panel(PanelContext& ctx) {
  panel_subtitle(ctx, "step " + std::to_string(ctx.model.step()) + "  \xC2\xB7  lesson " +
                          std::string(ctx.lesson.name) + " README");
  // The sentence is what changed: it sits on the yellow of the other panels' marks, above the
  // README, and never scrolls away with it.
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  rich_paragraph_item(ctx, sentence_spans(ctx));
  dl->ChannelsSetCurrent(0);
  const float right = at.x + ImGui::GetContentRegionAvail().x;
  const ImVec2 a(at.x - 4, at.y - 2), b(right + 4, ImGui::GetItemRectMax().y + 2);
  dl->AddRectFilled(a, b, with_alpha(ctx.theme.changed, ctx.theme.dark ? 140 : 110), 4);
  dl->ChannelsMerge();
  ctx.report.place("explanation.sentence", {a.x, a.y, b.x - a.x, b.y - a.y});
  ImGui::Dummy(ImVec2(1, 2));
  ImGui::Separator();
  ImGui::BeginChild("##readme", ImVec2(0, std::max(1.f, ImGui::GetContentRegionAvail().y)));
  for (const Block& b : blocks(ctx.lesson.readme)) {
    draw_block(ctx, b);
    ImGui::Dummy(ImVec2(1, 2));
  }
  ImGui::EndChild();
}

}  // namespace coroscope::visualizer
