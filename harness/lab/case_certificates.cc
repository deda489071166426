#include "harness/lab/case_certificates.h"

#include <algorithm>
#include <utility>

namespace sipconf::harness {
namespace {

constexpr const char* kSutParty = "mediation";

}  // namespace

bool case_uses_tls(const manifest::CaseManifest& manifest) {
  using manifest::Transport;
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (endpoint.transport == Transport::tls) return true;
  }
  if (manifest.sut.kind == manifest::SutKind::none) return false;
  const manifest::MediationConfig& config = manifest.sut.mediation;
  return config.internal.transport == Transport::tls ||
         std::any_of(config.trunks.begin(), config.trunks.end(),
                     [](const manifest::Trunk& t) { return t.transport == Transport::tls; });
}

sip::Result<CaseCertificates> issue_case_certificates(
    const manifest::CaseManifest& manifest, const std::vector<std::string>& sut_addresses,
    const std::map<std::string, NetworkAddress>& endpoints, const std::filesystem::path& directory,
    base::Diagnostics& diags) {
  sip::Result<LabCertificateAuthority> ca = LabCertificateAuthority::create(directory, diags);
  if (!ca) return ca.error();
  CaseCertificates certificates;
  if (manifest.sut.kind != manifest::SutKind::none) {
    std::vector<std::string> ips;
    for (const std::string& ip : sut_addresses) {
      if (std::find(ips.begin(), ips.end(), ip) == ips.end()) ips.push_back(ip);
    }
    sip::Result<TlsIdentity> identity = ca->issue(kSutParty, ips, diags);
    if (!identity) return identity.error();
    certificates.sut = std::move(identity).value();
  }
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (endpoint.transport != manifest::Transport::tls) continue;
    std::vector<std::string> ips;
    if (const auto it = endpoints.find(endpoint.name); it != endpoints.end()) {
      ips.push_back(it->second.ip);
    }
    sip::Result<TlsIdentity> identity = ca->issue(endpoint.name, ips, diags);
    if (!identity) return identity.error();
    certificates.endpoints.emplace(endpoint.name, std::move(identity).value());
  }
  return certificates;
}

std::string tls_server_name(const manifest::Endpoint& caller, bool with_sut) {
  if (with_sut) return lab_dns_name(kSutParty);
  return caller.remote.empty() ? std::string() : lab_dns_name(caller.remote);
}

}  // namespace sipconf::harness
