#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// Nearest-rank percentile (1-100) of samples sorted ascending: the smallest value with
/// at least `percentile`% of the samples at or below it; 0 for none. results.json's
/// percentiles, the judge's latency bounds and the report's run-wide figures all use it.
std::int64_t nearest_rank_sorted(std::span<const std::int64_t> sorted, int percentile);

/// The same for samples in any order.
std::int64_t nearest_rank(std::vector<std::int64_t> samples, int percentile);

/// Count, nearest-rank percentiles and maximum of `samples`, which it keeps in their order.
LatencyMetric summarize_latency(std::string_view name, std::vector<std::int64_t> samples);

/// Run-wide latency per measure: the samples of every case pooled and summarized.
/// Measures appear in the documented order (transit, post-dial delay, setup time),
/// then any others.
std::vector<LatencyMetric> run_latency(const Run& run);

/// A person's name for a measure key: "transit" -> "Transit through the SUT".
std::string_view latency_label(std::string_view name);

}  // namespace sipconf::reports
