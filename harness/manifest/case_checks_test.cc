#include "harness/manifest/case_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"
#include "harness/manifest/manifest_parser.h"

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr std::string_view kUas =
    "<?xml version=\"1.0\"?><scenario><recv request=\"INVITE\"/><send>SIP/2.0 200 "
    "OK</send></scenario>";
constexpr std::string_view kUac =
    "<?xml version=\"1.0\"?><scenario><send>INVITE sip:x SIP/2.0</send><recv "
    "response=\"200\"/></scenario>";

class CaseChecksTest : public ::testing::Test {
 protected:
  CaseChecksTest()
      : catalogue_(std::vector<CatalogueEntry>{{"RT-01", "Route"}, {"TC-11", "Fast failover"}}) {
    tree_.write("c/uas.xml", kUas);
    tree_.write("c/uac.xml", kUac);
  }

  /// Writes the manifest, parses and checks it; returns the diagnostics with the
  /// temporary root stripped.
  std::vector<std::string> check(const std::string& manifest_text) {
    const std::filesystem::path path = tree_.write("c/case.xml", manifest_text);
    base::Diagnostics diags;
    std::optional<CaseManifest> manifest = load_manifest(path, diags);
    if (manifest) check_case(*manifest, catalogue_, diags);
    std::vector<std::string> out;
    for (const base::Diagnostic& d : diags) {
      std::string text = d.to_string();
      const std::string root = tree_.root().string() + "/";
      for (std::size_t at; (at = text.find(root)) != std::string::npos;)
        text.erase(at, root.size());
      out.push_back(text);
    }
    return out;
  }

  base::testing::TempTree tree_;
  Catalogue catalogue_;
};

std::string no_sut_case(const std::string& behaviours, const std::string& endpoints,
                        const std::string& expectations = "") {
  return "<case id=\"s/c\">\n<description>d</description>\n" + behaviours +
         "<topology>\n<sut kind=\"none\"/>\n" + endpoints + "</topology>\n<expectations>\n" +
         expectations + "</expectations>\n</case>\n";
}

constexpr const char* kEndpoints =
    "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
    "scenario=\"uas.xml\"/>\n"
    "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
    "remote=\"gw\"/>\n";

TEST_F(CaseChecksTest, AValidCaseHasNoDiagnostics) {
  EXPECT_THAT(check(no_sut_case("<behaviour id=\"RT-01\"/>\n", kEndpoints,
                                "<process name=\"p\" endpoint=\"fe\" exit=\"success\"/>\n")),
              IsEmpty());
}

TEST_F(CaseChecksTest, UnknownAndRepeatedBehaviourIds) {
  EXPECT_THAT(check(no_sut_case("<behaviour id=\"RT-99\"/>\n<behaviour id=\"RFC3261-8.1\"/>\n"
                                "<behaviour id=\"RT-01\"/><behaviour id=\"RT-01\"/>\n",
                                kEndpoints)),
              ElementsAre("c/case.xml:3: unknown behaviour ID `RT-99`: not in the catalogue and "
                          "not an RFC reference such as RFC3261-17.1.1",
                          "c/case.xml:5: behaviour `RT-01` is listed twice"));
}

TEST_F(CaseChecksTest, MissingScenarioFilesAndBadSippFiles) {
  tree_.write("c/broken.xml", "<?xml version=\"1.0\"?><scenario>\n<send>\n</scenario>\n");
  EXPECT_THAT(
      check(no_sut_case(
          "<behaviour id=\"RT-01\"/>\n",
          "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
          "scenario=\"missing.xml\"/>\n"
          "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" "
          "scenario=\"broken.xml\" remote=\"gw\"/>\n"
          "<endpoint name=\"x\" role=\"lync\" driver=\"sipp\" mode=\"uac\" remote=\"gw\"/>\n")),
      ElementsAre("c/case.xml:6: scenario `missing.xml` of endpoint gw does not exist in c",
                  ::testing::StartsWith("c/broken.xml:3:"),
                  "c/case.xml:8: sipp endpoint x needs a `scenario` file"));
}

TEST_F(CaseChecksTest, ModeMustAgreeWithTheScenario) {
  EXPECT_THAT(
      check(no_sut_case("<behaviour id=\"RT-01\"/>\n",
                        "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uac\" "
                        "scenario=\"uas.xml\" remote=\"fe\"/>\n"
                        "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uas\" "
                        "scenario=\"uas.xml\"/>\n")),
      ElementsAre("c/case.xml:6: endpoint gw is mode=\"uac\" but its scenario uas.xml starts with "
                  "<recv> (a uas scenario)"));
}

TEST_F(CaseChecksTest, TopologyWithoutSut) {
  EXPECT_THAT(
      check(no_sut_case(
          "<behaviour id=\"RT-01\"/>\n",
          "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
          "scenario=\"uas.xml\" interface=\"internal\"/>\n"
          "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" "
          "scenario=\"uac.xml\"/>\n"
          "<endpoint name=\"fe2\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "remote=\"nobody\"/>\n"
          "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "remote=\"gw\"/>\n")),
      ElementsAre("c/case.xml:6: endpoint gw names SUT interface `internal` but the case has no "
                  "SUT",
                  "c/case.xml:7: UAC endpoint fe needs `remote` (the endpoint it calls) when the "
                  "case has no SUT",
                  "c/case.xml:8: endpoint fe2: remote `nobody` is not an endpoint",
                  "c/case.xml:9: endpoint name `fe` is used twice"));
}

TEST_F(CaseChecksTest, StartOrder) {
  EXPECT_THAT(
      check(no_sut_case(
          "<behaviour id=\"RT-01\"/>\n",
          "<endpoint name=\"a\" role=\"lync\" driver=\"sipp\" mode=\"uas\" scenario=\"uas.xml\" "
          "after=\"b\"/>\n"
          "<endpoint name=\"b\" role=\"lync\" driver=\"sipp\" mode=\"uas\" scenario=\"uas.xml\" "
          "after=\"a\"/>\n"
          "<endpoint name=\"c\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "remote=\"a\" after=\"zz\"/>\n"
          "<endpoint name=\"d\" role=\"lync\" driver=\"sipp\" mode=\"uas\" scenario=\"uas.xml\" "
          "after=\"c\"/>\n")),
      ElementsAre("c/case.xml:8: endpoint c: after=`zz` is not an endpoint",
                  "c/case.xml:9: UAS endpoint d cannot start after UAC c: UAS endpoints start "
                  "first",
                  "c/case.xml:6: the start order (`after`) has a cycle through a"));
}

TEST_F(CaseChecksTest, SipsimEndpoints) {
  EXPECT_THAT(
      check(
          no_sut_case("<behaviour id=\"RT-01\"/>\n",
                      "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipsim\" mode=\"uas\" "
                      "profile=\"pstn-gateway\"><behaviour-override name=\"early-media\" "
                      "value=\"true\"/></endpoint>\n"
                      "<endpoint name=\"fe\" role=\"lync\" driver=\"sipsim\" mode=\"uac\" "
                      "scenario=\"uac.xml\" remote=\"gw\"/>\n"
                      "<endpoint name=\"fe2\" role=\"lync\" driver=\"sipsim\" mode=\"uac\" "
                      "profile=\"cisco\" remote=\"gw\"/>\n",
                      "<process name=\"p\" endpoint=\"gw\" exit=\"success\"/>\n")),
      ElementsAre("c/case.xml:7: endpoint fe is driven by sipsim; `scenario`, `service`, <key>, "
                  "<set> and <inject> belong to sipp endpoints",
                  "c/case.xml:7: sipsim endpoint fe needs a `profile`",
                  "c/case.xml:8: unknown sipsim profile `cisco` (known: lync, ip-pbx, "
                  "pstn-gateway, itsp)"));
}

TEST_F(CaseChecksTest, ExpectationReferencesWithoutSut) {
  EXPECT_THAT(
      check(no_sut_case("<behaviour id=\"RT-01\"/>\n", kEndpoints,
                        "<message name=\"a\" leg=\"gw1\" method=\"INVITE\"/>\n"
                        "<message name=\"b\" leg=\"gw\" from=\"sut\" method=\"INVITE\"/>\n"
                        "<latency name=\"c\" metric=\"transit\" max=\"1ms\"/>\n"
                        "<process name=\"d\" endpoint=\"sut\" alive=\"true\"/>\n"
                        "<sdp name=\"e\" leg=\"gw\" connection=\"somewhere\"/>\n"
                        "<order name=\"f\" leg=\"gw\"><step method=\"INVITE\"/><step leg=\"x\" "
                        "method=\"ACK\"/></order>\n"
                        "<media name=\"g\" leg=\"gw\" from=\"nobody\"/>\n")),
      ElementsAre("c/case.xml:10: leg `gw1` is not an endpoint (legs are named by their endpoint)",
                  "c/case.xml:11: from=\"sut\" but the case has no SUT",
                  "c/case.xml:12: transit latency is measured through a SUT; this case has none",
                  "c/case.xml:13: endpoint=\"sut\" but the case has no SUT",
                  "c/case.xml:14: connection `somewhere` must be `sut`, an endpoint or an IP "
                  "address",
                  "c/case.xml:15: leg `x` is not an endpoint (legs are named by their endpoint)",
                  "c/case.xml:16: from `nobody` is neither `sut` nor an endpoint"));
}

std::string mediation_case(const std::string& sut_body, const std::string& endpoints) {
  return "<case id=\"s/c\">\n<description>d</description>\n<behaviour id=\"RT-01\"/>\n"
         "<topology>\n<sut kind=\"mediation\">\n" +
         sut_body + "</sut>\n" + endpoints + "</topology>\n</case>\n";
}

TEST_F(CaseChecksTest, AValidMediationTopology) {
  EXPECT_THAT(
      check(mediation_case(
          "<internal transport=\"tcp\" peer=\"fe\"/>\n"
          "<trunk name=\"gw1\" peer=\"gw\" transport=\"udp\"/>\n"
          "<voice-policy><usage name=\"Local\"/></voice-policy>\n"
          "<route name=\"r\" usage=\"Local\"><trunk ref=\"gw1\"/></route>\n",
          "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
          "scenario=\"uas.xml\" interface=\"trunk:gw1\"/>\n"
          "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "interface=\"internal\"/>\n")),
      IsEmpty());
}

TEST_F(CaseChecksTest, MediationCrossReferences) {
  EXPECT_THAT(
      check(mediation_case(
          "<internal transport=\"tcp\" peer=\"gw\"/>\n"                          // 6
          "<trunk name=\"gw1\" peer=\"fe\"/>\n"                                  // 7
          "<trunk name=\"gw1\" peer=\"ghost\"/>\n"                               // 8
          "<route name=\"r\" usage=\"Nowhere\"><trunk ref=\"gw9\"/></route>\n",  // 9
          "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
          "scenario=\"uas.xml\" interface=\"trunk:gw1\"/>\n"  // 11
          "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "remote=\"gw\"/>\n"  // 12
          "<endpoint name=\"x\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "interface=\"trunk:nope\"/>\n"  // 13
          "<endpoint name=\"y\" role=\"lync\" driver=\"sipp\" mode=\"uac\" scenario=\"uac.xml\" "
          "interface=\"external\"/>\n")),  // 14
      ElementsAre(
          "c/case.xml:11: endpoint gw: trunk gw1 already has the peer fe; a trunk connects one "
          "peer",
          "c/case.xml:12: endpoint fe talks to the SUT; `remote` applies only with <sut "
          "kind=\"none\"/>",
          "c/case.xml:12: endpoint fe needs `interface` (internal or trunk:<name>): the SUT "
          "interface it talks to",
          "c/case.xml:13: endpoint x: interface `trunk:nope` names no <trunk> of the SUT",
          "c/case.xml:14: endpoint y: interface `external` must be `internal` or `trunk:<name>`",
          "c/case.xml:7: trunk gw1: its peer fe must use interface=\"trunk:gw1\"",
          "c/case.xml:8: trunk name `gw1` is used twice",
          "c/case.xml:8: trunk gw1: peer `ghost` is not an endpoint",
          "c/case.xml:6: internal peer gw must use interface=\"internal\"",
          "c/case.xml:9: route r: trunk `gw9` is not defined",
          "c/case.xml:9: route r: usage `Nowhere` is in no <voice-policy> and no trunk "
          "<pstn-usage>, so the route is never used"));
}

}  // namespace
}  // namespace sipconf::manifest
