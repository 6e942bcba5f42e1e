#pragma once
// What the app remembers between runs: the font scale a teacher chose with Ctrl +/-. A small
// `key=value` file in $XDG_CONFIG_HOME/coroscope/settings (else ~/.config/coroscope/settings).
// Reading falls back to the defaults and writing ignores failures: a read-only home must not
// stop the app.
namespace coroscope::visualizer {

struct Settings {
  float font_scale = 1;
};

Settings load_settings();
void save_settings(const Settings& settings);

}  // namespace coroscope::visualizer
