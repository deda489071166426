#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// results.json, schema version 1 (harness/results-json.md): the file form of `run`.
/// Optional keys are written only when set (duration_ms, jobs, telephone_events,
/// message_index, the SUT's and endpoints' empty strings are left out), `repetition`
/// only from 2 on; `totals` is counted from the cases.
nlohmann::json to_json(const Run& run);

/// Writes results.json through a temporary file renamed into place, so a reader (or
/// a run interrupted mid-write) never sees half a file. On failure `diagnostic` says
/// `file: cannot write: reason`.
std::error_code write_results_json(const Run& run, const std::filesystem::path& file,
                                   std::string& diagnostic);

}  // namespace sipconf::reports
