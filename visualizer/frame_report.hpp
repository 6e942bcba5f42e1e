#pragma once
// Where the frame drew what, and what it could not show: the dump's "view.layout" and
// "view.hidden_rows", so that tests assert that panels fit a window without reading pixels.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "layout.hpp"

namespace coroscope::visualizer {

struct FrameReport {
  std::vector<std::pair<std::string, Rect>> rects;               // "panel.tasks", "top.legend", ...
  std::vector<std::pair<std::string, std::size_t>> hidden_rows;  // rows under a "+N more" band
  void place(std::string name, Rect rect) { rects.emplace_back(std::move(name), rect); }
  void hide(std::string name, std::size_t rows) { hidden_rows.emplace_back(std::move(name), rows); }
};

}  // namespace coroscope::visualizer
