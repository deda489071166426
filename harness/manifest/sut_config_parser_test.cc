#include "harness/manifest/sut_config_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "base/build_paths.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct ParsedSutConfig {
  SutSpec sut;
  std::vector<std::string> errors;
};

ParsedSutConfig parse_sut_config_text(const std::string& xml) {
  ParsedSutConfig parsed;
  base::Diagnostics diags;
  base::XmlFile file;
  if (!file.parse(xml, "case.xml", diags)) parsed.sut = parse_sut(file, file.root(), diags);
  for (const base::Diagnostic& d : diags) parsed.errors.push_back(d.to_string());
  return parsed;
}

TEST(SutConfigParser, NoneTakesNoConfiguration) {
  EXPECT_THAT(parse_sut_config_text("<sut kind=\"none\"/>").errors, IsEmpty());
  EXPECT_THAT(parse_sut_config_text("<sut kind=\"none\">\n<trunk name=\"a\"/>\n</sut>").errors,
              ElementsAre("case.xml:2: <sut kind=\"none\"> has no configuration, found <trunk>"));
  EXPECT_THAT(parse_sut_config_text("<sut/>").errors,
              ElementsAre("case.xml:1: <sut> needs the attribute `kind`"));
}

TEST(SutConfigParser, TrunkParametersDefaultToLync2013) {
  const ParsedSutConfig parsed =
      parse_sut_config_text("<sut kind=\"mediation\"><trunk name=\"gw1\" peer=\"gw1\"/></sut>");
  ASSERT_THAT(parsed.errors, IsEmpty());
  ASSERT_EQ(parsed.sut.mediation.trunks.size(), 1u);
  const Trunk& trunk = parsed.sut.mediation.trunks[0];
  EXPECT_EQ(trunk.transport, Transport::tcp);
  EXPECT_TRUE(trunk.parameters.concentrated_topology);
  EXPECT_FALSE(trunk.parameters.enable_bypass);
  EXPECT_TRUE(trunk.parameters.enable_refer_support);
  EXPECT_EQ(trunk.parameters.max_early_dialogs, 20);
  EXPECT_EQ(trunk.parameters.srtp_mode, SrtpMode::required);
  EXPECT_TRUE(trunk.parameters.enable_fast_failover_timer);
  EXPECT_FALSE(trunk.parameters.forward_pai);
  EXPECT_EQ(trunk.health.miss_threshold, 5);
  EXPECT_EQ(trunk.health.down_reprobe, std::chrono::milliseconds(60000));
  EXPECT_EQ(parsed.sut.mediation.internal.transport, Transport::tls);
}

TEST(SutConfigParser, ReadsAFullMediationConfiguration) {
  const ParsedSutConfig parsed = parse_sut_config_text(
      "<sut kind=\"mediation\" media-bypass=\"true\">\n"
      "  <internal transport=\"tcp\" peer=\"fe\"/>\n"
      "  <trunk name=\"gw1\" peer=\"gw1\" transport=\"udp\" srtp-mode=\"not-supported\"\n"
      "         remove-plus-from-uri=\"true\" forward-pai=\"true\" max-early-dialogs=\"4\"\n"
      "         enable-fast-failover-timer=\"false\">\n"
      "    <outbound-translation pattern=\"^\\+(1\\d{10})$\" translation=\"$1\"/>\n"
      "    <calling-number-translation pattern=\"^\\+1206(\\d{7})$\" translation=\"$1\"/>\n"
      "    <inbound-normalization pattern=\"^(\\d{4})$\" translation=\"+1425555$1\"/>\n"
      "    <response-code-translation received=\"486\" isup-cause=\"34\" translated=\"503\"/>\n"
      "    <pstn-usage name=\"Local\"/>\n"
      "    <options-health interval=\"2s\" miss-threshold=\"3\" reprobe=\"5s\"/>\n"
      "    <fast-failover after=\"1500ms\"/>\n"
      "  </trunk>\n"
      "  <voice-policy><usage name=\"Local\"/><usage name=\"GlobalPSTNHopoff\"/></voice-policy>\n"
      "  <route name=\"us\" usage=\"Local\" pattern=\"^\\+1\\d{10}$\" suppress-caller-id=\"true\"\n"
      "         alternate-caller-id=\"+14255550000\">\n"
      "    <trunk ref=\"gw1\"/><trunk ref=\"gw2\"/>\n"
      "  </route>\n"
      "</sut>\n");
  ASSERT_THAT(parsed.errors, IsEmpty());
  const MediationConfig& config = parsed.sut.mediation;
  EXPECT_EQ(parsed.sut.kind, SutKind::mediation);
  EXPECT_TRUE(config.media_bypass);
  EXPECT_EQ(config.internal.transport, Transport::tcp);
  EXPECT_EQ(config.internal.peer, "fe");
  const Trunk& trunk = config.trunks.at(0);
  EXPECT_EQ(trunk.transport, Transport::udp);
  EXPECT_EQ(trunk.parameters.srtp_mode, SrtpMode::not_supported);
  EXPECT_TRUE(trunk.parameters.remove_plus_from_uri);
  EXPECT_TRUE(trunk.parameters.forward_pai);
  EXPECT_FALSE(trunk.parameters.enable_fast_failover_timer);
  EXPECT_EQ(trunk.parameters.max_early_dialogs, 4);
  ASSERT_EQ(trunk.outbound_translation.size(), 1u);
  EXPECT_EQ(trunk.outbound_translation[0].pattern, "^\\+(1\\d{10})$");
  EXPECT_EQ(trunk.outbound_translation[0].translation, "$1");
  EXPECT_EQ(trunk.outbound_translation[0].where.line, 6);
  EXPECT_EQ(trunk.calling_number_translation.size(), 1u);
  EXPECT_EQ(trunk.inbound_normalization.at(0).translation, "+1425555$1");
  EXPECT_EQ(trunk.response_code_translation.at(0).received, 486);
  EXPECT_EQ(trunk.response_code_translation.at(0).isup_cause, 34);
  EXPECT_EQ(trunk.response_code_translation.at(0).translated, 503);
  EXPECT_EQ(trunk.pstn_usages, std::vector<std::string>{"Local"});
  EXPECT_EQ(trunk.health.interval, std::chrono::milliseconds(2000));
  EXPECT_EQ(trunk.health.miss_threshold, 3);
  EXPECT_EQ(trunk.fast_failover_after, std::chrono::milliseconds(1500));
  EXPECT_EQ(config.voice_policy_usages, (std::vector<std::string>{"Local", "GlobalPSTNHopoff"}));
  const VoiceRoute& route = config.routes.at(0);
  EXPECT_EQ(route.usage, "Local");
  EXPECT_TRUE(route.suppress_caller_id);
  EXPECT_EQ(route.alternate_caller_id, "+14255550000");
  EXPECT_EQ(route.trunks, (std::vector<std::string>{"gw1", "gw2"}));
}

TEST(SutConfigParser, ReportsBadValuesAtTheirLines) {
  const ParsedSutConfig parsed = parse_sut_config_text(
      "<sut kind=\"mediation\">\n"
      "  <internal transport=\"udp\"/>\n"
      "  <trunk name=\"gw1\" peer=\"gw1\" srtp-mode=\"sometimes\" forward-pai=\"yes\" "
      "mtu=\"1500\">\n"
      "    <outbound-translation pattern=\"^(\\d+\" translation=\"$1\"/>\n"
      "    <response-code-translation received=\"200\" translated=\"503\"/>\n"
      "    <response-code-translation received=\"0\" translated=\"503\"/>\n"
      "    <normalization/>\n"
      "  </trunk>\n"
      "  <route name=\"r\" usage=\"U\" suppress-caller-id=\"true\"/>\n"
      "  <route name=\"s\" usage=\"U\" alternate-caller-id=\"0123\"><trunk ref=\"gw1\"/></route>\n"
      "  <trunk name=\"gw2\" peer=\"gw2\">\n"
      "    <calling-number-translation pattern=\"^1\" translation=\"${1}\"/>\n"
      "    <fast-failover/>\n"
      "  </trunk>\n"
      "</sut>\n");
  ASSERT_EQ(parsed.errors.size(), 13u);
  EXPECT_EQ(parsed.errors[0],
            "case.xml:2: the internal interface speaks tls (MTLS) or tcp (lab captures), not udp");
  EXPECT_THAT(parsed.errors[1], ::testing::StartsWith("case.xml:3:72: unknown attribute `mtu` on "
                                                      "<trunk>"));
  EXPECT_EQ(parsed.errors[2],
            "case.xml:3:67: attribute `forward-pai` of <trunk>: `yes`: write true");
  EXPECT_EQ(parsed.errors[3],
            "case.xml:3: unknown srtp-mode `sometimes` (known: required, "
            "optional, not-supported)");
  EXPECT_THAT(parsed.errors[4], ::testing::StartsWith("case.xml:4:36: attribute `pattern` of "
                                                      "<outbound-translation>: regex `^(\\d+` "
                                                      "does not compile"));
  EXPECT_EQ(parsed.errors[5], "case.xml:5: `received` must be 0 (any code) or a code in 400-699");
  EXPECT_EQ(parsed.errors[6],
            "case.xml:6: `received=\"0\"` matches on the ISUP cause only, so "
            "`isup-cause` is needed");
  EXPECT_EQ(parsed.errors[7],
            "case.xml:7: unknown element <normalization> inside <trunk> "
            "(allowed: outbound-translation, calling-number-translation, "
            "inbound-normalization, response-code-translation, pstn-usage, "
            "options-health, fast-failover)");
  EXPECT_EQ(parsed.errors[8],
            "case.xml:9: suppress-caller-id=\"true\" needs an alternate-caller-id");
  EXPECT_EQ(parsed.errors[9], "case.xml:9: route `r` lists no <trunk ref>");
  EXPECT_EQ(parsed.errors[10],
            "case.xml:10: alternate-caller-id `0123` must match "
            "(\\+)?[1-9]\\d*(;ext=[1-9]\\d*)?");
  EXPECT_THAT(parsed.errors[11], ::testing::StartsWith("case.xml:12: translation `${1}`: a `$` "
                                                       "must be followed by a group number"));
  EXPECT_EQ(parsed.errors[12], "case.xml:13: <fast-failover> needs `after`");
}

// Every Lync trunk parameter a manifest may set is read into its member: set alone, it
// changes that parameter and no other.
TEST(SutConfigParser, ReadsEveryTrunkParameterOfTheTable) {
  const TrunkParameters defaults;
  for (const mediation::TrunkParameter& row : mediation::trunk_parameters()) {
    if (row.manifest_name.empty()) continue;
    SCOPED_TRACE(row.manifest_name);
    std::string value;
    if (std::holds_alternative<mediation::BooleanParameter>(row.kind)) {
      value = mediation::format_value(row, defaults) == "true" ? "false" : "true";
    } else if (const auto* integer = std::get_if<mediation::IntegerParameter>(&row.kind)) {
      value = std::to_string(integer->max);
    } else {
      value = mediation::srtp_mode_names().back().manifest_name;
    }
    const ParsedSutConfig parsed =
        parse_sut_config_text("<sut kind=\"mediation\"><trunk name=\"gw1\" peer=\"gw1\" " +
                              std::string(row.manifest_name) + "=\"" + value + "\"/></sut>");
    ASSERT_THAT(parsed.errors, IsEmpty());
    const TrunkParameters& read = parsed.sut.mediation.trunks.at(0).parameters;
    for (const mediation::TrunkParameter& other : mediation::trunk_parameters()) {
      if (&other == &row) {
        EXPECT_NE(mediation::format_value(other, read), mediation::format_value(other, defaults));
      } else {
        EXPECT_EQ(mediation::format_value(other, read), mediation::format_value(other, defaults))
            << other.name;
      }
    }
  }
}

// scenarios/README.md names each trunk parameter a manifest takes.
TEST(SutConfigParser, ReadmeNamesEveryTrunkParameter) {
  const std::string path = base::source_dir().string() + "/scenarios/README.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  for (const mediation::TrunkParameter& row : mediation::trunk_parameters()) {
    if (row.manifest_name.empty()) continue;
    EXPECT_NE(text.str().find("`" + std::string(row.manifest_name) + "`"), std::string::npos)
        << path << " does not name the trunk attribute `" << row.manifest_name << "` (" << row.name
        << ")";
  }
}

}  // namespace
}  // namespace sipconf::manifest
