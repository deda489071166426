#pragma once

#include "scenarios/case_manifest.h"
#include "scenarios/catalogue.h"
#include "scenarios/diagnostic.h"

namespace sipconf::scenarios {

/// Checks what a manifest means beyond its syntax: behaviour IDs are in the
/// catalogue, names refer to endpoints/trunks that exist, the topology fits the SUT
/// kind, the start order has no cycle, referenced files exist, and SIPp scenarios are
/// valid (reported at the SIPp file's own line).
void check_case(const CaseManifest& manifest, const Catalogue& catalogue, Diagnostics& diags);

}  // namespace sipconf::scenarios
