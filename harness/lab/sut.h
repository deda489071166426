#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/lab_clock.h"
#include "harness/lab/network_address.h"
#include "harness/lab/process_launcher.h"
#include "harness/manifest/case_manifest.h"
#include "reports/model/run_model.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// One interface of the SUT as endpoints reach it.
struct SutInterface {
  std::string name;  ///< `internal` or `trunk:<name>`
  NetworkAddress address;
  manifest::Transport transport = manifest::Transport::tcp;
};

/// The SUT's part in one case: where its interfaces are, how to start and stop it.
class SutSession {
 public:
  virtual ~SutSession() = default;
  virtual std::vector<SutInterface> interfaces() const = 0;
  /// An address the SUT dictates for an endpoint: an external SUT sends each trunk's
  /// calls to the peer address it was configured with. nullopt: the harness chooses.
  virtual std::optional<NetworkAddress> pinned_address(
      const manifest::Endpoint& endpoint) const = 0;
  /// The certificate the case's lab CA issued for the SUT, given before start() when a
  /// leg of the case is TLS. The built-in mediation presents it; an external SUT has
  /// its own PKI and ignores it.
  virtual void use_tls(const TlsIdentity& /*identity*/) {}
  /// Starts the SUT once every endpoint has its address (the built-in mediation's
  /// configuration names them); returns when it is ready for traffic. `clock` paces
  /// the waits of start() and of the stop() that follows. A SUT that cannot start fails
  /// (LabErrc, or the launcher's error) with a diagnostic for the file or program to look
  /// at; poll_died() then says whether it ended.
  virtual std::error_code start(const std::map<std::string, NetworkAddress>& endpoints,
                                ProcessLauncher& launcher, LabClock& clock,
                                base::Diagnostics& diags) = 0;
  /// The exit, if the SUT ended while it should be running.
  virtual std::optional<ProcessExit> poll_died() = 0;
  /// Stops the SUT; how its process ended (nullopt when the harness does not run it).
  virtual std::optional<ProcessExit> stop() = 0;
  /// Files it left in the case directory (empty when none).
  virtual std::filesystem::path config_file() const { return {}; }
  virtual std::filesystem::path log_file() const { return {}; }
  virtual std::filesystem::path stderr_file() const { return {}; }
};

/// The system under test: the built-in reference mediation (started per case, on
/// its own loopback address) or an external one the user runs and configures.
class SystemUnderTest {
 public:
  virtual ~SystemUnderTest() = default;
  /// run_info.sut of results.json.
  virtual reports::SutInfo describe() const = 0;
  /// Loopback addresses a case's SUT needs from the harness's pool.
  virtual std::size_t addresses_needed() const = 0;
  /// False when cases must not overlap (an external SUT is one shared box whose trunk
  /// peers live at fixed addresses).
  virtual bool parallel_cases() const = 0;
  /// Places the SUT for a case on `addresses`; `directory` receives its files. A SUT that
  /// cannot serve the case fails (LabErrc) with a diagnostic that says why, at the place
  /// in the manifest or SUT description that asks for what it cannot do.
  virtual sip::Result<std::unique_ptr<SutSession>> open(const manifest::CaseManifest& manifest,
                                                        const std::vector<std::string>& addresses,
                                                        const std::filesystem::path& directory,
                                                        base::Diagnostics& diags) = 0;
};

/// Waits until every interface listens (TCP/TLS: LISTEN; UDP: bound), the process
/// ends, or `timeout` passes on `clock`. Returns the first interface not listening, if any.
std::optional<SutInterface> wait_until_listening(const std::vector<SutInterface>& interfaces,
                                                 RunningProcess* process,
                                                 std::chrono::milliseconds timeout,
                                                 LabClock& clock);

}  // namespace sipconf::harness
