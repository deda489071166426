#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/manifest/endpoint.h"

namespace sipconf::harness {

/// Files SIPp writes for one endpoint (all inside the case's artifact directory).
struct SippTraceFiles {
  std::filesystem::path messages;  ///< -trace_msg: every message sent and received
  std::filesystem::path errors;    ///< -trace_err: unexpected messages, aborted calls
  std::filesystem::path stats;     ///< -trace_stat: counters, last line = final values
};

/// Everything needed to run one SIPp endpoint; addresses and ports come from the
/// harness, never from the manifest.
struct SippInvocation {
  std::filesystem::path scenario;
  manifest::EndpointMode mode = manifest::EndpointMode::uac;
  manifest::Transport transport = manifest::Transport::udp;
  std::string local_address;
  std::uint16_t local_port = 0;
  std::uint16_t control_port = 0;
  /// First of the 4 consecutive UDP ports SIPp binds for media (RTP echo, video).
  std::uint16_t media_port = 0;
  /// Where a UAC sends its requests: `address:port`.
  std::string remote;
  int calls = 1;
  double rate = 10.0;
  int max_concurrent = 0;
  std::string service;
  std::vector<manifest::NameValue> keys;
  std::vector<manifest::NameValue> variables;
  std::filesystem::path injection_file;
  /// SIPp's own -timeout, a backstop behind the harness's case timeout.
  std::chrono::milliseconds backstop{60000};
  SippTraceFiles traces;
};

/// SIPp's `-t` value: u1 (UDP, one socket), t1 (TCP, one connection), l1 (TLS).
std::string sipp_transport_mode(manifest::Transport transport);

/// The SIPp command line (without the program name) for an invocation: `-nostdin`, the
/// control and media sockets on the endpoint's own address, `-bind_local` so packets
/// leave from that address too, traces into the artifact directory, and the backstop
/// timeout with `-timeout_error` so a hang ends as a failure, not silence.
std::vector<std::string> sipp_arguments(const SippInvocation& invocation);

}  // namespace sipconf::harness
