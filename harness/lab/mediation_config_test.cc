#include "harness/lab/mediation_config.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include <fstream>
#include <sstream>

#include "base/temp_tree_for_test.h"
#include "harness/lab/lab_certificates.h"
#include "harness/lab/lab_error.h"
#include "harness/lab/process_launcher.h"
#include "harness/testing/diagnostics_text.h"
#include "mediation/config/config_loader.h"

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

manifest::MediationConfig sample_config() {
  manifest::MediationConfig config;
  config.internal.transport = manifest::Transport::tcp;
  config.internal.peer = "fe";
  config.voice_policy_usages = {"Local"};
  config.media_bypass = true;
  manifest::Trunk trunk;
  trunk.name = "gw1";
  trunk.peer = "gw";
  trunk.transport = manifest::Transport::udp;
  trunk.parameters.remove_plus_from_uri = true;
  trunk.parameters.enable_bypass = true;
  trunk.parameters.srtp_mode = manifest::SrtpMode::not_supported;
  trunk.outbound_translation = {{"^\\+(1\\d{10})$", "$1", {}}};
  trunk.response_code_translation = {{486, 34, 503, {}}};
  trunk.pstn_usages = {"Transit"};
  config.trunks = {trunk};
  manifest::VoiceRoute route;
  route.name = "us";
  route.usage = "Local";
  route.pattern = "^\\+1";
  route.trunks = {"gw1"};
  manifest::VoiceRoute transit = route;
  transit.name = "transit";
  transit.usage = "Transit";
  config.routes = {transit, route};
  return config;
}

MediationPlacement sample_placement() {
  MediationPlacement placement;
  placement.address = "127.0.0.12";
  placement.internal_port = 21000;
  placement.trunk_ports = {{"gw1", 21002}};
  placement.endpoints = {{"fe", {"127.0.0.13", 21010}}, {"gw", {"127.0.0.14", 21020}}};
  placement.log_file = "/tmp/case/mediation.log";
  return placement;
}

TEST(MediationConfig, WritesTheMediationsOwnFormat) {
  pugi::xml_document document;
  ASSERT_TRUE(
      document.load_string(render_mediation_config(sample_config(), sample_placement()).c_str()));
  const pugi::xml_node root = document.child("mediation");
  const pugi::xml_node internal = root.child("internal");
  EXPECT_STREQ(internal.attribute("listen-address").value(), "127.0.0.12");
  EXPECT_EQ(internal.attribute("listen-port").as_int(), 21000);
  EXPECT_STREQ(internal.attribute("transport").value(), "tcp");
  EXPECT_STREQ(internal.attribute("peer-address").value(), "127.0.0.13");
  EXPECT_EQ(internal.attribute("peer-port").as_int(), 21010);
  const pugi::xml_node trunk = root.child("trunk");
  EXPECT_STREQ(trunk.attribute("name").value(), "gw1");
  EXPECT_STREQ(trunk.attribute("peer").value(), "127.0.0.14");
  EXPECT_EQ(trunk.attribute("peer-port").as_int(), 21020);
  EXPECT_STREQ(trunk.attribute("transport").value(), "udp");
  EXPECT_EQ(trunk.attribute("listen-port").as_int(), 21002);
  const pugi::xml_node settings = trunk.child("configuration");
  EXPECT_STREQ(settings.attribute("SRTPMode").value(), "NotSupported");
  EXPECT_STREQ(settings.attribute("RemovePlusFromUri").value(), "true");
  EXPECT_STREQ(settings.attribute("EnableBypass").value(), "true");
  EXPECT_STREQ(settings.attribute("EnableReferSupport").value(), "true");
  EXPECT_EQ(settings.attribute("MaxEarlyDialogs").as_int(), 20);
  EXPECT_STREQ(settings.child("OutboundTranslationRule").attribute("Pattern").value(),
               "^\\+(1\\d{10})$");
  EXPECT_EQ(
      settings.child("SipResponseCodeTranslationRule").attribute("TranslatedResponseCode").as_int(),
      503);
  EXPECT_STREQ(settings.child("PstnUsage").attribute("Name").value(), "Transit");
  EXPECT_STREQ(trunk.child("health").attribute("options-interval").value(), "30000ms");
  // The voice policy's usage first, then the usage only a trunk names.
  const pugi::xml_node first = root.child("pstn-usage");
  EXPECT_STREQ(first.attribute("name").value(), "Local");
  EXPECT_STREQ(first.child("route").attribute("name").value(), "us");
  EXPECT_STREQ(first.child("route").child("trunk").attribute("name").value(), "gw1");
  EXPECT_STREQ(first.next_sibling("pstn-usage").attribute("name").value(), "Transit");
  EXPECT_STREQ(root.child("log").attribute("file").value(), "/tmp/case/mediation.log");
}

TEST(MediationConfig, BypassNeedsTheGlobalSwitchToo) {
  manifest::MediationConfig config = sample_config();
  config.media_bypass = false;
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(render_mediation_config(config, sample_placement()).c_str()));
  EXPECT_STREQ(document.child("mediation")
                   .child("trunk")
                   .child("configuration")
                   .attribute("EnableBypass")
                   .value(),
               "false");
}

TEST(MediationConfig, NamesWhatTheBuiltinMediationCannotDo) {
  manifest::MediationConfig config = sample_config();
  base::Diagnostics diags;
  EXPECT_FALSE(check_builtin_mediation_config(config, diags));
  // TLS is no limit: the harness issues the certificates.
  config.internal.transport = manifest::Transport::tls;
  config.trunks[0].transport = manifest::Transport::tls;
  EXPECT_FALSE(check_builtin_mediation_config(config, diags));
  EXPECT_TRUE(diags.empty()) << testing::text_of(diags);
  config = sample_config();
  config.trunks[0].inbound_normalization = {{"^(\\d{4})$", "+1425555$1", {"case.xml", 12, 7}}};
  EXPECT_EQ(check_builtin_mediation_config(config, diags), LabErrc::kSutCannotServeCase);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string().rfind("case.xml:12:7: trunk ", 0), 0u) << diags[0].to_string();
  EXPECT_NE(diags[0].message.find("<inbound-normalization>"), std::string::npos);
  config = sample_config();
  config.routes[0].suppress_caller_id = true;
  diags.clear();
  EXPECT_EQ(check_builtin_mediation_config(config, diags), LabErrc::kSutCannotServeCase);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].message.find("masks the caller ID"), std::string::npos);
}

manifest::MediationConfig tls_config() {
  manifest::MediationConfig config = sample_config();
  config.internal.transport = manifest::Transport::tls;
  config.trunks[0].transport = manifest::Transport::tls;
  return config;
}

MediationPlacement tls_placement() {
  MediationPlacement placement = sample_placement();
  placement.tls = TlsIdentity{"/case/tls/ca.pem", "/case/tls/mediation.pem",
                              "/case/tls/mediation.key", "mediation.sipconf.test"};
  return placement;
}

TEST(MediationConfig, TlsPeersAreNamedByTheirLabCertificates) {
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(render_mediation_config(tls_config(), tls_placement()).c_str()));
  const pugi::xml_node root = document.child("mediation");
  const pugi::xml_node tls = root.child("tls");
  EXPECT_STREQ(tls.attribute("ca").value(), "/case/tls/ca.pem");
  EXPECT_STREQ(tls.attribute("certificate").value(), "/case/tls/mediation.pem");
  EXPECT_STREQ(tls.attribute("key").value(), "/case/tls/mediation.key");
  const pugi::xml_node internal = root.child("internal");
  EXPECT_STREQ(internal.attribute("transport").value(), "tls");
  EXPECT_STREQ(internal.attribute("peer-fqdn").value(), "fe.sipconf.test");
  EXPECT_STREQ(internal.attribute("peer-address").value(), "127.0.0.13");
  const pugi::xml_node trunk = root.child("trunk");
  EXPECT_STREQ(trunk.attribute("peer").value(), "gw.sipconf.test");
  EXPECT_STREQ(trunk.attribute("peer-address").value(), "127.0.0.14");
  EXPECT_STREQ(trunk.attribute("peer-port").value(), "21020");

  // Without TLS nothing of it appears.
  ASSERT_TRUE(
      document.load_string(render_mediation_config(sample_config(), sample_placement()).c_str()));
  EXPECT_FALSE(document.child("mediation").child("tls"));
  EXPECT_FALSE(document.child("mediation").child("internal").attribute("peer-fqdn"));
  EXPECT_STREQ(document.child("mediation").child("trunk").attribute("peer").value(), "127.0.0.14");
}

// The file is the mediation's writer's: its loader reads back the model the harness built.
TEST(MediationConfig, TheFileReadsBackAsTheModel) {
  const MediationPlacement placement = tls_placement();
  const mediation::MediationConfig model = builtin_mediation_config(tls_config(), placement);
  mediation::ConfigLoadOptions options;
  options.check_files = false;
  const mediation::ConfigLoad read = mediation::parse_config(
      render_mediation_config(tls_config(), placement), model.source, "/", options);
  ASSERT_TRUE(read.ok()) << read.error.to_string();
  EXPECT_EQ(*read.config, model);
  EXPECT_EQ(read.config->trunks.at(0).settings.srtp_mode, mediation::SrtpMode::not_supported);
  EXPECT_TRUE(read.config->trunks.at(0).settings.remove_plus_from_uri);
}

/// Runs `mediation --check` on a file the harness wrote; the exit status and stderr.
std::pair<int, std::string> check_with_mediation(const manifest::MediationConfig& config,
                                                 MediationPlacement placement,
                                                 const base::testing::TempTree& tree) {
  const std::filesystem::path mediation = base::binary_dir() / "mediation" / "mediation";
  EXPECT_TRUE(std::filesystem::exists(mediation))
      << "build the mediation first: cmake --build " << base::binary_dir().string()
      << " --target mediation";
  placement.log_file = tree.root() / "mediation.log";
  const std::filesystem::path file = tree.root() / "mediation.xml";
  EXPECT_FALSE(write_mediation_config(config, placement, file));
  std::error_code ec;
  auto process = make_process_launcher()->launch(ProcessSpec{"mediation",
                                                             mediation,
                                                             {"--config", file.string(), "--check"},
                                                             tree.root(),
                                                             tree.root() / "out.txt",
                                                             tree.root() / "err.txt"},
                                                 ec);
  if (!process) return {-1, ec.message()};
  const std::optional<ProcessExit> exit = wait_for_exit(
      *process, std::chrono::steady_clock::now() + std::chrono::seconds(20), std::stop_token());
  std::ifstream err(tree.root() / "err.txt");
  std::ostringstream text;
  text << err.rdbuf();
  return {exit ? exit->code : -1, text.str()};
}

// The contract with the mediation itself: its own loader accepts what the harness writes.
TEST(MediationConfig, TheMediationAcceptsTheFile) {
  base::testing::TempTree tree;
  const auto [code, err] = check_with_mediation(sample_config(), sample_placement(), tree);
  EXPECT_EQ(code, 0) << err;
}

TEST(MediationConfig, TheMediationAcceptsTheTlsFileWithLabCertificates) {
  base::testing::TempTree tree;
  base::Diagnostics diags;
  auto ca = LabCertificateAuthority::create(tree.root() / "tls", diags);
  ASSERT_TRUE(ca) << testing::text_of(diags);
  MediationPlacement placement = sample_placement();
  sip::Result<TlsIdentity> identity = ca->issue("mediation", {placement.address}, diags);
  ASSERT_TRUE(identity) << testing::text_of(diags);
  placement.tls = std::move(identity).value();
  const auto [code, err] = check_with_mediation(tls_config(), placement, tree);
  EXPECT_EQ(code, 0) << err;
  // The same file without certificates is refused by the mediation, as it should be.
  base::testing::TempTree bare;
  EXPECT_EQ(check_with_mediation(tls_config(), sample_placement(), bare).first, 2);
}

}  // namespace
}  // namespace sipconf::harness
