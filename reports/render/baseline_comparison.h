#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

struct BaselineOptions {
  /// A latency percentile is reported as changed when it moves by more than this
  /// fraction of the baseline value (0.2 = 20%) ...
  double latency_threshold = 0.20;
  /// ... and by at least this much, so that 40 µs -> 60 µs jitter is not news.
  std::int64_t latency_floor_us = 100;
};

/// Parses "20%", "20 %" or "0.2" into a fraction; nullopt when it is neither, negative,
/// or not finite.
std::optional<double> parse_latency_threshold(std::string_view text);

struct StatusChange {
  std::string id;
  std::optional<Status> before;  ///< nullopt: the case is new in this run.
  Status now = Status::kPass;
  std::string message;
};

struct LatencyChange {
  std::string case_id;  ///< Empty for the run-wide figure.
  std::string metric;
  std::string percentile;  ///< "p50" or "p99".
  std::int64_t before = 0;
  std::int64_t now = 0;

  double ratio() const;  ///< now / before - 1; positive means slower.
};

struct BaselineComparison {
  std::string baseline_revision;
  std::string baseline_time;
  std::vector<StatusChange> new_failures;  ///< Fails now; passed or was absent before.
  std::vector<StatusChange> fixed;         ///< Failed before; does not fail now.
  std::vector<StatusChange> still_failing;
  std::vector<std::string> added;      ///< Case ids absent from the baseline.
  std::vector<std::string> removed;    ///< Baseline case ids absent now.
  std::vector<LatencyChange> latency;  ///< Beyond the threshold; slower ones first.
};

BaselineComparison compare_runs(const Run& baseline, const Run& current,
                                const BaselineOptions& options);

/// The comparison section of the page; case ids link to `#case=<id>`.
std::string render_comparison(const BaselineComparison& comparison, const BaselineOptions& options);

}  // namespace sipconf::reports
