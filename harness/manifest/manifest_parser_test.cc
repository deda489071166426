#include "harness/manifest/manifest_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct ParsedManifest {
  std::optional<CaseManifest> manifest;
  std::vector<std::string> errors;
};

ParsedManifest parse_manifest_text(const std::string& text) {
  ParsedManifest parsed;
  base::Diagnostics diags;
  base::XmlFile file;
  if (!file.parse(text, "suite/c/case.xml", diags)) parsed.manifest = parse_manifest(file, diags);
  for (const base::Diagnostic& d : diags) parsed.errors.push_back(d.to_string());
  return parsed;
}

/// A valid manifest; tests splice one change into it.
std::string manifest(const std::string& flags = "", const std::string& endpoint_extra = "",
                     const std::string& expectations = "") {
  return "<case id=\"suite/c\" timeout=\"5s\">\n"  // 1
         "  <description>A call.</description>\n"  // 2
         "  <behaviour id=\"RT-01\"/>\n"           // 3
         + flags +                                 //
         "  <topology>\n"                          // 4
         "    <sut kind=\"none\"/>\n"              // 5
         "    <endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
         "scenario=\"uas.xml\"" +
         endpoint_extra +
         "/>\n"  // 6
         "    <endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" "
         "transport=\"tcp\" scenario=\"uac.xml\" remote=\"gw\"/>\n"  // 7
         "  </topology>\n"                                           // 8
         "  <expectations>\n"                                        // 9
         + expectations +                                            //
         "  </expectations>\n"
         "</case>\n";
}

TEST(ManifestParser, ParsesAValidManifest) {
  const ParsedManifest parsed = parse_manifest_text(manifest());
  ASSERT_THAT(parsed.errors, IsEmpty());
  ASSERT_TRUE(parsed.manifest);
  const CaseManifest& m = *parsed.manifest;
  EXPECT_EQ(m.id, "suite/c");
  EXPECT_EQ(m.description, "A call.");
  EXPECT_EQ(m.timeout, std::chrono::milliseconds(5000));
  ASSERT_EQ(m.behaviours.size(), 1u);
  EXPECT_EQ(m.behaviours[0].id, "RT-01");
  EXPECT_EQ(m.behaviours[0].where.line, 3);
  EXPECT_EQ(m.sut.kind, SutKind::none);
  ASSERT_EQ(m.endpoints.size(), 2u);
  EXPECT_EQ(m.endpoints[0].name, "gw");
  EXPECT_EQ(m.endpoints[0].role, PeerRole::pstn_gateway);
  EXPECT_EQ(m.endpoints[0].mode, EndpointMode::uas);
  EXPECT_EQ(m.endpoints[0].transport, Transport::udp);
  EXPECT_EQ(m.endpoints[0].where.line, 6);
  EXPECT_EQ(m.endpoints[1].transport, Transport::tcp);
  EXPECT_EQ(m.endpoints[1].remote, "gw");
  EXPECT_EQ(m.endpoints[1].calls, 1);
  EXPECT_EQ(m.directory, std::filesystem::path("suite/c"));
  EXPECT_EQ(m.peer_kinds(), (std::vector<PeerRole>{PeerRole::lync, PeerRole::pstn_gateway}));
  EXPECT_FALSE(m.flags.expected_failure);
}

TEST(ManifestParser, ReadsEndpointTrafficOptions) {
  const ParsedManifest parsed = parse_manifest_text(
      manifest("",
               " calls=\"3\" rate=\"2.5\" max-concurrent=\"2\" service=\"+1425\" after=\"fe\">\n"
               "      <key name=\"called\" value=\"+14255550100\"/>\n"
               "      <set name=\"delay\" value=\"100\"/>\n"
               "      <inject file=\"numbers.csv\"/>\n"
               "    </endpoint><x"));
  // The splice leaves a stray <x/>: it must be reported, everything else read.
  ASSERT_TRUE(parsed.manifest);
  const Endpoint& gw = parsed.manifest->endpoints[0];
  EXPECT_EQ(gw.calls, 3);
  EXPECT_DOUBLE_EQ(gw.rate, 2.5);
  EXPECT_EQ(gw.max_concurrent, 2);
  EXPECT_EQ(gw.service, "+1425");
  EXPECT_EQ(gw.after, std::vector<std::string>{"fe"});
  ASSERT_EQ(gw.keys.size(), 1u);
  EXPECT_EQ(gw.keys[0].name, "called");
  EXPECT_EQ(gw.keys[0].value, "+14255550100");
  ASSERT_EQ(gw.variables.size(), 1u);
  EXPECT_EQ(gw.injection_file, "numbers.csv");
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:10: unknown element <x> inside <topology> (allowed: "
                          "sut, endpoint)"));
}

TEST(ManifestParser, XmlSyntaxErrorsCarryLineAndColumn) {
  const ParsedManifest parsed =
      parse_manifest_text("<case id=\"a\">\n  <description>x</descr>\n</case>\n");
  EXPECT_FALSE(parsed.manifest);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_THAT(parsed.errors[0], ::testing::StartsWith("suite/c/case.xml:2:"));
  EXPECT_THAT(parsed.errors[0], ::testing::HasSubstr("XML is not well-formed"));
}

TEST(ManifestParser, RootMustBeCase) {
  const ParsedManifest parsed = parse_manifest_text("<?xml version=\"1.0\"?>\n<scenario/>\n");
  EXPECT_FALSE(parsed.manifest);
  EXPECT_THAT(parsed.errors, ElementsAre("suite/c/case.xml:2: the root element is <scenario>; a "
                                         "case manifest starts with <case>"));
}

TEST(ManifestParser, UnknownElementsAndAttributesAreErrorsWithLines) {
  ParsedManifest parsed = parse_manifest_text(manifest("  <flag/>\n", " colour=\"red\""));
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:4: unknown element <flag> inside <case> (allowed: "
                          "description, behaviour, flags, topology, expectations)",
                          "suite/c/case.xml:7:89: unknown attribute `colour` on <endpoint> "
                          "(allowed: name, role, driver, mode, transport, scenario, profile, "
                          "interface, remote, after, calls, rate, max-concurrent, service)"));
}

TEST(ManifestParser, BadEnumeratedValuesNameTheKnownOnes) {
  ParsedManifest parsed = parse_manifest_text(
      "<case id=\"s/c\">\n"
      "  <description>d</description><behaviour id=\"RT-01\"/>\n"
      "  <topology>\n"
      "    <sut kind=\"sbc\"/>\n"
      "    <endpoint name=\"a\" role=\"pbx\" driver=\"sipsimulator\" mode=\"server\" "
      "transport=\"sctp\"/>\n"
      "  </topology>\n"
      "</case>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:4: unknown SUT kind `sbc` (known: none, mediation)",
                          "suite/c/case.xml:5: unknown role `pbx` (known: lync, ip-pbx, "
                          "pstn-gateway, itsp)",
                          "suite/c/case.xml:5: unknown driver `sipsimulator` (known: sipp, sipsim)",
                          "suite/c/case.xml:5: unknown mode `server` (known: uas, uac)",
                          "suite/c/case.xml:5: unknown transport `sctp` (known: udp, tcp, tls)"));
}

TEST(ManifestParser, MissingPartsAreReportedAtTheCaseElement) {
  ParsedManifest parsed = parse_manifest_text("<case>\n</case>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:1: <case> needs the attribute `id`",
                          "suite/c/case.xml:1: <case> needs a <description>",
                          "suite/c/case.xml:1: <case> needs a <topology>",
                          "suite/c/case.xml:1: <case> names no <behaviour id=\"...\"/>; every case "
                          "covers at least one"));
}

TEST(ManifestParser, TimeoutAndIdValuesAreChecked) {
  ParsedManifest parsed = parse_manifest_text(
      "<case id=\"bad id!\" timeout=\"5\">\n"
      "  <description>d</description><behaviour id=\"RT-01\"/>\n"
      "  <topology><sut kind=\"none\"/></topology>\n"
      "</case>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:1: case id `bad id!` must be path-like words (e.g. "
                          "starter/basic-out) of letters, digits, `.`, `_` and `-`",
                          "suite/c/case.xml:1:29: attribute `timeout` of <case>: `5` has no unit: "
                          "write it with one of us, ms, s, min or h, e.g. 5s or 5ms",
                          "suite/c/case.xml:3: <topology> has no <endpoint>"));
  parsed = parse_manifest_text(
      "<case id=\"s/c\" timeout=\"10ms\">\n"
      "  <description>d</description><behaviour id=\"RT-01\"/>\n"
      "  <topology><sut kind=\"none\"/><endpoint name=\"a\" role=\"lync\" driver=\"sipp\" "
      "mode=\"uac\"/></topology>\n"
      "</case>\n");
  EXPECT_THAT(parsed.errors, ElementsAre("suite/c/case.xml:1: timeout must be at least 100ms"));
}

TEST(ManifestParser, ReadsFlags) {
  ParsedManifest parsed = parse_manifest_text(
      manifest("  <flags><expect-fail reason=\"REFER not relayed\"/><skip reason=\"needs TLS\"/>"
               "<requires capability=\"root\"/><requires capability=\"capture\"/></flags>\n"));
  ASSERT_THAT(parsed.errors, IsEmpty());
  const CaseFlags& flags = parsed.manifest->flags;
  EXPECT_EQ(flags.expected_failure, "REFER not relayed");
  EXPECT_EQ(flags.skip, "needs TLS");
  EXPECT_TRUE(flags.needs_root);
  EXPECT_TRUE(flags.needs_capture);
}

TEST(ManifestParser, FlagErrors) {
  ParsedManifest parsed =
      parse_manifest_text(manifest("  <flags>\n"
                                   "    <expect-fail/>\n"
                                   "    <skip reason=\"a\"/><skip reason=\"b\"/>\n"
                                   "    <requires capability=\"gpu\"/>\n"
                                   "    <retry/>\n"
                                   "  </flags>\n"));
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:5: <expect-fail> needs the attribute `reason`",
                          "suite/c/case.xml:6: <skip> is given twice",
                          "suite/c/case.xml:7: unknown capability `gpu` (known: root, capture)",
                          "suite/c/case.xml:8: unknown element <retry> inside <flags> (allowed: "
                          "expect-fail, skip, requires)"));
}

TEST(ManifestParser, EndpointNamesAreChecked) {
  ParsedManifest parsed = parse_manifest_text(
      "<case id=\"s/c\">\n"
      "  <description>d</description><behaviour id=\"RT-01\"/>\n"
      "  <topology><sut kind=\"none\"/>\n"
      "    <endpoint name=\"sut\" role=\"lync\" driver=\"sipp\" mode=\"uac\"/>\n"
      "    <endpoint name=\"9x\" role=\"lync\" driver=\"sipp\" mode=\"uac\"/>\n"
      "  </topology>\n"
      "</case>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("suite/c/case.xml:4: `sut` is reserved for the system under test",
                          "suite/c/case.xml:5: endpoint name `9x` must start with a letter and "
                          "hold only letters, digits, `-` and `_`"));
}

TEST(ManifestParser, DescriptionsBecomeOneLine) {
  std::string text = manifest();
  text.replace(text.find("A call."), 7, "\n    A call\n    through   the SUT.\n  ");
  const ParsedManifest parsed = parse_manifest_text(text);
  ASSERT_TRUE(parsed.manifest);
  EXPECT_EQ(parsed.manifest->description, "A call through the SUT.");
}

TEST(ManifestParser, TextWhereElementsBelongIsAnError) {
  ParsedManifest parsed = parse_manifest_text(manifest("  stray words\n"));
  EXPECT_THAT(parsed.errors, ElementsAre("suite/c/case.xml:1: <case> holds elements, not text"));
}

}  // namespace
}  // namespace sipconf::manifest
