#include "harness/lab/case_certificates.h"

#include <algorithm>

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

std::optional<CaseCertificates> issue_case_certificates(
    const manifest::CaseManifest& manifest, const std::vector<std::string>& sut_addresses,
    const std::map<std::string, NetworkAddress>& endpoints, const std::filesystem::path& directory,
    std::string& error) {
  std::unique_ptr<LabCertificateAuthority> ca = LabCertificateAuthority::create(directory, error);
  if (!ca) return std::nullopt;
  CaseCertificates certificates;
  if (manifest.sut.kind != manifest::SutKind::none) {
    std::vector<std::string> ips;
    for (const std::string& ip : sut_addresses) {
      if (std::find(ips.begin(), ips.end(), ip) == ips.end()) ips.push_back(ip);
    }
    certificates.sut = ca->issue(kSutParty, ips, error);
    if (!certificates.sut) return std::nullopt;
  }
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (endpoint.transport != manifest::Transport::tls) continue;
    std::vector<std::string> ips;
    if (const auto it = endpoints.find(endpoint.name); it != endpoints.end()) {
      ips.push_back(it->second.ip);
    }
    std::optional<TlsIdentity> identity = ca->issue(endpoint.name, ips, error);
    if (!identity) return std::nullopt;
    certificates.endpoints.emplace(endpoint.name, std::move(*identity));
  }
  return certificates;
}

std::string tls_server_name(const manifest::Endpoint& caller, bool with_sut) {
  if (with_sut) return lab_dns_name(kSutParty);
  return caller.remote.empty() ? std::string() : lab_dns_name(caller.remote);
}

}  // namespace sipconf::harness
