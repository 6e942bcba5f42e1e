#pragma once
// PNG screenshots of the frame just rendered, for tests and the documentation.
#include <string>

namespace coroscope::visualizer {

// Reads the back buffer (call it after rendering and before swapping buffers) and writes it
// to `path` as a PNG of width x height pixels. False if the file cannot be written.
bool save_screenshot(const std::string& path, int width, int height);

}  // namespace coroscope::visualizer
