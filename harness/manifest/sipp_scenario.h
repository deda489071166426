#pragma once

#include <filesystem>
#include <optional>

#include "base/diagnostic.h"
#include "harness/manifest/endpoint.h"

namespace sipconf::manifest {

/// What a valid SIPp scenario file tells the harness before SIPp runs.
struct SippScenarioFacts {
  /// The role implied by the first message command: `<recv>` first is a UAS.
  std::optional<EndpointMode> implied_mode;
  /// Number of message commands (send/recv/pause/nop/sendCmd/recvCmd).
  int commands = 0;
};

/// Checks a SIPp scenario file the way SIPp would read it: the XML declaration first,
/// well-formed XML, root `<scenario>`, only elements SIPp knows at the top level. Problems are
/// reported at the scenario file's own `path:line`, because that is the file to edit.
std::optional<SippScenarioFacts> check_sipp_scenario(const std::filesystem::path& path,
                                                     base::Diagnostics& diags);

}  // namespace sipconf::manifest
