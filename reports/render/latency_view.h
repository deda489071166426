#pragma once

#include <string>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// HTML table of measures: count, p50, p90, p99, max in readable units. `data-metric`
/// attributes carry the raw microseconds for tests and scripts.
std::string render_latency_table(const std::vector<LatencyMetric>& metrics);

/// An SVG cumulative distribution (CDF) of one measure's samples, with p50 and p99
/// marked. Empty when the measure has no samples.
std::string render_latency_cdf(const LatencyMetric& metric);

/// The table followed by one CDF per measure that has at least two samples.
std::string render_latency_block(const std::vector<LatencyMetric>& metrics);

}  // namespace sipconf::reports
