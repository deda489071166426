#pragma once

#include <system_error>

namespace sipconf::reports {

/// Why a report could not be produced. The accompanying diagnostic string says where
/// (`file: field: what is wrong`); the code lets callers pick an exit status.
enum class ReportErrc {
  kUnreadableFile = 1,  ///< results.json (or the baseline) cannot be opened or read.
  kBadJson,             ///< Not JSON at all; the diagnostic carries line and column.
  kUnsupportedSchema,   ///< schema_version missing or not one this reader understands.
  kInvalidField,        ///< A key has the wrong type or an impossible value.
  kWriteFailed,         ///< The report file could not be written.
};

const std::error_category& report_category();

std::error_code make_error_code(ReportErrc code);

}  // namespace sipconf::reports

template <>
struct std::is_error_code_enum<sipconf::reports::ReportErrc> : std::true_type {};
