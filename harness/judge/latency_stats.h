#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace sipconf::harness {

/// A latency distribution as a manifest's latency bounds name its statistics: nearest-rank
/// percentiles (reports::nearest_rank, as in results.json) and the extremes, in
/// microseconds.
struct LatencySummary {
  std::size_t count = 0;
  int64_t min = 0;
  int64_t p50 = 0;
  int64_t p90 = 0;
  int64_t p99 = 0;
  int64_t max = 0;

  /// The value of `statistic`: `min`, `p50`, `p90`, `p99` or `max`; false if unknown.
  bool get(std::string_view statistic, int64_t& value) const;
};

LatencySummary summarize_latency(std::vector<int64_t> samples_us);

}  // namespace sipconf::harness
