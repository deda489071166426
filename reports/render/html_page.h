#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"
#include "reports/render/baseline_comparison.h"

namespace sipconf::reports {

struct HtmlOptions {
  /// Directory holding results.json: artifact paths in it are relative to this.
  std::filesystem::path results_dir = ".";
  /// Directory the report is written to: artifact links are rebased onto it.
  std::filesystem::path output_dir = ".";
  /// An earlier run to compare with (`--baseline`); not owned, may be null.
  const Run* baseline = nullptr;
  BaselineOptions baseline_options;
};

/// Writes the self-contained HTML report of `run`: inline CSS, SVG and script, no
/// network fetches, usable from file://. Per-case details and messages are embedded as
/// one JSON block per case and rendered when the case is opened. Deep links:
/// `#case=<id>`, `#case=<id>&msg=<index>`, and filters `#status=FAIL,TIMEOUT`,
/// `#peer=<kind>`, `#behaviour=<id>`, `#q=<text>`.
std::error_code render_html(const Run& run, const HtmlOptions& options, std::ostream& out);

/// Validates `results` (see parse_run) and renders it; on a schema problem nothing is
/// written and `diagnostic` says what is wrong.
std::error_code render_html(const nlohmann::json& results, const HtmlOptions& options,
                            std::ostream& out, std::string& diagnostic);

}  // namespace sipconf::reports
