#include "visualizer/fonts.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>

namespace coroscope::visualizer {

namespace {

// Latin-1 and the punctuation, arrows, maths and box-drawing blocks the panels use (→ ↳ ⋯ ✓).
constexpr ImWchar glyph_ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                                    0x2500, 0x25FF, 0x2700, 0x27BF, 0x27F0, 0x27FF, 0};

ImFont* load(const char* file, float pixels, std::string& error) {
  const std::string path = std::string(dejavu_dir) + file;
  if (!std::filesystem::exists(path)) {
    if (error.empty()) error = "cannot read the font " + path + " (install fonts-dejavu-core)";
    return nullptr;
  }
  ImFontConfig config;
  // Light hinting keeps stems crisp at projector sizes without distorting the glyphs.
  config.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), std::round(pixels), &config, glyph_ranges);
}

}  // namespace

bool load_fonts(AppFonts& fonts, float scale, std::string& error) {
  ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  error.clear();
  // The first font added is ImGui's default: the panels' regular text.
  fonts.panels.regular = load("DejaVuSans.ttf", 17 * scale, error);
  fonts.panels.bold = load("DejaVuSans-Bold.ttf", 17 * scale, error);
  fonts.panels.mono = load("DejaVuSansMono.ttf", 15 * scale, error);
  fonts.panels.mono_bold = load("DejaVuSansMono-Bold.ttf", 15 * scale, error);
  fonts.panels.small = load("DejaVuSans.ttf", 14 * scale, error);
  fonts.caption = load("DejaVuSans-Bold.ttf", 12 * scale, error);
  fonts.title = load("DejaVuSans-Bold.ttf", 13 * scale, error);
  fonts.button = load("DejaVuSans-Bold.ttf", 15 * scale, error);
  fonts.readout = load("DejaVuSansMono-Bold.ttf", 17 * scale, error);
  fonts.logo = load("DejaVuSans-Bold.ttf", 19 * scale, error);
  fonts.scale = scale;
  if (!error.empty()) return false;
  return atlas.Build();
}

}  // namespace coroscope::visualizer
