#include "reports/model/latency_stats.h"

#include <algorithm>

namespace sipconf::reports {

std::int64_t nearest_rank_sorted(std::span<const std::int64_t> sorted, int percentile) {
  if (sorted.empty()) return 0;
  // The rank ceil(p/100 * n) in integers, exact where a double product is not.
  const std::size_t n = sorted.size();
  const std::size_t rank =
      (static_cast<std::size_t>(std::clamp(percentile, 0, 100)) * n + 99) / 100;
  return sorted[std::clamp<std::size_t>(rank, 1, n) - 1];
}

std::int64_t nearest_rank(std::vector<std::int64_t> samples, int percentile) {
  std::sort(samples.begin(), samples.end());
  return nearest_rank_sorted(samples, percentile);
}

LatencyMetric summarize_latency(std::string_view name, std::vector<std::int64_t> samples) {
  LatencyMetric metric;
  metric.name = std::string(name);
  metric.count = static_cast<std::int64_t>(samples.size());
  if (!samples.empty()) {
    std::vector<std::int64_t> sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    metric.p50 = nearest_rank_sorted(sorted, 50);
    metric.p90 = nearest_rank_sorted(sorted, 90);
    metric.p99 = nearest_rank_sorted(sorted, 99);
    metric.max = sorted.back();
  }
  metric.samples = std::move(samples);
  return metric;
}

std::vector<LatencyMetric> run_latency(const Run& run) {
  std::vector<std::string> order;
  std::vector<std::vector<std::int64_t>> pooled;
  for (const auto& c : run.results) {
    for (const auto& metric : c.latency) {
      auto it = std::find(order.begin(), order.end(), metric.name);
      std::size_t slot = static_cast<std::size_t>(it - order.begin());
      if (it == order.end()) {
        order.push_back(metric.name);
        pooled.emplace_back();
      }
      auto& samples = pooled[slot];
      samples.insert(samples.end(), metric.samples.begin(), metric.samples.end());
    }
  }
  auto rank = [&](const std::string& name) {
    auto it = std::find(std::begin(kLatencyOrder), std::end(kLatencyOrder), name);
    return it - std::begin(kLatencyOrder);
  };
  std::vector<LatencyMetric> metrics;
  for (std::size_t i = 0; i < order.size(); ++i) {
    metrics.push_back(summarize_latency(order[i], std::move(pooled[i])));
  }
  std::stable_sort(metrics.begin(), metrics.end(),
                   [&](const auto& a, const auto& b) { return rank(a.name) < rank(b.name); });
  return metrics;
}

std::string_view latency_label(std::string_view name) {
  if (name == "transit") return "Transit through the SUT";
  if (name == "post_dial_delay") return "Post-dial delay";
  if (name == "setup_time") return "Setup time";
  return name;
}

}  // namespace sipconf::reports
