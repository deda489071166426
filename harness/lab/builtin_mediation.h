#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include "harness/lab/sut.h"

namespace sipconf::harness {

/// The reference Mediation Server as the SUT: one `mediation --config FILE` process
/// per case on its own loopback address, configured from the case's <sut>.
class BuiltinMediation final : public SystemUnderTest {
 public:
  /// `program` is the mediation binary; nullopt when it was not found, in which
  /// case every case that needs it is an ERROR saying how to build it.
  explicit BuiltinMediation(std::optional<std::filesystem::path> program);

  reports::SutInfo describe() const override;
  std::size_t addresses_needed() const override { return 1; }
  bool parallel_cases() const override { return true; }
  sip::Result<std::unique_ptr<SutSession>> open(const manifest::CaseManifest& manifest,
                                                const std::vector<std::string>& addresses,
                                                const std::filesystem::path& directory,
                                                base::Diagnostics& diags) override;

 private:
  std::optional<std::filesystem::path> program_;
};

/// Finds the mediation binary for a sipconf executable: beside it (an install), or in
/// the build tree's mediation/ folder next to harness/ (a build).
std::optional<std::filesystem::path> find_mediation_beside(
    const std::filesystem::path& sipconf_executable);

}  // namespace sipconf::harness
