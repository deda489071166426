#include "harness/testing/fake_sut.h"

#include <fmt/format.h>

#include <utility>

#include "harness/lab/lab_error.h"

namespace sipconf::harness::testing {
namespace {

/// What diagnostics about the fake SUT's process name.
constexpr const char* kProgramName = "fake-sut";

class FakeSutSession final : public SutSession {
 public:
  FakeSutSession(FakeProcessLauncher& processes, std::vector<SutInterface> interfaces)
      : processes_(processes), interfaces_(std::move(interfaces)) {}

  std::vector<SutInterface> interfaces() const override { return interfaces_; }

  std::optional<NetworkAddress> pinned_address(const manifest::Endpoint&) const override {
    return std::nullopt;
  }

  std::error_code start(const std::map<std::string, NetworkAddress>&, ProcessLauncher& launcher,
                        LabClock& clock, base::Diagnostics& diags) override {
    clock_ = &clock;
    ProcessSpec spec{FakeSut::kProcessName, "fake-sut", {}, {}, {}, {}};
    for (const SutInterface& interface : interfaces_) {
      spec.args.push_back("--listen");
      spec.args.push_back(interface.address.to_string() + "/" +
                          std::string(manifest::to_string(interface.transport)));
    }
    std::error_code ec;
    process_ = launcher.launch(spec, ec);
    if (!process_) {
      base::report(diags, {kProgramName}, fmt::format("cannot start: {}", ec.message()));
      return ec;
    }
    const sip::SteadyTime deadline = clock.now() + FakeSut::kStartupTimeout;
    while (!every_interface_listens()) {
      if (std::optional<ProcessExit> exit = process_->poll()) {
        died_ = exit;
        base::report(diags, {kProgramName},
                     fmt::format("ended during start-up: {}", exit->describe()));
        return LabErrc::kSutEndedDuringStartUp;
      }
      if (clock.now() >= deadline) {
        base::report(diags, {kProgramName}, "did not listen");
        return LabErrc::kSutNotListening;
      }
      clock.pause(std::chrono::milliseconds(5));
    }
    return {};
  }

  std::optional<ProcessExit> poll_died() override {
    if (!died_ && process_) died_ = process_->poll();
    return died_;
  }

  std::optional<ProcessExit> stop() override {
    if (!process_) return std::nullopt;
    if (std::optional<ProcessExit> exit = poll_died()) {
      process_->kill_group();
      return exit;
    }
    return terminate_group(*process_, FakeSut::kStopGrace, *clock_);
  }

 private:
  bool every_interface_listens() const {
    for (const SutInterface& interface : interfaces_) {
      if (!processes_.listening(interface.address)) return false;
    }
    return true;
  }

  FakeProcessLauncher& processes_;
  std::vector<SutInterface> interfaces_;
  LabClock* clock_ = nullptr;
  std::unique_ptr<RunningProcess> process_;
  std::optional<ProcessExit> died_;
};

}  // namespace

reports::SutInfo FakeSut::describe() const {
  return reports::SutInfo{"builtin", "fake sut", "1", "", "a fake process on a fake clock"};
}

sip::Result<std::unique_ptr<SutSession>> FakeSut::open(const manifest::CaseManifest& manifest,
                                                       const std::vector<std::string>& addresses,
                                                       const std::filesystem::path&,
                                                       base::Diagnostics& diags) {
  if (addresses.empty()) {
    base::report(diags, {kProgramName}, "no loopback address");
    return make_error_code(LabErrc::kNoSutAddress);
  }
  const manifest::MediationConfig& config = manifest.sut.mediation;
  std::vector<SutInterface> interfaces;
  std::uint16_t port = 5060;
  interfaces.push_back({"internal", {addresses[0], port++}, config.internal.transport});
  for (const manifest::Trunk& trunk : config.trunks) {
    interfaces.push_back({"trunk:" + trunk.name, {addresses[0], port++}, trunk.transport});
  }
  return std::unique_ptr<SutSession>(
      std::make_unique<FakeSutSession>(processes_, std::move(interfaces)));
}

}  // namespace sipconf::harness::testing
