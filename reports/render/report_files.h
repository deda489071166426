#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"
#include "reports/render/baseline_comparison.h"

namespace sipconf::reports {

/// What `sipconf report` and `sipconf run --html/--junit` write.
struct ReportFiles {
  /// Directory of the results.json the run came from (artifact paths are relative to it).
  std::filesystem::path results_dir = ".";
  std::filesystem::path html;   ///< Empty: no HTML report.
  std::filesystem::path junit;  ///< Empty: no JUnit XML.
  const Run* baseline = nullptr;
  BaselineOptions baseline_options;
};

/// Renders and writes the requested files. Each file is written to a temporary name
/// beside it and renamed into place, so a reader never sees half a report. On failure
/// `diagnostic` says which file and why (`report.html: cannot write: ...`).
std::error_code write_reports(const Run& run, const ReportFiles& files, std::string& diagnostic);

/// The same from a results.json document: validated first (see parse_run), nothing
/// written when it is invalid.
std::error_code write_reports(const nlohmann::json& results, const ReportFiles& files,
                              std::string& diagnostic);

}  // namespace sipconf::reports
