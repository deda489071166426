#include "harness/judge/latency_stats.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace sipconf::harness {
namespace {

/// Nearest rank on sorted samples: the smallest value with at least p% of the samples
/// at or below it.
int64_t rank(const std::vector<int64_t>& sorted, int percentile) {
  const std::size_t n = sorted.size();
  std::size_t index = (static_cast<std::size_t>(percentile) * n + 99) / 100;
  if (index == 0) index = 1;
  return sorted[std::min(index, n) - 1];
}

}  // namespace

bool LatencySummary::get(std::string_view statistic, int64_t& value) const {
  if (statistic == "min") {
    value = min;
  } else if (statistic == "p50") {
    value = p50;
  } else if (statistic == "p90") {
    value = p90;
  } else if (statistic == "p99") {
    value = p99;
  } else if (statistic == "max") {
    value = max;
  } else {
    return false;
  }
  return true;
}

LatencySummary summarize_latency(std::vector<int64_t> samples_us) {
  LatencySummary s;
  s.count = samples_us.size();
  if (samples_us.empty()) return s;
  std::sort(samples_us.begin(), samples_us.end());
  s.min = samples_us.front();
  s.max = samples_us.back();
  s.p50 = rank(samples_us, 50);
  s.p90 = rank(samples_us, 90);
  s.p99 = rank(samples_us, 99);
  return s;
}

std::string format_duration_us(int64_t us) {
  const int64_t magnitude = std::llabs(us);
  if (magnitude < 10'000) return fmt::format("{} us", us);
  if (magnitude < 1'000'000) return fmt::format("{:.1f} ms", static_cast<double>(us) / 1e3);
  return fmt::format("{:.2f} s", static_cast<double>(us) / 1e6);
}

}  // namespace sipconf::harness
