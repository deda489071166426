#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// PEM files a TLS party uses: the CA it trusts, its certificate and its key.
struct TlsIdentity {
  std::filesystem::path ca;
  std::filesystem::path certificate;
  std::filesystem::path key;
  /// The DNS name in the certificate (`fe.sipconf.test`): what a peer may check.
  std::string dns_name;
};

/// The DNS name the harness gives a party in its certificates: the party's name made a
/// host label (lower case, `_` as `-`) under `sipconf.test` (RFC 6761 reserves .test).
std::string lab_dns_name(const std::string& party);

/// A throwaway certificate authority for one case, so that MTLS legs (Lync's internal
/// interface, TLS trunks) run between the harness's processes without a shared,
/// checked-in key: every run issues its own P-256 certificates, valid for a week, and
/// the CA's private key never leaves memory.
class LabCertificateAuthority {
 public:
  ~LabCertificateAuthority();
  LabCertificateAuthority(LabCertificateAuthority&&) noexcept;
  LabCertificateAuthority& operator=(LabCertificateAuthority&&) noexcept;
  LabCertificateAuthority(const LabCertificateAuthority&) = delete;
  LabCertificateAuthority& operator=(const LabCertificateAuthority&) = delete;

  /// Makes the CA and writes its certificate to `directory/ca.pem` (the directory is
  /// created). When OpenSSL or the file system fails: the error (LabErrc, or the file
  /// system's) and a diagnostic for the file it was making that says why.
  static sip::Result<LabCertificateAuthority> create(const std::filesystem::path& directory,
                                                     base::Diagnostics& diags);

  /// Issues a certificate for `party` (client and server use; subject CN and SAN DNS
  /// `lab_dns_name(party)`, plus a SAN IP per address) and writes `<party>.pem` and
  /// `<party>.key` (mode 0600) beside the CA. Fails as create() does.
  sip::Result<TlsIdentity> issue(const std::string& party,
                                 const std::vector<std::string>& ip_addresses,
                                 base::Diagnostics& diags);

  const std::filesystem::path& ca_file() const { return ca_file_; }

 private:
  struct Keys;
  LabCertificateAuthority(std::filesystem::path directory, std::unique_ptr<Keys> keys);

  std::filesystem::path directory_;
  std::filesystem::path ca_file_;
  std::unique_ptr<Keys> keys_;
};

}  // namespace sipconf::harness
