#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// The results.json schema versions this reader understands.
inline constexpr int kSchemaVersion = 1;

/// Decodes and validates a parsed results.json. On failure `out` is unspecified and
/// `diagnostic` names the offending key and what is wrong with it, e.g.
/// `results[3].status: unknown status "PASSED" (expected one of PASS FAIL ...)`.
/// Unknown keys are ignored, as the contract requires of readers.
std::error_code parse_run(const nlohmann::json& document, Run& out, std::string& diagnostic);

/// Reads, parses and validates a results.json file. `diagnostic` is prefixed with the
/// file name (`results.json:12:5: ...` for JSON syntax errors, `results.json: ...` for
/// schema errors) so it can be printed as is.
std::error_code load_run(const std::filesystem::path& file, Run& out, std::string& diagnostic);

/// Reads a whole file as text; used for results.json and by tests.
std::error_code read_text_file(const std::filesystem::path& file, std::string& text);

}  // namespace sipconf::reports
