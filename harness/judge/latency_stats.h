#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace sipconf::harness {

/// A latency distribution as results.json and the summary table show it: nearest-rank
/// percentiles (the definition of harness::nearest_rank), in microseconds.
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

/// `812 us`, `10.2 ms`, `1.51 s`: a duration in microseconds for people.
std::string format_duration_us(int64_t microseconds);

}  // namespace sipconf::harness
