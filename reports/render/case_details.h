#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "reports/model/run_model.h"
#include "reports/render/artifact_paths.h"

namespace sipconf::reports {

/// The opened view of one case: outcome, every expectation (failures first, with
/// expected/actual and the offending message highlighted), the ladder, findings,
/// latency, media, endpoints and artifact links.
std::string render_case_details(const CaseResult& result, const PathRebase& rebase);

/// What the page loads when a case is opened: `{"details": html, "messages": [html...]}`,
/// so a 1,000-case report does not build every ladder and message up front.
nlohmann::json case_payload(const CaseResult& result, const PathRebase& rebase);

/// A status badge, e.g. `<span class="badge fail">FAIL</span>`.
std::string status_badge(Status status);

}  // namespace sipconf::reports
