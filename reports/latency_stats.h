#pragma once

#include <string_view>
#include <vector>

#include "reports/run_model.h"

namespace sipconf::reports {

/// Nearest-rank percentiles of `samples` (the same definition the harness uses), so a
/// run-wide figure can be computed from the per-case samples.
LatencyMetric summarize_latency(std::string_view name, std::vector<std::int64_t> samples);

/// Run-wide latency per measure: the samples of every case pooled and summarized.
/// Measures appear in the documented order (transit, post-dial delay, setup time),
/// then any others.
std::vector<LatencyMetric> run_latency(const Run& run);

/// A person's name for a measure key: "transit" -> "Transit through the SUT".
std::string_view latency_label(std::string_view name);

}  // namespace sipconf::reports
