#include "harness/lab/lab_certificates.h"

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <cstdio>

#include "base/temp_tree_for_test.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

X509Ptr read_certificate(const std::filesystem::path& file) {
  FILE* f = std::fopen(file.c_str(), "r");
  X509* certificate = f ? PEM_read_X509(f, nullptr, nullptr, nullptr) : nullptr;
  if (f) std::fclose(f);
  return X509Ptr(certificate, X509_free);
}

/// Whether `leaf` chains to `ca` for the purpose of a TLS client (or server).
bool verifies(const std::filesystem::path& ca, const std::filesystem::path& leaf, int purpose) {
  X509Ptr root = read_certificate(ca);
  X509Ptr certificate = read_certificate(leaf);
  if (!root || !certificate) return false;
  std::unique_ptr<X509_STORE, decltype(&X509_STORE_free)> store(X509_STORE_new(), X509_STORE_free);
  std::unique_ptr<X509_STORE_CTX, decltype(&X509_STORE_CTX_free)> context(X509_STORE_CTX_new(),
                                                                          X509_STORE_CTX_free);
  X509_STORE_add_cert(store.get(), root.get());
  X509_STORE_CTX_init(context.get(), store.get(), certificate.get(), nullptr);
  X509_STORE_CTX_set_purpose(context.get(), purpose);
  return X509_verify_cert(context.get()) == 1;
}

TEST(LabCertificates, DnsNamesAreHostLabelsUnderTheTestDomain) {
  EXPECT_EQ(lab_dns_name("fe"), "fe.sipconf.test");
  EXPECT_EQ(lab_dns_name("Gw_1"), "gw-1.sipconf.test");
}

TEST(LabCertificates, IssuedCertificatesChainToTheirCaForBothEndsOfMtls) {
  base::testing::TempTree tree;
  base::Diagnostics diags;
  auto ca = LabCertificateAuthority::create(tree.root() / "tls", diags);
  ASSERT_TRUE(ca) << testing::text_of(diags);
  EXPECT_EQ(ca->ca_file(), tree.root() / "tls" / "ca.pem");

  const sip::Result<TlsIdentity> fe = ca->issue("fe", {"127.0.0.42"}, diags);
  ASSERT_TRUE(fe) << testing::text_of(diags);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(fe->ca, ca->ca_file());
  EXPECT_EQ(fe->certificate, tree.root() / "tls" / "fe.pem");
  EXPECT_EQ(fe->key, tree.root() / "tls" / "fe.key");
  EXPECT_EQ(fe->dns_name, "fe.sipconf.test");
  EXPECT_TRUE(verifies(fe->ca, fe->certificate, X509_PURPOSE_SSL_CLIENT));
  EXPECT_TRUE(verifies(fe->ca, fe->certificate, X509_PURPOSE_SSL_SERVER));

  X509Ptr certificate = read_certificate(fe->certificate);
  ASSERT_TRUE(certificate);
  EXPECT_EQ(X509_check_host(certificate.get(), "fe.sipconf.test", 0, 0, nullptr), 1);
  EXPECT_EQ(X509_check_host(certificate.get(), "gw1.sipconf.test", 0, 0, nullptr), 0);
  EXPECT_EQ(X509_check_ip_asc(certificate.get(), "127.0.0.42", 0), 1);
  EXPECT_EQ(X509_check_ip_asc(certificate.get(), "127.0.0.43", 0), 0);
  EXPECT_EQ(X509_check_ca(certificate.get()), 0) << "a leaf must not be able to issue";

  // The key is the certificate's, and only its owner may read it.
  FILE* f = std::fopen(fe->key.c_str(), "r");
  ASSERT_NE(f, nullptr);
  EVP_PKEY* key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
  std::fclose(f);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(X509_check_private_key(certificate.get(), key), 1);
  EVP_PKEY_free(key);
  const auto perms = std::filesystem::status(fe->key).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST(LabCertificates, EveryAuthorityIsItsOwn) {
  base::testing::TempTree tree;
  base::Diagnostics diags;
  auto first = LabCertificateAuthority::create(tree.root() / "a", diags);
  auto second = LabCertificateAuthority::create(tree.root() / "b", diags);
  ASSERT_TRUE(first && second) << testing::text_of(diags);
  const auto from_second = second->issue("mediation", {"127.0.0.7", "127.0.0.8"}, diags);
  ASSERT_TRUE(from_second) << testing::text_of(diags);
  EXPECT_TRUE(verifies(second->ca_file(), from_second->certificate, X509_PURPOSE_SSL_SERVER));
  EXPECT_FALSE(verifies(first->ca_file(), from_second->certificate, X509_PURPOSE_SSL_SERVER));
  X509Ptr certificate = read_certificate(from_second->certificate);
  ASSERT_TRUE(certificate);
  EXPECT_EQ(X509_check_ip_asc(certificate.get(), "127.0.0.8", 0), 1);
}

TEST(LabCertificates, AnUnwritableDirectorySaysWhichFile) {
  base::testing::TempTree tree;
  const std::filesystem::path blocker = tree.write("file", "not a directory");
  base::Diagnostics diags;
  const sip::Result<LabCertificateAuthority> ca =
      LabCertificateAuthority::create(blocker / "tls", diags);
  ASSERT_FALSE(ca);
  EXPECT_EQ(ca.error(), std::errc::not_a_directory);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, blocker / "tls");
  EXPECT_EQ(diags[0].message.rfind("cannot create: ", 0), 0u) << diags[0].message;
}

}  // namespace
}  // namespace sipconf::harness
