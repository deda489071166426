#include "harness/lab/builtin_mediation.h"

#include <fmt/format.h>

#include <utility>

#include "harness/lab/lab_error.h"
#include "harness/lab/loopback_pool.h"
#include "harness/lab/mediation_config.h"
#include "harness/lab/toolbox.h"

namespace sipconf::harness {
namespace {

constexpr std::chrono::milliseconds kStartupTimeout{10000};
constexpr std::chrono::milliseconds kStopGrace{2000};
/// What diagnostics about the mediation's process name, as a person would look for it.
constexpr const char* kProgramName = "mediation";

class MediationSession final : public SutSession {
 public:
  MediationSession(std::filesystem::path program, manifest::MediationConfig config,
                   MediationPlacement placement, std::vector<SutInterface> interfaces,
                   std::filesystem::path directory)
      : program_(std::move(program)),
        config_(std::move(config)),
        placement_(std::move(placement)),
        interfaces_(std::move(interfaces)),
        directory_(std::move(directory)) {}

  std::vector<SutInterface> interfaces() const override { return interfaces_; }

  std::optional<NetworkAddress> pinned_address(const manifest::Endpoint&) const override {
    return std::nullopt;
  }

  void use_tls(const TlsIdentity& identity) override { placement_.tls = identity; }

  std::error_code start(const std::map<std::string, NetworkAddress>& endpoints,
                        ProcessLauncher& launcher, LabClock& clock,
                        base::Diagnostics& diags) override {
    clock_ = &clock;
    placement_.endpoints = endpoints;
    if (std::error_code ec = write_mediation_config(config_, placement_, config_file())) {
      base::report(diags, {config_file()}, fmt::format("cannot write: {}", ec.message()));
      return ec;
    }
    ProcessSpec spec{"mediation",
                     program_,
                     {"--config", config_file().string()},
                     directory_,
                     directory_ / "mediation.stdout",
                     stderr_file()};
    std::error_code ec;
    process_ = launcher.launch(spec, ec);
    if (!process_) {
      base::report(diags, {program_}, fmt::format("cannot start: {}", ec.message()));
      return ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory);
    }
    const std::optional<SutInterface> waiting =
        wait_until_listening(interfaces_, process_.get(), kStartupTimeout, clock);
    if (!waiting) return {};
    if (std::optional<ProcessExit> exit = process_->poll()) {
      base::report(diags, {kProgramName},
                   fmt::format("ended during start-up: {} (see {})", exit->describe(),
                               stderr_file().filename().string()));
      died_ = exit;
      return LabErrc::kSutEndedDuringStartUp;
    }
    base::report(diags, {kProgramName},
                 fmt::format("did not listen on {} ({} {}) within {} s (see {})",
                             waiting->address.to_string(), waiting->name,
                             manifest::to_string(waiting->transport),
                             kStartupTimeout.count() / 1000, log_file().filename().string()));
    return LabErrc::kSutNotListening;
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
    return terminate_group(*process_, kStopGrace, *clock_);
  }

  std::filesystem::path config_file() const override { return directory_ / "mediation.xml"; }
  std::filesystem::path log_file() const override { return directory_ / "mediation.log"; }
  std::filesystem::path stderr_file() const override { return directory_ / "mediation.stderr"; }

 private:
  std::filesystem::path program_;
  manifest::MediationConfig config_;
  MediationPlacement placement_;
  std::vector<SutInterface> interfaces_;
  std::filesystem::path directory_;
  std::unique_ptr<RunningProcess> process_;
  /// The clock start() was given; stop() waits out the grace period on it.
  LabClock* clock_ = nullptr;
  std::optional<ProcessExit> died_;
};

}  // namespace

BuiltinMediation::BuiltinMediation(std::optional<std::filesystem::path> program)
    : program_(std::move(program)) {}

reports::SutInfo BuiltinMediation::describe() const {
  return reports::SutInfo{"builtin", "sipconf mediation", SIPCONF_VERSION, "",
                          "reference Mediation Server"};
}

sip::Result<std::unique_ptr<SutSession>> BuiltinMediation::open(
    const manifest::CaseManifest& manifest, const std::vector<std::string>& addresses,
    const std::filesystem::path& directory, base::Diagnostics& diags) {
  if (!program_) {
    base::report(diags, {kProgramName},
                 "not found: build it (cmake --build <build-dir> --target mediation) or pass "
                 "--sut HOST:PORT with --sut-description FILE");
    return make_error_code(LabErrc::kSutNotFound);
  }
  if (addresses.empty()) {
    base::report(diags, {kProgramName}, "no loopback address");
    return make_error_code(LabErrc::kNoSutAddress);
  }
  const manifest::MediationConfig& config = manifest.sut.mediation;
  if (std::error_code ec = check_builtin_mediation_config(config, diags)) return ec;
  const std::vector<PortNeed> needs(config.trunks.size() + 1, {PortProtocol::udp_and_tcp, 1});
  std::vector<std::uint16_t> ports;
  if (std::error_code ec = find_free_ports(addresses[0], needs, ports)) {
    base::report(diags, {kProgramName},
                 fmt::format("no free ports on {}: {}", addresses[0], ec.message()));
    return ec;
  }
  MediationPlacement placement;
  placement.address = addresses[0];
  placement.internal_port = ports[0];
  std::vector<SutInterface> interfaces;
  interfaces.push_back({"internal", {addresses[0], ports[0]}, config.internal.transport});
  for (std::size_t i = 0; i < config.trunks.size(); ++i) {
    const manifest::Trunk& trunk = config.trunks[i];
    placement.trunk_ports[trunk.name] = ports[i + 1];
    interfaces.push_back({"trunk:" + trunk.name, {addresses[0], ports[i + 1]}, trunk.transport});
  }
  placement.log_file = directory / "mediation.log";
  return std::unique_ptr<SutSession>(std::make_unique<MediationSession>(
      *program_, config, std::move(placement), std::move(interfaces), directory));
}

std::optional<std::filesystem::path> find_mediation_beside(
    const std::filesystem::path& sipconf_executable) {
  return find_built_program(sipconf_executable, "mediation", "mediation");
}

}  // namespace sipconf::harness
