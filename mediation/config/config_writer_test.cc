#include "mediation/config/config_writer.h"

#include <gtest/gtest.h>

#include "mediation/config/config_loader.h"
#include "mediation/config/trunk_parameters.h"
#include "mediation/config/trunk_parameters_test_support.h"

namespace sipconf::mediation {
namespace {

constexpr char kOrigin[] = "written.xml";

/// load(write(config)), without touching files or DNS: a written file pins every IP.
ConfigLoad reload(const MediationConfig& config) {
  ConfigLoadOptions options;
  options.check_files = false;
  options.resolve = [](const std::string& host, std::string& error) -> std::optional<std::string> {
    error = "no DNS in this test: " + host;
    return std::nullopt;
  };
  return parse_config(write_config(config), kOrigin, "/etc/sipconf", options);
}

/// The smallest configuration the loader takes: everything at its default.
MediationConfig minimal() {
  MediationConfig c;
  c.source = kOrigin;
  c.internal.listen_address = "127.0.0.1";
  c.internal.transport = sip::Transport::tcp;
  c.internal.peer_address = "127.0.0.2";
  TrunkConfig trunk;
  trunk.name = "gw1";
  trunk.peer_host = "127.0.0.3";
  trunk.peer_address = "127.0.0.3";
  trunk.listen_address = "127.0.0.1";
  c.trunks.push_back(trunk);
  VoiceRoute route;
  route.name = "all";
  route.trunks = {"gw1"};
  c.usages.push_back(PstnUsage{"Local", {route}, {}});
  return c;
}

/// Every setting away from its default.
MediationConfig everything_set() {
  MediationConfig c = minimal();
  c.internal.listen_port = 6070;
  c.internal.transport = sip::Transport::tls;
  c.internal.peer_port = 6061;
  c.internal.peer_fqdn = "fe.lync.test";
  c.tls = {"/tls/ca.pem", "/tls/mediation.pem", "/tls/mediation.key"};

  TrunkConfig& gw = c.trunks[0];
  gw.peer_host = "gw.example.test";
  gw.peer_address = "127.0.0.44";
  gw.peer_port = 6067;
  gw.transport = sip::Transport::tls;
  gw.listen_port = 6068;
  TrunkSettings& s = gw.settings;
  for (const TrunkParameter& parameter : trunk_parameters()) {
    testing::set_off_default(parameter, s);
  }
  s.outbound_translation_rules = {{"us", R"(^\+(1\d{10})$)", "$1"}, {"", "^(.*)$", "9$1"}};
  s.outbound_calling_number_translation_rules = {{"", R"(^\+1206(\d{7})$)", "$1"}};
  s.response_code_translation_rules = {{"busy", 486, 34, 503}, {"", 0, 16, 404}};
  s.pstn_usages = {"Local", "Failover"};
  s.options_interval = std::chrono::milliseconds(1500);
  s.options_miss_threshold = 2;
  s.options_down_reprobe = std::chrono::minutes(2);
  s.fast_failover_after = std::chrono::seconds(3);

  TrunkConfig pbx;
  pbx.name = "pbx";
  pbx.peer_host = "::1";
  pbx.peer_address = "::1";
  pbx.peer_port = 5060;
  pbx.transport = sip::Transport::udp;
  pbx.listen_address = "127.0.0.1";
  pbx.listen_port = 5090;
  c.trunks.push_back(pbx);

  c.usages[0].routes[0].pattern = R"(^\+1(425|206)\d{7}$)";
  c.usages[0].routes[0].trunks = {"gw1", "pbx"};
  VoiceRoute anywhere{"anywhere", "^\\+", {"pbx"}, {}};
  c.usages.push_back(PstnUsage{"Failover", {anywhere}, {}});
  c.usages.push_back(PstnUsage{"Empty", {}, {}});
  c.metrics = {true, "127.0.0.9", 9464, {}};
  c.log = {spdlog::level::trace, LogFormat::json, "/var/log/mediation.log"};
  c.timers.t1 = std::chrono::milliseconds(250);
  c.timers.t2 = std::chrono::seconds(2);
  c.timers.t4 = std::chrono::seconds(3);
  c.timers.timer_d_unreliable = std::chrono::seconds(10);
  c.limits = {100, 50, 5, std::chrono::seconds(2), std::chrono::hours(1)};
  c.shutdown_grace = std::chrono::milliseconds(0);
  return c;
}

TEST(ConfigWriter, DefaultsRoundTrip) {
  const MediationConfig c = minimal();
  const ConfigLoad r = reload(c);
  ASSERT_TRUE(r.ok()) << r.error.to_string() << "\n" << write_config(c);
  EXPECT_EQ(*r.config, c) << write_config(c);
}

TEST(ConfigWriter, EverySettingAwayFromItsDefaultRoundTrips) {
  const MediationConfig c = everything_set();
  EXPECT_NE(c, minimal());
  const ConfigLoad r = reload(c);
  ASSERT_TRUE(r.ok()) << r.error.to_string() << "\n" << write_config(c);
  EXPECT_EQ(*r.config, c) << write_config(c);
}

// One parameter at a time, so a row whose member or spelling is wrong is named.
TEST(ConfigWriter, EachTrunkParameterRoundTripsAlone) {
  for (const TrunkParameter& parameter : trunk_parameters()) {
    SCOPED_TRACE(parameter.name);
    MediationConfig c = minimal();
    testing::set_off_default(parameter, c.trunks[0].settings);
    const std::string text = write_config(c);
    EXPECT_NE(text.find(std::string(parameter.name) + "=\""), std::string::npos) << text;
    const ConfigLoad r = reload(c);
    ASSERT_TRUE(r.ok()) << r.error.to_string() << "\n" << text;
    EXPECT_EQ(*r.config, c) << text;
  }
}

TEST(ConfigWriter, EverySrtpModeRoundTrips) {
  for (const SrtpModeName& mode : srtp_mode_names()) {
    MediationConfig c = minimal();
    c.trunks[0].settings.srtp_mode = mode.value;
    const ConfigLoad r = reload(c);
    ASSERT_TRUE(r.ok()) << r.error.to_string();
    EXPECT_EQ(r.config->trunks[0].settings.srtp_mode, mode.value) << mode.name;
  }
}

// A written file reads as a person would write it: `30s`, not `30000ms`.
TEST(ConfigWriter, DurationsAreWrittenInTheirCanonicalSpelling) {
  MediationConfig c = minimal();
  c.shutdown_grace = std::chrono::seconds(30);
  c.limits.tcp_idle_timeout = std::chrono::minutes(10);
  c.timers.t1 = std::chrono::milliseconds(500);
  c.trunks[0].settings.fast_failover_after = std::chrono::milliseconds(1500);
  const std::string text = write_config(c);
  EXPECT_NE(text.find("grace=\"30s\""), std::string::npos) << text;
  EXPECT_NE(text.find("tcp-idle-timeout=\"10min\""), std::string::npos) << text;
  EXPECT_NE(text.find("t1=\"500ms\""), std::string::npos) << text;
  EXPECT_NE(text.find("fast-failover-after=\"1500ms\""), std::string::npos) << text;
  const ConfigLoad r = reload(c);
  ASSERT_TRUE(r.ok()) << r.error.to_string() << "\n" << text;
  EXPECT_EQ(*r.config, c);
}

}  // namespace
}  // namespace sipconf::mediation
