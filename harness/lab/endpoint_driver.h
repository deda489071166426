#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/judge/judge.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/network_address.h"
#include "harness/lab/process_launcher.h"
#include "harness/lab/toolbox.h"
#include "harness/manifest/case_manifest.h"

namespace sipconf::harness {

/// One endpoint of a case placed on its address, with the files its driver writes and
/// its process once started.
struct PlacedEndpoint {
  const manifest::Endpoint* spec = nullptr;
  NetworkAddress sip;
  std::uint16_t control_port = 0;
  std::uint16_t media_port = 0;
  /// `<case dir>/<endpoint name>`: every file of the endpoint starts with it.
  std::filesystem::path base;
  std::unique_ptr<RunningProcess> process;
  EndpointRun run;
  bool exit_read = false;

  std::filesystem::path stdout_path() const { return suffixed(".stdout"); }
  std::filesystem::path stderr_path() const { return suffixed(".stderr"); }
  /// SIPp: message trace, unexpected messages, statistics. sipsim: JSON message log
  /// and run summary.
  std::vector<std::filesystem::path> trace_files() const;
  std::filesystem::path suffixed(const char* suffix) const;
};

/// What the driver needs beyond the endpoint itself.
struct DriverSetup {
  /// Where a UAC sends its calls (the SUT interface, or the endpoint it calls).
  std::optional<NetworkAddress> remote;
  /// The driver's own timeout: a backstop behind the case timeout.
  std::chrono::milliseconds backstop{60000};
  std::filesystem::path case_directory;
  /// A TLS endpoint's certificate from the case's lab CA.
  std::optional<TlsIdentity> tls;
  /// The name a TLS UAC expects in the certificate of the party it calls.
  std::string tls_server_name;
};

/// The process to start for an endpoint: SIPp with its scenario, or sipsim with its
/// profile and behaviour overrides, on the harness-chosen address and ports.
ProcessSpec driver_process(const PlacedEndpoint& endpoint, const manifest::CaseManifest& manifest,
                           const Toolbox& tools, const DriverSetup& setup);

/// A failure of the environment or the case files rather than of the product.
struct EnvironmentProblem {
  std::string message;
  /// A port was taken between probe and bind: worth one more attempt.
  bool port_clash = false;
};

/// Reads how an ended endpoint process ended (its exit, its driver's own account of
/// the calls) into `endpoint.run`, once. Returns the problem when the exit says the
/// environment broke (SIPp: port in use, scenario not loadable, fatal error; sipsim:
/// bad options or a failed start).
std::optional<EnvironmentProblem> read_endpoint_exit(PlacedEndpoint& endpoint);

}  // namespace sipconf::harness
