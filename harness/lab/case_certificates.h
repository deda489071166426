#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/network_address.h"
#include "harness/manifest/case_manifest.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// The certificates of one case's TLS parties, all from one lab CA of the case.
struct CaseCertificates {
  /// The SUT's, when the case has one (its DNS name is `mediation.sipconf.test`).
  std::optional<TlsIdentity> sut;
  /// Every endpoint whose transport is TLS, by name.
  std::map<std::string, TlsIdentity> endpoints;
};

/// Whether any leg of the case is TLS: an endpoint's transport, the SUT's internal
/// interface or one of its trunks.
bool case_uses_tls(const manifest::CaseManifest& manifest);

/// Issues the case's certificates into `directory` (the CA's `ca.pem` and one
/// `<party>.pem`/`.key` each), naming every party's address in its certificate. Fails as
/// LabCertificateAuthority does when they cannot be made or written.
sip::Result<CaseCertificates> issue_case_certificates(
    const manifest::CaseManifest& manifest, const std::vector<std::string>& sut_addresses,
    const std::map<std::string, NetworkAddress>& endpoints, const std::filesystem::path& directory,
    base::Diagnostics& diags);

/// The DNS name a TLS UAC must find in the certificate of the party it calls: the
/// SUT's, or without a SUT the endpoint it calls.
std::string tls_server_name(const manifest::Endpoint& caller, bool with_sut);

}  // namespace sipconf::harness
