#!/usr/bin/env bash
# Installs what is missing, builds coroscope and opens the visualizer on the first lesson.
# Usage: scripts/start.sh [LESSON] [gui flags]   (a lesson number or folder name; default 1)
# With no display (DISPLAY and WAYLAND_DISPLAY unset) or with --text, it prints the lesson's
# text timeline instead, after a line saying why.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"

lesson=${1:-1}
shift || true

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target coroscope

# Keys: Right step, Down (or Shift+Right) one loop iteration, Left back, Space play / pause,
# R restart, End run to the end, Ctrl +/- font size, T light / dark.
# `build/cli/coroscope run LESSON` prints just what `python3 lessons/NN_topic/lesson.py` prints.
exec build/cli/coroscope gui "$lesson" "$@"
