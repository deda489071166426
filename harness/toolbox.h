#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "harness/process_launcher.h"
#include "harness/sipp_outcome.h"

namespace sipconf::harness {

/// The external tools a run uses, looked up once per run.
struct Toolbox {
  std::optional<std::filesystem::path> sipp;
  std::optional<SippVersion> sipp_version;

  /// The one line a case gets when SIPp is missing.
  static constexpr const char* kSippMissing = "sipp not found: apt-get install sip-tester";
};

/// Finds SIPp on PATH and asks it for its version (`sipp -v`, which exits 99). The
/// banner goes through a file in `scratch_dir`, which must exist.
Toolbox find_tools(ProcessLauncher& launcher, const std::filesystem::path& scratch_dir);

}  // namespace sipconf::harness
