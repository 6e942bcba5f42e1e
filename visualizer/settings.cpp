#include "visualizer/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace coroscope::visualizer {

namespace {

std::filesystem::path settings_path() {
  if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
    return std::filesystem::path(config) / "coroscope" / "settings";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".config" / "coroscope" / "settings";
  return {};
}

}  // namespace

Settings load_settings() {
  Settings settings;
  const std::filesystem::path path = settings_path();
  if (path.empty()) return settings;
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    const auto equals = line.find('=');
    if (equals == std::string::npos || line.substr(0, equals) != "font_scale") continue;
    const float scale = std::strtof(line.c_str() + equals + 1, nullptr);
    if (scale > 0) settings.font_scale = std::clamp(scale, 0.5f, 3.f);
  }
  return settings;
}

void save_settings(const Settings& settings) {
  const std::filesystem::path path = settings_path();
  if (path.empty()) return;
  std::error_code ignored;
  std::filesystem::create_directories(path.parent_path(), ignored);
  std::ofstream file(path);
  file << "font_scale=" << settings.font_scale << '\n';
}

}  // namespace coroscope::visualizer
