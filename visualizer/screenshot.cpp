#include "visualizer/screenshot.hpp"

#include <glad/gl.h>
// stb_image_write's implementation is compiled into Debian's libstb: only its declarations here.
#include <stb_image_write.h>

#include <cstddef>
#include <vector>

namespace coroscope::visualizer {

bool save_screenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return false;
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows go bottom-up, a PNG's top-down.
  stbi_flip_vertically_on_write(1);
  return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

}  // namespace coroscope::visualizer
