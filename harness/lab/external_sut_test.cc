#include "harness/lab/external_sut.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"
#include "harness/lab/lab_error.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using ::testing::ElementsAre;

struct Loaded {
  std::optional<SutDescription> description;
  std::vector<std::string> errors;
};

Loaded load(const std::string& text) {
  base::testing::TempTree tree;
  const std::filesystem::path file = tree.write("sut.xml", text);
  base::Diagnostics diags;
  Loaded loaded;
  loaded.description = load_sut_description(file, {"127.0.0.2", 5070}, diags);
  for (const base::Diagnostic& d : diags) {
    loaded.errors.push_back(d.to_string().substr(tree.root().string().size() + 1));
  }
  return loaded;
}

constexpr const char* kDescription =
    "<sut-description name=\"Acme SBC\" version=\"5.1\">\n"
    "  <interface name=\"internal\" transport=\"tcp\" peer=\"127.0.0.3:5061\"/>\n"
    "  <interface name=\"trunk:gw1\" transport=\"udp\" port=\"5068\" peer=\"127.0.0.4:5066\"/>\n"
    "  <interface name=\"trunk:gw2\" transport=\"tcp\" address=\"127.0.0.9\" port=\"5068\"/>\n"
    "</sut-description>\n";

TEST(SutDescription, DefaultsComeFromTheSutOption) {
  const Loaded loaded = load(kDescription);
  ASSERT_TRUE(loaded.description) << loaded.errors.front();
  const SutDescription& d = *loaded.description;
  EXPECT_EQ(d.name, "Acme SBC");
  ASSERT_EQ(d.interfaces.size(), 3u);
  EXPECT_EQ(d.interfaces[0].address, (NetworkAddress{"127.0.0.2", 5070}));
  EXPECT_EQ(d.interfaces[0].peer, (NetworkAddress{"127.0.0.3", 5061}));
  EXPECT_EQ(d.interfaces[1].address, (NetworkAddress{"127.0.0.2", 5068}));
  EXPECT_EQ(d.interfaces[1].transport, manifest::Transport::udp);
  EXPECT_EQ(d.interfaces[2].address, (NetworkAddress{"127.0.0.9", 5068}));
  EXPECT_FALSE(d.interfaces[2].peer);
}

TEST(SutDescription, ErrorsCarryFileAndLine) {
  const Loaded loaded = load(
      "<sut-description>\n"
      "  <interface name=\"external\" transport=\"sctp\"/>\n"
      "  <interface name=\"trunk:gw1\" transport=\"udp\" peer=\"somewhere\"/>\n"
      "  <trunk/>\n"
      "</sut-description>\n");
  EXPECT_FALSE(loaded.description);
  EXPECT_THAT(loaded.errors,
              ElementsAre("sut.xml:1: <sut-description> needs the attribute `name`",
                          "sut.xml:2: interface `external` must be `internal` or `trunk:<name>`",
                          "sut.xml:2: unknown transport `sctp` (known: udp, tcp, tls)",
                          "sut.xml:2: interface `external` needs a `port`",
                          "sut.xml:3: interface `trunk:gw1` needs a `port`",
                          "sut.xml:3: peer `somewhere` is not ip:port",
                          "sut.xml:4: unknown element <trunk> inside <sut-description> (allowed: "
                          "interface)"));
}

manifest::CaseManifest trunk_case(const std::string& trunk_name) {
  manifest::CaseManifest manifest;
  manifest.sut.kind = manifest::SutKind::mediation;
  manifest::Trunk trunk;
  trunk.name = trunk_name;
  trunk.peer = "gw";
  manifest.sut.mediation.trunks = {trunk};
  manifest.sut.mediation.internal.peer = "fe";
  manifest::Endpoint gw;
  gw.name = "gw";
  gw.interface = "trunk:" + trunk_name;
  manifest::Endpoint fe;
  fe.name = "fe";
  fe.interface = "internal";
  manifest.endpoints = {gw, fe};
  return manifest;
}

TEST(ExternalSut, PointsEndpointsAtTheSutAndPinsThePeers) {
  ExternalSut sut({"127.0.0.2", 5070}, *load(kDescription).description);
  EXPECT_FALSE(sut.parallel_cases());
  EXPECT_EQ(sut.addresses_needed(), 0u);
  EXPECT_EQ(sut.describe().address, "127.0.0.2:5070");
  base::Diagnostics diags;
  const manifest::CaseManifest manifest = trunk_case("gw1");
  sip::Result<std::unique_ptr<SutSession>> opened = sut.open(manifest, {}, "/tmp", diags);
  ASSERT_TRUE(opened) << testing::text_of(diags);
  const std::unique_ptr<SutSession>& session = *opened;
  ASSERT_EQ(session->interfaces().size(), 2u);
  EXPECT_EQ(session->pinned_address(manifest.endpoints[0]), (NetworkAddress{"127.0.0.4", 5066}));
  EXPECT_EQ(session->pinned_address(manifest.endpoints[1]), (NetworkAddress{"127.0.0.3", 5061}));
  EXPECT_FALSE(session->stop());
}

TEST(ExternalSut, RefusesCasesItCannotServe) {
  ExternalSut sut({"127.0.0.2", 5070}, *load(kDescription).description);
  base::Diagnostics diags;
  manifest::CaseManifest gw7 = trunk_case("gw7");
  for (manifest::Endpoint& endpoint : gw7.endpoints) endpoint.where = {"case.xml", 9, 3};
  EXPECT_EQ(sut.open(gw7, {}, "/tmp", diags).error(), LabErrc::kSutCannotServeCase);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "case.xml:9:3: the SUT description has no interface `trunk:gw7`, which the case uses");
  diags.clear();
  EXPECT_EQ(sut.open(trunk_case("gw2"), {}, "/tmp", diags).error(), LabErrc::kSutCannotServeCase);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message,
            "the SUT description gives no `peer` for interface `trunk:gw2`: the SUT must be "
            "configured to send to gw, so say where");
  EXPECT_EQ(diags[0].where.file.filename(), "sut.xml") << "the description's line";
  EXPECT_EQ(diags[0].where.line, 4);
}

}  // namespace
}  // namespace sipconf::harness
