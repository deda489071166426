#pragma once

#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "harness/manifest/case_set.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// One case run of the plan (a case appears `repeat` times).
struct PlannedCase {
  const manifest::LoadedCase* loaded = nullptr;
  int repetition = 1;
};

/// Which cases to run: `--filter REGEX` (searched in the case id), `--behaviour ID`
/// (repeatable; `RT` also selects RT-01..., `RFC3261` selects RFC3261-17.1.1) and
/// `--repeat N`.
struct PlanOptions {
  std::string filter;
  std::vector<std::string> behaviours;
  int repeat = 1;
};

/// True when behaviour `id` is selected by `wanted`: equal, or `wanted` followed by
/// `-` or `.` starts `id`.
bool behaviour_selected(const std::string& id, const std::string& wanted);

/// The ordered list of case runs: every selected case once, then again for each
/// further repetition. A filter that is not a valid regex, or a repeat below 1, fails
/// (LabErrc::kBadRunOption) with a diagnostic for the option.
sip::Result<std::vector<PlannedCase>> plan_run(const manifest::CaseSet& cases,
                                               const PlanOptions& options,
                                               base::Diagnostics& diags);

}  // namespace sipconf::harness
