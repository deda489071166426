#include "sip/transport/tls_peer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>

#include <openssl/pem.h>
#include <openssl/x509.h>

#include "base/build_paths.h"

namespace sipconf::sip {
namespace {

TlsPeer peer_of(const std::string& file) {
  std::string path = base::source_dir().string() + "/sip/testdata/tls/";
  path += file;
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "r"), &std::fclose);
  EXPECT_NE(f, nullptr) << path;
  if (!f) return {};
  std::unique_ptr<X509, void (*)(X509*)> cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr),
                                              &X509_free);
  EXPECT_NE(cert, nullptr) << path;
  return tls_peer_from_certificate(cert.get());
}

TEST(TlsPeer, ReadsCommonNameAndSubjectAltNames) {
  TlsPeer server = peer_of("server.pem");
  EXPECT_EQ(server.common_name, "mediation.test.example");
  EXPECT_EQ(server.dns_names, (std::vector<std::string>{"mediation.test.example", "localhost"}));
  EXPECT_TRUE(server.uri_names.empty());
}

TEST(TlsPeer, MatchesSanDnsSanSipUriOrCommonName) {
  TlsPeer gw1 = peer_of("client.pem");
  EXPECT_TRUE(tls_peer_matches(gw1, "gw1.test.example"));
  EXPECT_TRUE(tls_peer_matches(gw1, "GW1.TEST.EXAMPLE"));
  EXPECT_FALSE(tls_peer_matches(gw1, "gw1.test"));
  EXPECT_FALSE(tls_peer_matches(gw1, ""));

  TlsPeer by_uri;
  by_uri.uri_names = {"sip:gw3.test.example;transport=tls", "https://gw4.test.example/"};
  EXPECT_TRUE(tls_peer_matches(by_uri, "gw3.test.example"));
  EXPECT_FALSE(tls_peer_matches(by_uri, "gw4.test.example"));

  TlsPeer cn_only = peer_of("client-cn-only.pem");
  EXPECT_TRUE(cn_only.dns_names.empty());
  EXPECT_EQ(cn_only.common_name, "gw2.test.example");
  EXPECT_TRUE(tls_peer_matches(cn_only, "gw2.test.example"));
}

TEST(TlsPeer, WildcardsAreNotHonoured) {
  TlsPeer wildcard;
  wildcard.dns_names = {"*.test.example"};
  EXPECT_FALSE(tls_peer_matches(wildcard, "gw1.test.example"));
}

}  // namespace
}  // namespace sipconf::sip
