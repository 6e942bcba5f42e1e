#pragma once
// What the C++ benchmarks (coroscope's and Boost.Asio's) share, so both measure the same
// thing the Python peers do (bench/README.md).
#include <unistd.h>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

namespace bench {

// W2: K tasks, each yielding M times.
inline constexpr int k_yielders = 100;

// The resident set size, from /proc/self/statm (W6 takes the difference over N tasks).
inline std::size_t resident_bytes() {
  unsigned long size = 0, resident = 0;
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  bool ok = statm && std::fscanf(statm, "%lu %lu", &size, &resident) == 2;
  if (statm) std::fclose(statm);
  if (!ok) throw std::runtime_error("cannot read /proc/self/statm");
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGE_SIZE));
}

// W5's delays in seconds: a 64-bit LCG (Knuth's MMIX constants) from seed 1, the top 53 bits
// scaled to [0, 1 ms). The Python peer computes the same sequence.
inline std::vector<double> lcg_delays(int n) {
  std::vector<double> delays;
  delays.reserve(static_cast<std::size_t>(n));
  std::uint64_t x = 1;
  for (int i = 0; i < n; ++i) {
    x = x * 6364136223846793005u + 1442695040888963407u;
    delays.push_back(static_cast<double>(x >> 11) * 0x1p-53 * 1e-3);
  }
  return delays;
}

}  // namespace bench
