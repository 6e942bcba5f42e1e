#!/usr/bin/env bash
# Builds the benchmarks (Release, -O2 -g) and runs W1-W6 on coroscope, CPython asyncio, uvloop and
# Boost.Asio, interleaved; prints one table (bench/README.md explains the workloads).
#
#   bench/run.sh [--quick] [--rounds R] [--min-time S] [--wall] [--json FILE]
#
# BUILD_DIR overrides the build directory (default: build-bench at the repository's root).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build-bench}

"$root/scripts/install-deps.sh" --bench
# -O2, not CMake's -O3: g++ 12 at -O3 reports a false -Wrestrict in std::string concatenation
# (GCC bug 105329), which -Werror turns into an error. -g changes no generated code; it lets
# valgrind --tool=callgrind attribute instructions to source lines in the binary that was timed.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -g -DNDEBUG" \
  -DCOROSCOPE_BENCH=ON -DCOROSCOPE_TESTS=OFF -DCOROSCOPE_VISUALIZER=OFF >/dev/null
cmake --build "$build" --target coroscope_bench coroscope_bench_untraced asio_bench --parallel 2 >&2
exec /usr/bin/python3 "$here/run.py" --build-dir "$build" "$@"
