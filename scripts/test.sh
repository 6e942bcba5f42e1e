#!/usr/bin/env bash
# Installs what is missing, builds coroscope and runs every test:
#   1. the normal build (g++, -Wall -Wextra -Werror) and its CTest suite;
#   2. an AddressSanitizer + UndefinedBehaviorSanitizer build and the same suite;
#   3. core compiled with clang 14 as a portability check;
#   4. core and trace compiled as CMake's Release (-O3), which g++ 12 once failed (GCC bug 105329).
# Usage: scripts/test.sh            (from anywhere; build trees go to ./build*)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

jobs=$(nproc)
export CCACHE_DIR="${CCACHE_DIR:-$PWD/.cache/ccache}"

configure_and_test() {
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" -j "$jobs" --output-on-failure --timeout 120
}

echo "== build and test (g++ $(g++ -dumpversion))"
configure_and_test build -DCMAKE_BUILD_TYPE=RelWithDebInfo

echo "== build and test with ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  configure_and_test build-asan -DCMAKE_BUILD_TYPE=Debug -DCOROSCOPE_SANITIZE=ON

echo "== compile core with clang 14"
cmake -S . -B build-clang -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCOROSCOPE_TESTS=OFF \
  -DCOROSCOPE_VISUALIZER=OFF >/dev/null
cmake --build build-clang -j "$jobs" --target coroscope_core

echo "== compile core and trace as a user's Release build (-O3)"
cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DCOROSCOPE_TESTS=OFF \
  -DCOROSCOPE_VISUALIZER=OFF >/dev/null
cmake --build build-release -j "$jobs" --target coroscope_core coroscope_trace

echo "== all tests passed"
