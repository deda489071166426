// The simulators around the reference mediation, all real processes: the lync profile on the
// internal interface over MTLS (both sides present certificates from the lab CA) and the
// pstn-gateway profile on a TCP trunk, calling each other in both directions. The encrypted
// leg is judged from the simulators' JSON message logs, the other from both sides' logs.
#include <utility>

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "simulators/process_test_support.h"

namespace sipconf::simulators {
namespace {

using ::testing::ElementsAre;
using namespace testing;  // NOLINT(google-build-using-namespace): the process test support

class MediationLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kSipsim)) << kSipsim << " is not built";
    ASSERT_TRUE(fs::exists(kMediation)) << kMediation << " is not built";
    const auto addresses = loopback_addresses(3);
    mediation = addresses[0];
    fe = addresses[1];
    gw = addresses[2];
    internal_port = free_port(mediation);
    trunk_port = free_port(mediation);
    while (trunk_port == internal_port) trunk_port = free_port(mediation);
    fe_port = free_port(fe);
    gw_port = free_port(gw);
    dir = fs::temp_directory_path() /
          ("sipsim-lab-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string config =
        "<mediation>\n"
        "  <internal listen-address=\"" +
        mediation + "\" listen-port=\"" + std::to_string(internal_port) +
        "\" transport=\"tls\" peer-address=\"" + fe + "\" peer-port=\"" + std::to_string(fe_port) +
        "\"/>\n" + "  <tls ca=\"" + (kTls / "ca.pem").string() + "\" certificate=\"" +
        (kTls / "server.pem").string() + "\" key=\"" + (kTls / "server.key").string() + "\"/>\n" +
        "  <trunk name=\"gw1\" peer=\"" + gw + "\" peer-port=\"" + std::to_string(gw_port) +
        "\" transport=\"tcp\" listen-address=\"" + mediation + "\" listen-port=\"" +
        std::to_string(trunk_port) + "\">\n" +
        "    <configuration SRTPMode=\"NotSupported\"/>\n"
        "  </trunk>\n"
        "  <pstn-usage name=\"Local\">\n"
        "    <route name=\"us\" pattern=\"^\\+1\"><trunk name=\"gw1\"/></route>\n"
        "  </pstn-usage>\n"
        "  <log level=\"info\" file=\"" +
        (dir / "mediation.log").string() +
        "\"/>\n"
        "</mediation>\n";
    std::ofstream(dir / "mediation.xml") << config;
    mediation_process.emplace(
        dir, "mediation", std::vector<std::string>{"--config", (dir / "mediation.xml").string()},
        kMediation);
    ASSERT_TRUE(wait_for_text(dir / "mediation.log", "ready", milliseconds(10000)))
        << read_file(mediation_process->stderr_path) << read_file(dir / "mediation.log");
  }

  void TearDown() override {
    mediation_process.reset();
    if (!HasFailure()) fs::remove_all(dir);
  }

  /// The lync simulator: MTLS listener on its Front End address (client.pem: the mediation
  /// checks it chains to the lab CA, as SEC-01 demands of the Front End).
  std::vector<std::string> lync_args(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"--profile",     "lync",
                                     "--listen",      fe + ":" + std::to_string(fe_port) + "/tls",
                                     "--tls-cert",    (kTls / "client.pem").string(),
                                     "--tls-key",     (kTls / "client.key").string(),
                                     "--tls-ca",      (kTls / "ca.pem").string(),
                                     "--summary",     (dir / "fe.json").string(),
                                     "--message-log", (dir / "fe.jsonl").string(),
                                     "--duration",    "30s",
                                     "--log-level",   "info"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::vector<std::string> gateway_args(std::vector<std::string> extra) const {
    std::vector<std::string> args = {"--profile",     "pstn-gateway",
                                     "--listen",      gw + ":" + std::to_string(gw_port) + "/tcp",
                                     "--summary",     (dir / "gw.json").string(),
                                     "--message-log", (dir / "gw.jsonl").string(),
                                     "--duration",    "30s",
                                     "--log-level",   "info"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  nlohmann::json summary(const char* name) const {
    return nlohmann::json::parse(read_file(dir / name));
  }

  std::string mediation, fe, gw;
  std::uint16_t internal_port = 0, trunk_port = 0, fe_port = 0, gw_port = 0;
  fs::path dir;
  std::optional<Process> mediation_process;
};

TEST_F(MediationLabTest, LyncOverMtlsCallsTheGatewayOnATcpTrunk) {
  Process gateway(dir, "gw", gateway_args({"-b", "calls=1,answer_after_ms=300ms"}));
  ASSERT_TRUE(wait_for_text(gateway.stderr_path, "listening", milliseconds(10000)));
  Process lync(dir, "fe",
               lync_args({"--mode", "uac", "--remote",
                          mediation + ":" + std::to_string(internal_port) + "/tls", "-b",
                          "calls=1,bye_after_ms=1500ms,dtmf=123,dtmf_after_ms=200ms"}));
  EXPECT_EQ(lync.wait(milliseconds(30000)), 0) << read_file(lync.stderr_path);
  EXPECT_EQ(gateway.wait(milliseconds(10000)), 0) << read_file(gateway.stderr_path);

  const nlohmann::json fe_summary = summary("fe.json");
  const nlohmann::json gw_summary = summary("gw.json");
  EXPECT_EQ(fe_summary["calls"]["answered"], 1);
  EXPECT_EQ(fe_summary["counters"]["transport"]["handshake_failures"], 0);
  EXPECT_GE(fe_summary["counters"]["transport"]["tls"]["messages_in"].get<int>(), 4);
  EXPECT_EQ(gw_summary["calls"]["answered"], 1);
  // The mediation passes SDP through, so RTP flows Lync <-> gateway directly, both ways, and
  // the RFC 4733 digits arrive (MD-07).
  const auto& fe_rtp = fe_summary["call_list"][0]["rtp"];
  const auto& gw_rtp = gw_summary["call_list"][0]["rtp"];
  EXPECT_EQ(fe_rtp["remote"].get<std::string>().rfind(gw + ":", 0), 0u);
  EXPECT_GT(fe_rtp["received"]["packets"].get<int>(), 60) << "early media and the answer";
  EXPECT_GT(gw_rtp["received"]["packets"].get<int>(), 60);
  EXPECT_EQ(gw_rtp["received"]["lost"], 0);
  EXPECT_EQ(gw_rtp["received"]["dtmf_digits"], "123");

  // Lync's leg, encrypted on the wire, from its own log: TLS throughout, the gateway's 183 and
  // 200 relayed, the BYE answered.
  const auto fe_log = read_log(dir / "fe.jsonl");
  for (const auto& entry : fe_log) EXPECT_EQ(entry["transport"], "TLS");
  EXPECT_THAT(start_lines(fe_log, "out"),
              ElementsAre(::testing::StartsWith("INVITE sip:+14255550100@" + mediation),
                          ::testing::StartsWith("ACK "), ::testing::StartsWith("BYE ")));
  EXPECT_EQ(count_prefix(start_lines(fe_log, "in"), "SIP/2.0 183"), 1u);
  EXPECT_EQ(count_prefix(start_lines(fe_log, "in"), "SIP/2.0 200"), 2u);
  // The trunk leg from the gateway's log: the mediation's INVITE keeps the E.164 number.
  const auto gw_invites = raw_messages(read_log(dir / "gw.jsonl"), "in", "INVITE ");
  ASSERT_EQ(gw_invites.size(), 1u);
  EXPECT_THAT(gw_invites[0], ::testing::HasSubstr("+14255550100"));
  EXPECT_THAT(header_of(gw_invites[0], "Via"), ::testing::HasSubstr("SIP/2.0/TCP " + mediation));
}

TEST_F(MediationLabTest, GatewayCallsLyncWhichForksIntoThreeEarlyDialogs) {
  Process lync(dir, "fe",
               lync_args({"-b",
                          "calls=1,ring=183,early_dialogs=3,answer_dialog=3,"
                          "answer_after_ms=600ms"}));
  ASSERT_TRUE(wait_for_text(lync.stderr_path, "listening", milliseconds(10000)));
  Process gateway(dir, "gw",
                  gateway_args({"--mode", "uac", "--remote",
                                mediation + ":" + std::to_string(trunk_port) + "/tcp", "-b",
                                "calls=1,bye_after_ms=1s"}));
  EXPECT_EQ(gateway.wait(milliseconds(30000)), 0) << read_file(gateway.stderr_path);
  EXPECT_EQ(lync.wait(milliseconds(10000)), 0) << read_file(lync.stderr_path);

  // The gateway saw three early dialogs through the mediation, and the third one answered.
  EXPECT_EQ(summary("gw.json")["signalling"]["early_dialogs_max"], 3);
  EXPECT_EQ(summary("fe.json")["signalling"]["early_dialogs_max"], 3);
  const auto gw_log = read_log(dir / "gw.jsonl");
  std::vector<std::string> tags;
  for (const std::string& raw : raw_messages(gw_log, "in", "SIP/2.0 183")) {
    const std::string to = header_of(raw, "To");
    tags.push_back(to.substr(to.find(";tag=") + 5));
  }
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_EQ(std::set<std::string>(tags.begin(), tags.end()).size(), 3u) << "distinct To tags";
  const auto answers = raw_messages(gw_log, "in", "SIP/2.0 200");
  ASSERT_FALSE(answers.empty());
  EXPECT_THAT(header_of(answers[0], "To"), ::testing::EndsWith(";tag=" + tags[2]));
  // The Lync side got the call over MTLS from the mediation, as the Front End would.
  const auto fe_invites = raw_messages(read_log(dir / "fe.jsonl"), "in", "INVITE ");
  ASSERT_EQ(fe_invites.size(), 1u);
  EXPECT_THAT(header_of(fe_invites[0], "Via"), ::testing::HasSubstr("SIP/2.0/TLS " + mediation));
}

}  // namespace
}  // namespace sipconf::simulators
