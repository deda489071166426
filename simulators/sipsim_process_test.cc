// sipsim against sipsim as real processes over real sockets: a UAC with the lync profile
// calls a UAS with the pstn-gateway profile over TCP and over MTLS, and the summaries and
// message logs both write are checked.
#include <utility>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "simulators/process_test_support.h"

namespace sipconf::simulators {
namespace {

using ::testing::HasSubstr;
using namespace testing;  // NOLINT(google-build-using-namespace): the test support
using Sipsim = testing::Process;

class SipsimProcessTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kSipsim))
        << kSipsim << " is not built (cmake --build ... --target sipsim)";
    dir = fs::temp_directory_path() /
          ("sipsim-process-" + GetParam() + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::vector<std::string> tls_args(const std::string& who) const {
    if (GetParam() != "tls") return {};
    return {"--tls-cert", (kTls / (who + ".pem")).string(),
            "--tls-key",  (kTls / (who + ".key")).string(),
            "--tls-ca",   (kTls / "ca.pem").string()};
  }

  fs::path dir;
};

TEST_P(SipsimProcessTest, LyncCallsAGatewayAndBothSummariesAgree) {
  const std::string transport = GetParam();
  std::string uas_ip = random_loopback();
  std::string uac_ip = random_loopback();
  while (uac_ip == uas_ip) uac_ip = random_loopback();

  std::vector<std::string> uas_args = {"--profile",
                                       "pstn-gateway",
                                       "--listen",
                                       uas_ip + ":0/" + transport,
                                       "-b",
                                       "calls=2,answer_after_ms=200ms",
                                       "--summary",
                                       (dir / "uas.json").string(),
                                       "--message-log",
                                       (dir / "uas.jsonl").string(),
                                       "--log-level",
                                       "info",
                                       "--duration",
                                       "30s"};
  for (const std::string& a : tls_args("server")) uas_args.push_back(a);
  Sipsim uas(dir, "uas", uas_args);
  const std::optional<int> port = uas.listening_port(milliseconds(10000));
  ASSERT_TRUE(port) << read_file(uas.stderr_path);

  std::vector<std::string> uac_args = {
      "--profile",
      "lync",
      "--mode",
      "uac",
      "--listen",
      uac_ip + ":0/" + transport,
      "--remote",
      uas_ip + ":" + std::to_string(*port) + "/" + transport,
      "-b",
      "calls=2,rate=20,bye_after_ms=600ms,dtmf=42,dtmf_after_ms=100ms",
      "--summary",
      (dir / "uac.json").string(),
      "--message-log",
      (dir / "uac.jsonl").string(),
      "--duration",
      "30s"};
  if (transport == "tls") uac_args.insert(uac_args.end(), {"--tls-server-name", "localhost"});
  for (const std::string& a : tls_args("client")) uac_args.push_back(a);
  Sipsim uac(dir, "uac", uac_args);

  EXPECT_EQ(uac.wait(milliseconds(30000)), 0) << read_file(uac.stderr_path);
  EXPECT_EQ(uas.wait(milliseconds(10000)), 0) << read_file(uas.stderr_path);

  const auto uac_summary = nlohmann::json::parse(read_file(dir / "uac.json"));
  const auto uas_summary = nlohmann::json::parse(read_file(dir / "uas.json"));
  EXPECT_EQ(uac_summary["profile"], "lync");
  EXPECT_EQ(uac_summary["calls"]["placed"], 2);
  EXPECT_EQ(uac_summary["calls"]["answered"], 2);
  EXPECT_EQ(uac_summary["calls"]["failed"], 0);
  EXPECT_EQ(uac_summary["exit_code"], 0);
  EXPECT_EQ(uas_summary["profile"], "pstn-gateway");
  EXPECT_EQ(uas_summary["calls"]["received"], 2);
  EXPECT_EQ(uas_summary["calls"]["answered"], 2);
  EXPECT_EQ(uas_summary["final_statuses"]["200"], 2);
  // RTP both ways on every call: the gateway's early media and answer, the caller's tone.
  for (const auto& call : uac_summary["call_list"]) {
    EXPECT_GT(call["rtp"]["sent"]["packets"].get<int>(), 20);
    EXPECT_GT(call["rtp"]["received"]["packets"].get<int>(), 20);
    EXPECT_LE(call["rtp"]["received"]["lost"].get<int>(), 1);
  }
  for (const auto& call : uas_summary["call_list"]) {
    EXPECT_EQ(call["rtp"]["received"]["dtmf_digits"], "42");
  }
  if (transport == "tls") {
    EXPECT_EQ(uac_summary["counters"]["transport"]["handshake_failures"], 0);
    EXPECT_EQ(uas_summary["counters"]["transport"]["tls"]["messages_in"], 6);  // INVITE ACK BYE
  }

  // The message logs hold the whole exchange, readable although the wire was encrypted.
  const auto uac_log = read_log(dir / "uac.jsonl");
  const auto uas_log = read_log(dir / "uas.jsonl");
  const auto uac_out = start_lines(uac_log, "out");
  const auto uac_in = start_lines(uac_log, "in");
  EXPECT_EQ(count_prefix(uac_out, "INVITE sip:+14255550100@" + uas_ip), 2u);
  EXPECT_EQ(count_prefix(uac_out, "ACK "), 2u);
  EXPECT_EQ(count_prefix(uac_out, "BYE "), 2u);
  EXPECT_EQ(count_prefix(uac_in, "SIP/2.0 183 Session Progress"), 2u);
  EXPECT_EQ(count_prefix(uac_in, "SIP/2.0 200 OK"), 4u);  // INVITE and BYE
  EXPECT_EQ(count_prefix(start_lines(uas_log, "in"), "INVITE "), 2u);
  EXPECT_EQ(uac_summary["message_log_lines"].get<std::size_t>(), uac_log.size());
  const std::string upper = transport == "tls" ? "TLS" : "TCP";
  for (const auto& entry : uas_log) {
    EXPECT_EQ(entry["transport"], upper);
    EXPECT_EQ(entry["local"].get<std::string>().rfind(uas_ip + ":", 0), 0u);
    EXPECT_EQ(entry["remote"].get<std::string>().rfind(uac_ip + ":", 0), 0u);
  }
  // The gateway's answer carries its P-Asserted-Identity (SG-04).
  bool pai = false;
  for (const auto& entry : uac_log) {
    const std::string raw = entry["raw"];
    if (raw.rfind("SIP/2.0 200 OK", 0) == 0 && raw.find("CSeq: ") != std::string::npos &&
        raw.find(" INVITE\r\n") != std::string::npos) {
      pai = pai || raw.find("P-Asserted-Identity: <sip:14255550100@" + uas_ip) != std::string::npos;
    }
  }
  EXPECT_TRUE(pai);
}

INSTANTIATE_TEST_SUITE_P(Transports, SipsimProcessTest, ::testing::Values("tcp", "tls"),
                         [](const auto& info) { return info.param; });

// The first line is the one-line form tools read (the harness shows it); the source line
// and a caret under the value follow for a person.
TEST(SipsimProcessErrors, BadProfileDataIsAFileLineColMessageWithACaretAndExit2) {
  const fs::path dir = fs::temp_directory_path() / ("sipsim-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "over.xml") << "<profile>\n  <behaviour name=\"ring\" value=\"180\"/>\n"
                                       "  <behaviour name=\"answer\" value=\"sometimes\"/>\n"
                                       "</profile>\n";
  }
  Sipsim sipsim(dir, "bad",
                {"--profile", "pstn-gateway", "--listen", "127.0.0.1:0", "--overrides",
                 (dir / "over.xml").string()});
  EXPECT_EQ(sipsim.wait(milliseconds(10000)), 2);
  EXPECT_EQ(read_file(sipsim.stderr_path),
            (dir / "over.xml").string() +
                ":3:35: answer: expected final|never|trying_only|silent, got `sometimes`\n"
                "      <behaviour name=\"answer\" value=\"sometimes\"/>\n"
                "                                      ^\n");
  fs::remove_all(dir);
}

TEST(SipsimProcessErrors, AListenerInUseIsExit3) {
  const fs::path dir = fs::temp_directory_path() / ("sipsim-busy-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string ip = random_loopback();
  Sipsim first(dir, "first",
               {"--listen", ip + ":0/tcp", "--log-level", "info", "--duration", "20s"});
  const std::optional<int> port = first.listening_port(milliseconds(10000));
  ASSERT_TRUE(port);
  Sipsim second(dir, "second", {"--listen", ip + ":" + std::to_string(*port) + "/tcp"});
  EXPECT_EQ(second.wait(milliseconds(10000)), 3);
  EXPECT_THAT(read_file(second.stderr_path), HasSubstr("sipsim: cannot listen"));
  first.child.terminate();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sipconf::simulators
