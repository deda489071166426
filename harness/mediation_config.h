#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>

#include "harness/network_address.h"
#include "scenarios/sut_config.h"

namespace sipconf::harness {

/// Where the harness placed the built-in mediation and its peers for one case.
struct MediationPlacement {
  std::string address;
  std::uint16_t internal_port = 0;
  std::map<std::string, std::uint16_t> trunk_ports;  ///< by trunk name
  std::uint16_t media_port_start = 0;
  int media_port_count = 0;
  std::map<std::string, NetworkAddress> endpoints;  ///< by endpoint name
};

/// The built-in mediation's configuration (`mediation --config FILE`) for a case:
/// the case's interfaces, trunks with every Lync trunk parameter, voice policy and
/// routes, with the addresses the harness chose. The element and attribute names are
/// those of the case manifest's <sut>, so one vocabulary serves both files:
///
///   <mediation media-bypass="false">
///     <internal address="127.0.0.12" port="21000" transport="tcp">
///       <peer name="fe" address="127.0.0.13" port="21010"/></internal>
///     <media address="127.0.0.12" port-start="22000" port-count="64"/>
///     <trunk name="gw1" address="127.0.0.12" port="21002" transport="udp"
///            peer-name="gw1" peer-address="127.0.0.14" peer-port="21020" srtp-mode="..."
///            enable-bypass="false" ... (every parameter, defaults written out)>
///       <outbound-translation pattern="..." translation="..."/> ...
///       <options-health interval-ms="30000" miss-threshold="5" reprobe-ms="60000"/>
///     </trunk>
///     <voice-policy><usage name="Local"/></voice-policy>
///     <route name="us" usage="Local" pattern="..."><trunk ref="gw1"/></route>
///   </mediation>
std::string render_mediation_config(const scenarios::MediationConfig& config,
                                    const MediationPlacement& placement);

std::error_code write_mediation_config(const scenarios::MediationConfig& config,
                                       const MediationPlacement& placement,
                                       const std::filesystem::path& file);

}  // namespace sipconf::harness
