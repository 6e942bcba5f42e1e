#!/usr/bin/env bash
# Installs what is missing, builds coroscope and runs the first lesson.
# Usage: scripts/start.sh [LESSON]     (LESSON: a folder name under lessons/, default the first)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"

lesson=${1:-$(cd lessons && ls -d [0-9][0-9]_*/ | head -n 1 | tr -d /)}
if [[ ! -f lessons/$lesson/lesson.cpp ]]; then
  echo "unknown lesson '$lesson'; the lessons are:" >&2
  (cd lessons && ls -d [0-9][0-9]_*/ | tr -d / | sed 's/^/  /') >&2
  exit 2
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target "lesson_$lesson"

# The visualizer is not built yet: the lesson runs in the terminal, printing what
# `python3 lessons/$lesson/lesson.py` prints.
echo "== lesson $lesson (lessons/$lesson/README.md explains it)"
exec "build/lessons/lesson_$lesson"
