#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>

#include "base/diagnostic.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/network_address.h"
#include "harness/manifest/sut_config.h"
#include "mediation/config/config.h"

namespace sipconf::harness {

/// Where the harness placed the built-in mediation and its peers for one case.
struct MediationPlacement {
  std::string address;
  std::uint16_t internal_port = 0;
  std::map<std::string, std::uint16_t> trunk_ports;  ///< by trunk name
  std::map<std::string, NetworkAddress> endpoints;   ///< by endpoint name
  /// Where the mediation writes its log.
  std::filesystem::path log_file;
  /// Its certificate from the case's lab CA; set whenever an interface is TLS.
  std::optional<TlsIdentity> tls;
};

/// Whether the built-in mediation can be configured for a case: a few manifest settings
/// have no counterpart in its configuration file. Each one found is a diagnostic at its
/// place in the manifest, and the outcome LabErrc::kSutCannotServeCase.
std::error_code check_builtin_mediation_config(const manifest::MediationConfig& config,
                                               base::Diagnostics& diags);

/// The built-in mediation's configuration for a case: the internal interface toward the
/// Front End endpoint, one trunk per case trunk with every Lync trunk parameter, the voice
/// policy's PSTN usages in order with their routes, and the log file.
///
/// The internal interface needs a Front End address even when no endpoint plays it;
/// it then points at the mediation's own address on port 9 (discard), where nothing
/// answers.
///
/// With TLS (placement.tls) it carries the TLS files, and every TLS peer is named by its
/// lab certificate's DNS name (`peer_fqdn` of the Front End, the peer host of a TLS trunk
/// with its IP pinned), so the mediation checks the peer's identity as Lync does (SEC-01,
/// SEC-02), not just its CA.
mediation::MediationConfig builtin_mediation_config(const manifest::MediationConfig& config,
                                                    const MediationPlacement& placement);

/// That configuration as its file, written by the mediation's own writer
/// (mediation/config/config_writer.h).
std::string render_mediation_config(const manifest::MediationConfig& config,
                                    const MediationPlacement& placement);

std::error_code write_mediation_config(const manifest::MediationConfig& config,
                                       const MediationPlacement& placement,
                                       const std::filesystem::path& file);

}  // namespace sipconf::harness
