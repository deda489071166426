#include "harness/lab/lab_certificates.h"

#include <fmt/format.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <fstream>
#include <utility>

#include "harness/lab/lab_error.h"

namespace sipconf::harness {

// Not in the anonymous namespace: LabCertificateAuthority::Keys holds these, and a member
// of internal-linkage type is an error in a unity batch (-Wsubobject-linkage).
struct LabOpenSslFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
  void operator()(X509* p) const { X509_free(p); }
  void operator()(BIO* p) const { BIO_free(p); }
  void operator()(BIGNUM* p) const { BN_free(p); }
  void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, LabOpenSslFree>;
using CertificatePtr = std::unique_ptr<X509, LabOpenSslFree>;
using BioPtr = std::unique_ptr<BIO, LabOpenSslFree>;

namespace {

constexpr long kValidBefore = 3600;           ///< a clock an hour behind still accepts it
constexpr long kValidAfter = 7L * 24 * 3600;  ///< longer than any run
constexpr const char* kOrganization = "sipconf lab";

/// Reports `what: <OpenSSL's reason>` about `file`, draining OpenSSL's error queue of this
/// thread.
std::error_code openssl_error(base::Diagnostics& diags, const std::filesystem::path& file,
                              const char* what) {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  std::string reason = "failed";
  if (code != 0) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    reason = text;
  }
  base::report(diags, {file}, fmt::format("{}: {}", what, reason));
  return LabErrc::kCertificateFailed;
}

KeyPtr new_key() { return KeyPtr(EVP_EC_gen("P-256")); }

bool add_extension(X509* certificate, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
  std::unique_ptr<X509_EXTENSION, LabOpenSslFree> extension(
      X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
  return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool set_random_serial(X509* certificate) {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return false;
  bytes[0] &= 0x7f;  // positive, as RFC 5280 4.1.2.2 wants
  std::unique_ptr<BIGNUM, LabOpenSslFree> serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
  return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate)) != nullptr;
}

/// A certificate for `subject_key` named `common_name`, signed by `issuer_key`;
/// self-signed when `issuer` is null. Failures are reported about `file`, where it goes.
sip::Result<CertificatePtr> make_certificate(
    EVP_PKEY* subject_key, const std::string& common_name, X509* issuer, EVP_PKEY* issuer_key,
    const std::vector<std::pair<int, std::string>>& extensions, const std::filesystem::path& file,
    base::Diagnostics& diags) {
  CertificatePtr certificate(X509_new());
  X509_NAME* name = certificate ? X509_get_subject_name(certificate.get()) : nullptr;
  const auto* organization = reinterpret_cast<const unsigned char*>(kOrganization);
  const auto* cn = reinterpret_cast<const unsigned char*>(common_name.c_str());
  if (!certificate || X509_set_version(certificate.get(), 2) != 1 ||
      !set_random_serial(certificate.get()) ||
      !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -kValidBefore) ||
      !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValidAfter) ||
      X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, organization, -1, -1, 0) != 1 ||
      X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
      X509_set_issuer_name(certificate.get(), issuer ? X509_get_subject_name(issuer) : name) != 1 ||
      X509_set_pubkey(certificate.get(), subject_key) != 1) {
    return openssl_error(diags, file, "cannot build a certificate");
  }
  X509* signer = issuer ? issuer : certificate.get();
  for (const auto& [nid, value] : extensions) {
    if (!add_extension(certificate.get(), signer, nid, value)) {
      return openssl_error(diags, file, OBJ_nid2sn(nid));
    }
  }
  if (X509_sign(certificate.get(), issuer_key, EVP_sha256()) <= 0) {
    return openssl_error(diags, file, "cannot sign a certificate");
  }
  return certificate;
}

std::error_code write_file(const std::filesystem::path& file, const std::string& text, bool secret,
                           base::Diagnostics& diags) {
  std::error_code ec;
  std::filesystem::remove(file, ec);
  {
    std::ofstream create(file, std::ios::binary);
    if (!create) {
      base::report(diags, {file}, "cannot write");
      return LabErrc::kCannotWriteFile;
    }
  }
  if (secret) {
    std::filesystem::permissions(
        file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ec);
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out || ec) {
    base::report(diags, {file}, fmt::format("cannot write: {}", ec ? ec.message() : "I/O error"));
    return LabErrc::kCannotWriteFile;
  }
  return {};
}

std::string pem_of(X509* certificate) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) return {};
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

std::string pem_of(EVP_PKEY* key) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio ||
      PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return {};
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

struct LabCertificateAuthority::Keys {
  KeyPtr key;
  CertificatePtr certificate;
};

std::string lab_dns_name(const std::string& party) {
  std::string label;
  for (char c : party) {
    const auto u = static_cast<unsigned char>(c);
    label += std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-';
  }
  return label + ".sipconf.test";
}

LabCertificateAuthority::LabCertificateAuthority(std::filesystem::path directory,
                                                 std::unique_ptr<Keys> keys)
    : directory_(std::move(directory)), ca_file_(directory_ / "ca.pem"), keys_(std::move(keys)) {}

LabCertificateAuthority::~LabCertificateAuthority() = default;
LabCertificateAuthority::LabCertificateAuthority(LabCertificateAuthority&&) noexcept = default;
LabCertificateAuthority& LabCertificateAuthority::operator=(LabCertificateAuthority&&) noexcept =
    default;

sip::Result<LabCertificateAuthority> LabCertificateAuthority::create(
    const std::filesystem::path& directory, base::Diagnostics& diags) {
  const std::filesystem::path ca_file = directory / "ca.pem";
  auto keys = std::make_unique<Keys>();
  keys->key = new_key();
  if (!keys->key) return openssl_error(diags, ca_file, "cannot make a P-256 key");
  sip::Result<CertificatePtr> certificate =
      make_certificate(keys->key.get(), "sipconf lab CA", nullptr, keys->key.get(),
                       {{NID_basic_constraints, "critical,CA:TRUE"},
                        {NID_key_usage, "critical,keyCertSign,cRLSign"},
                        {NID_subject_key_identifier, "hash"}},
                       ca_file, diags);
  if (!certificate) return certificate.error();
  keys->certificate = std::move(certificate).value();
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) {
    base::report(diags, {directory}, fmt::format("cannot create: {}", ec.message()));
    return ec;
  }
  LabCertificateAuthority ca(directory, std::move(keys));
  if (std::error_code written =
          write_file(ca.ca_file_, pem_of(ca.keys_->certificate.get()), false, diags)) {
    return written;
  }
  return ca;
}

sip::Result<TlsIdentity> LabCertificateAuthority::issue(
    const std::string& party, const std::vector<std::string>& ip_addresses,
    base::Diagnostics& diags) {
  TlsIdentity identity;
  identity.ca = ca_file_;
  identity.certificate = directory_ / (party + ".pem");
  identity.key = directory_ / (party + ".key");
  KeyPtr key = new_key();
  if (!key) return openssl_error(diags, identity.key, "cannot make a P-256 key");
  identity.dns_name = lab_dns_name(party);
  std::string names = "DNS:" + identity.dns_name;
  for (const std::string& ip : ip_addresses) names += ",IP:" + ip;
  const sip::Result<CertificatePtr> certificate =
      make_certificate(key.get(), identity.dns_name, keys_->certificate.get(), keys_->key.get(),
                       {{NID_basic_constraints, "CA:FALSE"},
                        {NID_key_usage, "critical,digitalSignature"},
                        {NID_ext_key_usage, "serverAuth,clientAuth"},
                        {NID_subject_alt_name, names},
                        {NID_authority_key_identifier, "keyid"}},
                       identity.certificate, diags);
  if (!certificate) return certificate.error();
  if (std::error_code ec =
          write_file(identity.certificate, pem_of(certificate->get()), false, diags)) {
    return ec;
  }
  if (std::error_code ec = write_file(identity.key, pem_of(key.get()), true, diags)) return ec;
  return identity;
}

}  // namespace sipconf::harness
