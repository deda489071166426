#pragma once

#include "base/diagnostic.h"
#include "harness/manifest/case_manifest.h"
#include "harness/manifest/catalogue.h"

namespace sipconf::manifest {

/// Checks what a manifest means beyond its syntax: behaviour IDs are in the
/// catalogue, names refer to endpoints/trunks that exist, the topology fits the SUT
/// kind, the start order has no cycle, referenced files exist, and SIPp scenarios are
/// valid (reported at the SIPp file's own line).
void check_case(const CaseManifest& manifest, const Catalogue& catalogue, base::Diagnostics& diags);

}  // namespace sipconf::manifest
