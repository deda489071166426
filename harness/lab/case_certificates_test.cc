#include "harness/lab/case_certificates.h"

#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using manifest::Transport;

manifest::CaseManifest certificate_case(Transport internal, Transport fe, Transport trunk) {
  manifest::CaseManifest manifest;
  manifest.sut.kind = manifest::SutKind::mediation;
  manifest.sut.mediation.internal.transport = internal;
  manifest.sut.mediation.internal.peer = "fe";
  manifest::Trunk gw;
  gw.name = "gw1";
  gw.peer = "gw1";
  gw.transport = trunk;
  manifest.sut.mediation.trunks = {gw};
  manifest::Endpoint lync;
  lync.name = "fe";
  lync.transport = fe;
  lync.interface = "internal";
  manifest::Endpoint gateway;
  gateway.name = "gw1";
  gateway.transport = trunk;
  gateway.interface = "trunk:gw1";
  manifest.endpoints = {lync, gateway};
  return manifest;
}

TEST(CaseCertificates, AnyTlsLegNeedsThem) {
  EXPECT_FALSE(case_uses_tls(certificate_case(Transport::tcp, Transport::tcp, Transport::udp)));
  EXPECT_TRUE(case_uses_tls(certificate_case(Transport::tls, Transport::tls, Transport::tcp)));
  EXPECT_TRUE(case_uses_tls(certificate_case(Transport::tcp, Transport::tcp, Transport::tls)));
  // The internal interface alone (no endpoint on it) still has to present a certificate.
  manifest::CaseManifest lone = certificate_case(Transport::tls, Transport::tcp, Transport::tcp);
  lone.endpoints.clear();
  EXPECT_TRUE(case_uses_tls(lone));
  manifest::CaseManifest pair;
  pair.endpoints.resize(2);
  EXPECT_FALSE(case_uses_tls(pair));
  pair.endpoints[1].transport = Transport::tls;
  EXPECT_TRUE(case_uses_tls(pair));
}

TEST(CaseCertificates, TheSutAndEveryTlsEndpointGetTheirOwn) {
  base::testing::TempTree tree;
  const manifest::CaseManifest manifest =
      certificate_case(Transport::tls, Transport::tls, Transport::tcp);
  base::Diagnostics diags;
  const sip::Result<CaseCertificates> issued = issue_case_certificates(
      manifest, {"127.0.0.30", "127.0.0.30"},
      {{"fe", {"127.0.0.31", 5061}}, {"gw1", {"127.0.0.32", 5066}}}, tree.root() / "tls", diags);
  ASSERT_TRUE(issued) << testing::text_of(diags);
  ASSERT_TRUE(issued->sut);
  EXPECT_EQ(issued->sut->dns_name, "mediation.sipconf.test");
  EXPECT_TRUE(std::filesystem::exists(issued->sut->certificate));
  ASSERT_EQ(issued->endpoints.size(), 1u) << "the TCP gateway needs none";
  const TlsIdentity& fe = issued->endpoints.at("fe");
  EXPECT_EQ(fe.dns_name, "fe.sipconf.test");
  EXPECT_EQ(fe.ca, issued->sut->ca) << "one CA per case";
  EXPECT_EQ(fe.certificate, tree.root() / "tls" / "fe.pem");
  EXPECT_TRUE(std::filesystem::exists(fe.key));
}

TEST(CaseCertificates, AUacChecksTheNameOfWhatItCalls) {
  manifest::Endpoint caller;
  caller.name = "fe";
  caller.remote = "Gw_2";
  EXPECT_EQ(tls_server_name(caller, true), "mediation.sipconf.test");
  EXPECT_EQ(tls_server_name(caller, false), "gw-2.sipconf.test");
  caller.remote.clear();
  EXPECT_EQ(tls_server_name(caller, false), "");
}

TEST(CaseCertificates, AnUnwritableDirectoryIsAnError) {
  base::testing::TempTree tree;
  const std::filesystem::path blocker = tree.write("tls", "a file where the directory goes");
  base::Diagnostics diags;
  EXPECT_FALSE(
      issue_case_certificates(certificate_case(Transport::tls, Transport::tls, Transport::tcp),
                              {"127.0.0.30"}, {}, blocker / "x", diags));
  EXPECT_NE(testing::text_of(diags).find("cannot create"), std::string::npos)
      << testing::text_of(diags);
}

}  // namespace
}  // namespace sipconf::harness
