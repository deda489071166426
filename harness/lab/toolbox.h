#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "harness/judge/sipp_outcome.h"
#include "harness/lab/process_launcher.h"

namespace sipconf::harness {

/// The external tools a run uses, looked up once per run.
struct Toolbox {
  std::optional<std::filesystem::path> sipp;
  std::optional<SippVersion> sipp_version;
  /// The endpoint simulator (simulators/sipsim) built with sipconf.
  std::optional<std::filesystem::path> sipsim;

  /// The one line a case gets when a driver is missing.
  static constexpr const char* kSippMissing = "sipp not found: apt-get install sip-tester";
  static constexpr const char* kSipsimMissing =
      "sipsim not found: build it (cmake --build <build-dir> --target sipsim) or pass --sipsim";
};

/// Finds SIPp on PATH and asks it for its version (`sipp -v`, which exits 99). The
/// banner goes through a file in `scratch_dir`, which must exist.
Toolbox find_tools(ProcessLauncher& launcher, const std::filesystem::path& scratch_dir);

/// Finds a binary built with sipconf: beside it (an install) or in the build tree's
/// `<folder>/` next to harness/ (a build), e.g. ("mediation", "mediation").
std::optional<std::filesystem::path> find_built_program(const std::filesystem::path& sipconf,
                                                        const std::string& folder,
                                                        const std::string& name);

}  // namespace sipconf::harness
