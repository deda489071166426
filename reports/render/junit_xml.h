#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"

namespace sipconf::reports {

struct JunitOptions {
  /// Directory holding results.json: artifact paths in it are relative to this.
  std::filesystem::path results_dir = ".";
  /// Directory the XML is written to: attachment paths are rebased onto it, which is
  /// what Jenkins' and GitLab's `[[ATTACHMENT|path]]` readers expect.
  std::filesystem::path output_dir = ".";
  /// The HTML report written next to it, if any (relative to output_dir); each case's
  /// output then carries a deep link `report.html#case=<id>`.
  std::string html_report;
};

/// Writes JUnit XML: one testsuite per suite (the case id up to its first '/'), one
/// testcase per case. PASS and XFAIL pass; SKIP is <skipped>; FAIL, XPASS and TIMEOUT
/// are <failure> (the product misbehaved); CRASH and ERROR are <error> (the SUT died,
/// or the harness or environment broke). Failing expectations are listed with their
/// expected and actual values; <system-out> names the artifacts.
std::error_code render_junit(const Run& run, const JunitOptions& options, std::ostream& out);

/// Validates `results` (see parse_run) and renders it; on a schema problem nothing is
/// written and `diagnostic` says what is wrong.
std::error_code render_junit(const nlohmann::json& results, const JunitOptions& options,
                             std::ostream& out, std::string& diagnostic);

/// Escapes text for XML 1.0 content (attribute = false) or a double-quoted attribute.
/// Characters XML 1.0 cannot carry (most C0 controls) become U+FFFD.
std::string xml_text(std::string_view text, bool attribute = false);

}  // namespace sipconf::reports
