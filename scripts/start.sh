#!/usr/bin/env bash
# Installs what is missing, builds coroscope and steps through the first lesson in the terminal.
# Usage: scripts/start.sh [LESSON]     (a lesson number or folder name; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"

lesson=${1:-1}

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target coroscope

# The desktop visualizer is not built yet; this is its text mode: every step the event loop
# takes, grouped by iteration, with the lesson's own output in place (colour on a terminal).
# `build/cli/coroscope run LESSON` prints just what `python3 lessons/NN_topic/lesson.py` prints.
exec build/cli/coroscope run "$lesson" --trace text
