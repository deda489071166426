#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace sipconf::manifest {

/// The kind of peer an endpoint plays; the report's conformance matrix has one
/// column per kind.
enum class PeerRole { lync, ip_pbx, pstn_gateway, itsp };
/// What drives an endpoint: SIPp with a scenario file, or the sipsim simulator.
enum class Driver { sipp, sipsim };
/// Whether the endpoint waits for calls (started first) or places them.
enum class EndpointMode { uas, uac };
enum class Transport { udp, tcp, tls };

std::string_view to_string(PeerRole role);
std::string_view to_string(Driver driver);
std::string_view to_string(EndpointMode mode);
std::string_view to_string(Transport transport);
std::optional<PeerRole> peer_role_from(std::string_view text);
std::optional<Driver> driver_from(std::string_view text);
std::optional<EndpointMode> endpoint_mode_from(std::string_view text);
std::optional<Transport> transport_from(std::string_view text);

struct NameValue {
  std::string name;
  std::string value;
};

/// One simulated party of a case.
struct Endpoint {
  std::string name;
  PeerRole role = PeerRole::lync;
  Driver driver = Driver::sipp;
  EndpointMode mode = EndpointMode::uac;
  Transport transport = Transport::udp;
  /// sipp: the scenario file, relative to the case directory.
  std::filesystem::path scenario;
  /// sipsim: the profile (`lync`, `ip-pbx`, ...) and behaviour overrides on top of it.
  std::string profile;
  std::vector<NameValue> behaviours;
  /// With a SUT: the SUT interface it talks to, `internal` or `trunk:<name>`.
  std::string interface;
  /// Without a SUT: the endpoint it sends its requests to.
  std::string remote;
  /// Endpoints that must be listening before this one starts (UAS endpoints are
  /// always started before UAC endpoints; this orders within a group).
  std::vector<std::string> after;
  /// Traffic shape: number of calls, calls per second, simultaneous call limit (0: none).
  int calls = 1;
  double rate = 10.0;
  int max_concurrent = 0;
  /// SIPp `-s` (the Request-URI user part, `[service]` in scenarios).
  std::string service;
  /// SIPp `-key NAME VALUE` (keywords `[NAME]`) and `-set NAME VALUE` (variables).
  std::vector<NameValue> keys;
  std::vector<NameValue> variables;
  /// SIPp `-inf` CSV file, relative to the case directory.
  std::filesystem::path injection_file;
  base::SourceLocation where;
};

}  // namespace sipconf::manifest
