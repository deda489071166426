#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/judge/call_counts.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/network_address.h"
#include "harness/lab/process_launcher.h"
#include "harness/manifest/endpoint.h"

namespace sipconf::harness {

/// Everything needed to run one sipsim endpoint (simulators/sipsim).
struct SipsimInvocation {
  std::string profile;
  manifest::EndpointMode mode = manifest::EndpointMode::uas;
  manifest::Transport transport = manifest::Transport::udp;
  NetworkAddress listen;
  /// Where a UAC sends its calls.
  std::optional<NetworkAddress> remote;
  /// Profile behaviour overrides, applied in order after `calls`, `rate`, `max_concurrent`.
  std::vector<manifest::NameValue> behaviours;
  int calls = 1;
  double rate = 10.0;
  int max_concurrent = 0;
  /// sipsim's own --duration, a backstop behind the harness's case timeout.
  std::chrono::milliseconds backstop{60000};
  std::filesystem::path message_log;
  std::filesystem::path summary;
  /// TLS transport: the certificate it presents and the CA it trusts (MTLS both ways).
  std::optional<TlsIdentity> tls;
  /// TLS UAC: the name the peer's certificate must carry (empty: the chain alone).
  std::string tls_server_name;
};

/// The sipsim command line (without the program name). The traffic shape of the
/// manifest (`calls`, `rate`, `max-concurrent`) becomes behaviours that precede the
/// case's own overrides, so an explicit override wins.
std::vector<std::string> sipsim_arguments(const SipsimInvocation& invocation);

/// Reads sipsim's --summary JSON: calls that went as the behaviours intended, and
/// those that failed or were unfinished. nullopt when the file is missing or malformed.
std::optional<CallCounts> read_sipsim_summary(const std::filesystem::path& file);

/// How a sipsim run ended (exit 0 as intended, 1 calls failed, 2 bad input, 3 cannot
/// start). Bad input and a failed start are the environment's or the case's problem.
struct SipsimOutcome {
  bool environment_problem = false;
  /// A listener could not be bound because its port is in use.
  bool port_in_use = false;
  /// `exit 1 (calls did not go as intended)`.
  std::string description;
  /// sipsim's first stderr line for a failure.
  std::string detail;
};

SipsimOutcome interpret_sipsim_exit(const ProcessExit& exit, std::string_view stderr_text);

}  // namespace sipconf::harness
