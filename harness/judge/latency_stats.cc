#include "harness/judge/latency_stats.h"

#include <algorithm>

#include "reports/model/latency_stats.h"

namespace sipconf::harness {

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
  s.p50 = reports::nearest_rank_sorted(samples_us, 50);
  s.p90 = reports::nearest_rank_sorted(samples_us, 90);
  s.p99 = reports::nearest_rank_sorted(samples_us, 99);
  return s;
}

}  // namespace sipconf::harness
