#pragma once

#include <string>
#include <system_error>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// Checks the rules of the contract that the types alone do not hold, for a run built in
/// memory and handed to the renderers without a trip through results.json: case ids are
/// present and unique, `expected` is PASS or FAIL, names are present, message kinds are
/// request or response and message indices point into the case's messages. The loader
/// checks the same rules as it decodes (run_loader.h), with the same diagnostics, e.g.
/// `results[1].id: duplicate case id "a/b" (first at results[0])`.
std::error_code validate_run(const Run& run, std::string& diagnostic);

}  // namespace sipconf::reports
