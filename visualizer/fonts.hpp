#pragma once
// The app's fonts: DejaVu (fonts-dejavu-core), read at run time and rasterised by ImGui's
// FreeType builder at a size a projector shows well (17 px text at 1280x720, scale 1). The
// panels get theirs through PanelContext::fonts; the top bar also uses a few of its own.
#include <string>

#include "visualizer/panel_context.hpp"

struct ImFont;

namespace coroscope::visualizer {

struct AppFonts {
  Fonts panels;               // regular 17, bold 17, mono 15, mono bold 15, small 14 (x scale)
  ImFont* caption = nullptr;  // bold 12: the captions over the top bar's controls
  ImFont* title = nullptr;    // bold 13: the panels' title bars
  ImFont* button = nullptr;   // bold 15: button labels
  ImFont* readout = nullptr;  // mono bold 17: step, iteration, loop time
  ImFont* logo = nullptr;     // bold 19
  float scale = 1;
};

// Where the DejaVu files are (Debian's fonts-dejavu-core).
inline constexpr const char* dejavu_dir = "/usr/share/fonts/truetype/dejavu/";

// (Re)builds ImGui's font atlas at `scale`; the renderer must upload it again afterwards.
// False, with the reason in `error`, when a font file cannot be read.
bool load_fonts(AppFonts& fonts, float scale, std::string& error);

}  // namespace coroscope::visualizer
