#include "mediation/config/config_loader.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

constexpr char kMinimal[] = R"(<mediation>
  <internal listen-address="127.0.0.1" transport="tcp" peer-address="127.0.0.2"/>
  <trunk name="gw1" peer="127.0.0.3"/>
  <pstn-usage name="Local">
    <route name="all" pattern="^\+1"><trunk name="gw1"/></route>
  </pstn-usage>
</mediation>
)";

ConfigLoad load(const std::string& text, ConfigLoadOptions options = {}) {
  options.check_files = false;
  if (!options.resolve) {
    options.resolve = [](const std::string& host,
                         std::string& error) -> std::optional<std::string> {
      if (host == "gw.example.test") return "127.0.0.44";
      error = "unknown host";
      return std::nullopt;
    };
  }
  return parse_config(text, "m.xml", "/etc/sipconf", options);
}

/// Loads `text` expecting an error; returns "line: message".
std::string error_of(const std::string& text) {
  ConfigLoad r = load(text);
  EXPECT_FALSE(r.ok()) << "expected an error for:\n" << text;
  return std::to_string(r.error.where.line) + ": " + r.error.message;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(ConfigLoader, MinimalConfigurationTakesTheLyncDefaults) {
  ConfigLoad r = load(kMinimal);
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  const MediationConfig& c = *r.config;
  EXPECT_EQ(c.internal.listen_port, 5070);
  EXPECT_EQ(c.internal.peer_port, 5061);
  EXPECT_EQ(c.internal.transport, sip::Transport::tcp);
  ASSERT_EQ(c.trunks.size(), 1u);
  const TrunkConfig& t = c.trunks[0];
  EXPECT_EQ(t.transport, sip::Transport::tcp);
  EXPECT_EQ(t.peer_port, 5066);
  EXPECT_EQ(t.listen_port, 5068);
  EXPECT_EQ(t.listen_address, "127.0.0.1");
  EXPECT_EQ(t.settings.max_early_dialogs, 20);
  EXPECT_EQ(t.settings.srtp_mode, SrtpMode::required);
  EXPECT_TRUE(t.settings.enable_refer_support);
  EXPECT_TRUE(t.settings.enable_fast_failover_timer);
  EXPECT_FALSE(t.settings.forward_pai);
  EXPECT_EQ(t.settings.options_miss_threshold, 5);
  EXPECT_EQ(t.settings.options_down_reprobe, std::chrono::seconds(60));
  EXPECT_EQ(c.timers.t1, std::chrono::milliseconds(500));
  EXPECT_EQ(c.shutdown_grace, std::chrono::seconds(30));
  EXPECT_FALSE(c.metrics.enabled);
  ASSERT_EQ(c.usages.size(), 1u);
  EXPECT_EQ(c.usages[0].routes[0].trunks, std::vector<std::string>{"gw1"});
}

TEST(ConfigLoader, FullConfigurationIsRead) {
  const std::string text = R"(<mediation>
  <internal listen-address="127.0.0.1" listen-port="6070" transport="tls" peer-address="127.0.0.2"
            peer-port="6061" peer-fqdn="fe.lync.test"/>
  <tls ca="ca.pem" certificate="/abs/server.pem" key="server.key"/>
  <trunk name="gw1" peer="gw.example.test" transport="tls" listen-port="6067">
    <configuration EnableBypass="True" MaxEarlyDialogs="5" SRTPMode="NotSupported" ForwardPAI="true"
                   RemovePlusFromUri="true" Description="lab gateway">
      <OutboundTranslationRule Name="us" Pattern="^\+(1\d{10})$" Translation="$1"/>
      <OutboundCallingNumberTranslationRule Pattern="^\+1206(\d{7})$" Translation="$1"/>
      <SipResponseCodeTranslationRule Name="busy" ReceivedResponseCode="486"
                                      ReceivedISUPCauseValue="34" TranslatedResponseCode="503"/>
      <PstnUsage Name="Local"/>
    </configuration>
    <health options-interval="10s" options-miss-threshold="3" options-down-reprobe="2m"
            fast-failover-after="1500ms"/>
  </trunk>
  <trunk name="pbx" peer="127.0.0.5" peer-port="5060" transport="udp" listen-port="5090"/>
  <pstn-usage name="Local">
    <route name="us" pattern="^\+1"><trunk name="gw1"/><trunk name="pbx"/></route>
  </pstn-usage>
  <pstn-usage name="Failover"/>
  <metrics address="127.0.0.1" port="9464"/>
  <log level="debug" format="json" file="med.log"/>
  <timers t1="250ms" t2="2s" t4="3s" timer-d="10s"/>
  <limits max-calls="100" max-connections="50" tcp-connect-timeout="2s" tcp-idle-timeout="1m"/>
  <shutdown grace="5s"/>
</mediation>)";
  ConfigLoad r = load(text);
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  const MediationConfig& c = *r.config;
  EXPECT_EQ(c.internal.transport, sip::Transport::tls);
  EXPECT_EQ(c.internal.peer_fqdn, "fe.lync.test");
  EXPECT_EQ(c.tls.ca_file, "/etc/sipconf/ca.pem");
  EXPECT_EQ(c.tls.certificate_file, "/abs/server.pem");
  const TrunkConfig& gw = c.trunks[0];
  EXPECT_EQ(gw.peer_host, "gw.example.test");
  EXPECT_EQ(gw.peer_address, "127.0.0.44");
  EXPECT_TRUE(gw.peer_is_fqdn());
  EXPECT_EQ(gw.peer_port, 5067);
  EXPECT_TRUE(gw.settings.enable_bypass);
  EXPECT_EQ(gw.settings.max_early_dialogs, 5);
  EXPECT_EQ(gw.settings.srtp_mode, SrtpMode::not_supported);
  EXPECT_TRUE(gw.settings.forward_pai);
  EXPECT_TRUE(gw.settings.remove_plus_from_uri);
  EXPECT_EQ(gw.settings.description, "lab gateway");
  ASSERT_EQ(gw.settings.outbound_translation_rules.size(), 1u);
  EXPECT_EQ(gw.settings.outbound_translation_rules[0].pattern, R"(^\+(1\d{10})$)");
  EXPECT_EQ(gw.settings.outbound_calling_number_translation_rules[0].translation, "$1");
  ASSERT_EQ(gw.settings.response_code_translation_rules.size(), 1u);
  EXPECT_EQ(gw.settings.response_code_translation_rules[0].received_isup_cause, 34);
  EXPECT_EQ(gw.settings.response_code_translation_rules[0].translated_code, 503);
  EXPECT_EQ(gw.settings.pstn_usages, std::vector<std::string>{"Local"});
  EXPECT_EQ(gw.settings.options_interval, std::chrono::seconds(10));
  EXPECT_EQ(gw.settings.options_down_reprobe, std::chrono::minutes(2));
  EXPECT_EQ(gw.settings.fast_failover_after, std::chrono::milliseconds(1500));
  EXPECT_EQ(c.trunks[1].transport, sip::Transport::udp);
  EXPECT_EQ(c.metrics.port, 9464);
  EXPECT_EQ(c.log.level, spdlog::level::debug);
  EXPECT_EQ(c.log.format, LogFormat::json);
  EXPECT_EQ(c.log.file, "/etc/sipconf/med.log");
  EXPECT_EQ(c.timers.t1, std::chrono::milliseconds(250));
  EXPECT_EQ(c.timers.timer_d_unreliable, std::chrono::seconds(10));
  EXPECT_EQ(c.limits.max_calls, 100u);
  EXPECT_EQ(c.limits.tcp_idle_timeout, std::chrono::minutes(1));
  EXPECT_EQ(c.shutdown_grace, std::chrono::seconds(5));

  const sip::TransportConfig transport = c.transport_config();
  ASSERT_EQ(transport.listeners.size(), 3u);
  ASSERT_TRUE(transport.listeners[0].tls);
  EXPECT_EQ(transport.listeners[0].tls->allowed_peer_names,
            std::vector<std::string>{"fe.lync.test"});
  EXPECT_EQ(transport.listeners[1].tls->allowed_peer_names,
            std::vector<std::string>{"gw.example.test"});
  EXPECT_FALSE(transport.listeners[2].tls);
  EXPECT_EQ(transport.limits.max_connections, 50u);
}

TEST(ConfigLoader, TranslationsOutsideTheSupportedSubsetAreRefusedAtTheirLine) {
  const std::string base = kMinimal;
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\">\n<configuration>\n"
                             "<OutboundTranslationRule Translation=\"${1}\"/>\n"
                             "</configuration></trunk>")),
            "5: Translation=\"${1}\" is not valid: a `$` must be followed by a group number 1-9 "
            "or by `$` (the supported substitutions are $1..$9 and $$)");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\">\n<configuration>\n"
                             "<OutboundCallingNumberTranslationRule Translation=\"9$\"/>\n"
                             "</configuration></trunk>")),
            "5: Translation=\"9$\" is not valid: the text ends with a `$` (write `$$` for a "
            "literal `$`)");
}

TEST(ConfigLoader, ErrorsNameTheLineAndWhatIsWrong) {
  const std::string base = kMinimal;
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\" listen-port=\"70000\"/>")),
            "3: listen-port=\"70000\" is not valid: port out of range 1..65535");
  EXPECT_EQ(error_of(replace(base, "pattern=\"^\\+1\"", "pattern=\"^(+1\"")).substr(0, 40),
            "5: pattern=\"^(+1\" is not valid: regex do");
  EXPECT_EQ(
      error_of(replace(base, "<trunk name=\"gw1\"/></route>", "<trunk name=\"gw9\"/></route>")),
      "5: route 'all' names unknown trunk 'gw9'");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer",
                             "<trunk colour=\"red\" name=\"gw1\" peer")),
            "3: unknown attribute `colour` on <trunk> (allowed: name, peer, peer-address, "
            "peer-port, transport, listen-address, listen-port)");
  EXPECT_EQ(error_of(replace(base, "</mediation>", "<gateway/>\n</mediation>")),
            "7: unknown element <gateway> inside <mediation> (allowed: internal, tls, trunk, "
            "pstn-usage, metrics, log, timers, limits, shutdown)");
  EXPECT_EQ(
      error_of(replace(base, "transport=\"tcp\" peer-address", "transport=\"udp\" peer-address")),
      "2: transport=\"udp\" is not valid: expected tls or tcp");
  EXPECT_EQ(error_of(replace(base, "</mediation>", "<timers t1=\"5\"/></mediation>")),
            "7: t1=\"5\" is not valid: `5` has no unit: write it with one of us, ms, s, min or h, "
            "e.g. 5s or 5ms");
  EXPECT_EQ(
      error_of(replace(base, "<mediation>", "<mediation><log level=\"loud\"/>")),
      "1: level=\"loud\" is not valid: expected trace, debug, info, warn, error, critical or off");
  EXPECT_EQ(error_of(replace(base, "peer=\"127.0.0.3\"", "peer=\"nowhere.test\"")),
            "3: trunk 'gw1': peer 'nowhere.test' does not resolve (unknown host); set peer-address "
            "to pin its IP");
  EXPECT_EQ(error_of(replace(base, "peer=\"127.0.0.3\"", "peer=\"127.0.0.3\" transport=\"tls\"")),
            "3: trunk 'gw1': a TLS trunk names its peer by FQDN (the peer certificate is checked "
            "against it); set peer to the FQDN and peer-address to its IP");
  EXPECT_EQ(
      error_of(replace(base, "listen-address=\"127.0.0.1\"", "listen-address=\"0.0.0.0\"")),
      "2: listen-address=\"0.0.0.0\" is not valid: the unspecified address cannot go into Via "
      "and Contact; name one interface");
  EXPECT_EQ(error_of("<mediation><internal").substr(0, 26), "1: XML is not well-formed:");
  EXPECT_EQ(error_of("<config/>"),
            "1: the root element is <config>; a mediation configuration starts with <mediation>");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\"><configuration "
                             "SRTPMode=\"Sometimes\"/></trunk>")),
            "3: SRTPMode=\"Sometimes\" is not valid: expected Required, Optional or NotSupported");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\">\n<configuration>\n"
                             "<PstnUsage Name=\"Nope\"/></configuration></trunk>")),
            "3: trunk 'gw1' names unknown PstnUsage 'Nope'");
  EXPECT_EQ(
      error_of(replace(base, "<route name=\"all\" pattern=\"^\\+1\"><trunk name=\"gw1\"/></route>",
                       "<route name=\"empty\"/>")),
      "5: route 'empty' lists no <trunk>");
  EXPECT_EQ(error_of(replace(base, "<internal ", "<internal transport=\"tls\" ")),
            "2: attribute `transport` appears twice on <internal>");
}

TEST(ConfigLoader, BadValuesAreReportedAtTheirColumnAndEveryOneIsListed) {
  const std::string text =
      replace(kMinimal, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
              "<trunk name=\"gw1\" peer=\"127.0.0.3\" listen-port=\"x\">\n"
              "    <health options-interval=\"10sec\" options-down-reprobe=\"1.5ms\"/></trunk>");
  ConfigLoad r = load(text);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.diagnostics.size(), 3u);
  EXPECT_EQ(r.diagnostics[0].to_string(),
            "m.xml:3:51: listen-port=\"x\" is not valid: expected an integer");
  EXPECT_EQ(r.diagnostics[1].to_string(),
            "m.xml:4:31: options-interval=\"10sec\" is not valid: `10sec`: write 10s");
  EXPECT_EQ(r.diagnostics[2].to_string(),
            "m.xml:4:60: options-down-reprobe=\"1.5ms\" is not valid: `1.5ms` is not a whole "
            "number of 1ms, the step this counts in");
  EXPECT_EQ(r.error.to_string(), r.diagnostics[0].to_string());
}

TEST(ConfigLoader, DurationsTakeTheOneSyntaxAndTheDocumentedMinutes) {
  const std::string text = replace(
      kMinimal, "</mediation>",
      "<limits tcp-connect-timeout=\"1.5s\" tcp-idle-timeout=\"10m\"/>\n"
      "<shutdown grace=\"2min\"/>\n<timers t1=\"500ms\" t2=\"4s\" t4=\"5s\" timer-d=\"1h\"/>\n"
      "</mediation>");
  ConfigLoad r = load(text);
  ASSERT_TRUE(r.ok()) << r.error.to_string();
  EXPECT_EQ(r.config->limits.tcp_connect_timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(r.config->limits.tcp_idle_timeout, std::chrono::minutes(10));
  EXPECT_EQ(r.config->shutdown_grace, std::chrono::minutes(2));
  EXPECT_EQ(r.config->timers.timer_d_unreliable, std::chrono::hours(1));
  EXPECT_EQ(error_of(replace(kMinimal, "</mediation>", "<shutdown grace=\"500us\"/></mediation>")),
            "7: grace=\"500us\" is not valid: `500us` is not a whole number of 1ms, the step "
            "this counts in");
}

TEST(ConfigLoader, DuplicateListeningPortsAreRejected) {
  const std::string base = kMinimal;
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\" listen-port=\"5070\"/>")),
            "3: duplicate listening port 127.0.0.1:5070/tcp: a TCP trunk listener and the internal "
            "interface (line 2)");
  EXPECT_EQ(error_of(replace(base, "</mediation>", "<metrics port=\"5068\"/>\n</mediation>")),
            "7: duplicate listening port 127.0.0.1:5068/tcp: the metrics responder and a TCP trunk "
            "listener (line 3)");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>\n<trunk name=\"gw2\" "
                             "peer=\"127.0.0.3\"/>")),
            "4: trunks 'gw1' and 'gw2' share listener 127.0.0.1:5068 and peer 127.0.0.3: requests "
            "from that peer could not be told apart");
  EXPECT_EQ(error_of(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                             "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>\n<trunk name=\"gw1\" "
                             "peer=\"127.0.0.4\"/>")),
            "4: a second trunk named 'gw1'");
  // Trunks to different peers may share one listener, and UDP and TCP one port number.
  ConfigLoad shared = load(replace(base, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
                                   "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>\n<trunk name=\"gw2\" "
                                   "peer=\"127.0.0.4\"/><trunk name=\"gw3\" peer=\"127.0.0.5\" "
                                   "transport=\"udp\" listen-port=\"5068\"/>"));
  ASSERT_TRUE(shared.ok()) << shared.error.to_string();
  EXPECT_EQ(shared.config->transport_config().listeners.size(), 3u);
}

TEST(ConfigLoader, TlsNeedsCertificatesAndTheFilesMustExist) {
  const std::string tls =
      replace(kMinimal, "transport=\"tcp\" peer-address", "transport=\"tls\" peer-address");
  EXPECT_EQ(error_of(tls),
            "1: TLS is in use (internal interface or a trunk) but there is no <tls ca=... "
            "certificate=... key=...> element");
  const std::string with_files =
      replace(tls, "</mediation>",
              "<tls ca=\"missing-ca.pem\" certificate=\"c.pem\" key=\"k.pem\"/>\n</mediation>");
  ConfigLoadOptions options;
  options.check_files = true;
  ConfigLoad r = parse_config(with_files, "m.xml", "/nonexistent-dir", options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.to_string(),
            "m.xml:7:10: ca=\"missing-ca.pem\": cannot read /nonexistent-dir/missing-ca.pem");
}

TEST(ConfigLoader, MissingFileIsAnError) {
  ConfigLoad r = load_config_file("/nonexistent/mediation.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error.to_string(),
            "/nonexistent/mediation.xml: cannot read the file: No such file or directory");
}

TEST(ConfigLoader, ReloadRefusesChangesThatNeedARestart) {
  const MediationConfig a = *load(kMinimal).config;
  const std::string more_routes = replace(kMinimal, "</pstn-usage>",
                                          "<route pattern=\"^\\+44\"><trunk name=\"gw1\"/></route>"
                                          "</pstn-usage>");
  EXPECT_EQ(restart_only_difference(a, *load(more_routes).config), "");
  const std::string new_trunk_same_listener =
      replace(kMinimal, "<trunk name=\"gw1\" peer=\"127.0.0.3\"/>",
              "<trunk name=\"gw1\" peer=\"127.0.0.3\"/><trunk name=\"gw2\" peer=\"127.0.0.4\"/>");
  EXPECT_EQ(restart_only_difference(a, *load(new_trunk_same_listener).config), "");
  const std::string new_port =
      replace(kMinimal, "peer=\"127.0.0.3\"/>", "peer=\"127.0.0.3\" listen-port=\"5099\"/>");
  EXPECT_EQ(restart_only_difference(a, *load(new_port).config),
            "the listening endpoints or the TLS peer names they accept differ");
  const std::string new_timers =
      replace(kMinimal, "</mediation>", "<timers t1=\"1s\" t2=\"4s\"/></mediation>");
  EXPECT_EQ(restart_only_difference(a, *load(new_timers).config), "the SIP timers differ");
}

}  // namespace
}  // namespace sipconf::mediation
