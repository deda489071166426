#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "harness/lab/sut.h"
#include "harness/testing/fake_process_launcher.h"

namespace sipconf::harness::testing {

/// A SUT run as one fake process named `sut`, for the case runner's tests: its
/// interfaces (internal, one per trunk of the case's <sut>) sit on the first leased
/// address, start() waits for them to listen and stop() sends SIGTERM, then SIGKILL
/// after a grace period, as the built-in mediation does; all on the fake clock.
class FakeSut final : public SystemUnderTest {
 public:
  static constexpr const char* kProcessName = "sut";
  static constexpr std::chrono::milliseconds kStartupTimeout{10000};
  static constexpr std::chrono::milliseconds kStopGrace{2000};

  explicit FakeSut(FakeProcessLauncher& processes) : processes_(processes) {}

  reports::SutInfo describe() const override;
  std::size_t addresses_needed() const override { return 1; }
  bool parallel_cases() const override { return true; }
  sip::Result<std::unique_ptr<SutSession>> open(const manifest::CaseManifest& manifest,
                                                const std::vector<std::string>& addresses,
                                                const std::filesystem::path& directory,
                                                base::Diagnostics& diags) override;

 private:
  FakeProcessLauncher& processes_;
};

}  // namespace sipconf::harness::testing
