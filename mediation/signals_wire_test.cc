// Operations on the real process: SIGHUP reloads all or nothing, SIGTERM drains and ends
// calls with BYE on both legs, /metrics counts what happened.
#include <signal.h>

#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

#include "mediation/wire_lab_test_support.h"
#include "sip/message/message_parser.h"

namespace sipconf::mediation {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::ladder;
using testing::Sipp;

class OperationsTest : public ::testing::Test {
 protected:
  void start(const std::string& config) {
    mediation.emplace(lab->dir, config, lab->mediation, lab->metrics_port);
    ASSERT_TRUE(mediation->wait_ready()) << mediation->log();
  }
  void TearDown() override {
    if (HasFailure() && mediation) std::cerr << "mediation log:\n" << mediation->log();
  }

  /// The gateway's OPTIONS over UDP from its own address and port; the answer's status.
  int gateway_options(int n) {
    asio::io_context io;
    asio::ip::udp::socket socket(io);
    socket.open(asio::ip::udp::v4());
    socket.bind({asio::ip::make_address(lab->gw), lab->gw_port});
    const std::string request =
        "OPTIONS sip:" + lab->mediation + " SIP/2.0\r\nVia: SIP/2.0/UDP " + lab->gw + ":" +
        std::to_string(lab->gw_port) + ";branch=z9hG4bK-ops-" + std::to_string(n) +
        "\r\nMax-Forwards: 70\r\nFrom: <sip:gw@" + lab->gw + ">;tag=o" + std::to_string(n) +
        "\r\nTo: <sip:" + lab->mediation + ">\r\nCall-ID: ops-" + std::to_string(n) +
        "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    socket.send_to(
        asio::buffer(request),
        asio::ip::udp::endpoint(asio::ip::make_address(lab->mediation), lab->trunk_port));
    socket.non_blocking(true);
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (std::chrono::steady_clock::now() < deadline) {
      char buffer[8192];
      boost::system::error_code ec;
      const std::size_t n_read = socket.receive(asio::buffer(buffer), 0, ec);
      if (!ec) {
        auto parsed = sip::parse_message(std::string_view(buffer, n_read));
        return parsed.message ? parsed.message->status_code() : -1;
      }
      std::this_thread::sleep_for(10ms);
    }
    return 0;
  }

  /// The Front End calls `number` over TCP while the gateway listens on UDP: the final status
  /// the Front End got within a second (0 if none), and whether the INVITE reached the gateway.
  int call_from_front_end(const std::string& number, bool& reached_gateway) {
    asio::io_context io;
    asio::ip::udp::socket gateway(io);
    gateway.open(asio::ip::udp::v4());
    gateway.bind({asio::ip::make_address(lab->gw), lab->gw_port});
    gateway.non_blocking(true);
    asio::ip::tcp::socket fe(io);
    fe.open(asio::ip::tcp::v4());
    fe.bind({asio::ip::make_address(lab->fe), 0});
    fe.connect({asio::ip::make_address(lab->mediation), lab->internal_port});
    const std::string invite =
        "INVITE sip:" + number + "@" + lab->mediation + ";user=phone SIP/2.0\r\nVia: SIP/2.0/TCP " +
        lab->fe + ":" + std::to_string(lab->fe_port) + ";branch=z9hG4bK-" + number +
        "\r\nMax-Forwards: 70\r\nFrom: <sip:+14255550111@" + lab->fe + ">;tag=f-" + number +
        "\r\nTo: <sip:" + number + "@" + lab->mediation + ">\r\nCall-ID: call-" + number +
        "\r\nCSeq: 1 INVITE\r\nContact: <sip:fe@" + lab->fe + ":" + std::to_string(lab->fe_port) +
        ";transport=tcp>\r\nContent-Length: 0\r\n\r\n";
    asio::write(fe, asio::buffer(invite));
    fe.non_blocking(true);
    reached_gateway = false;
    std::string stream;
    int final_status = 0;
    const auto deadline = std::chrono::steady_clock::now() + 1s;
    while (std::chrono::steady_clock::now() < deadline && final_status == 0) {
      char buffer[8192];
      boost::system::error_code ec;
      std::size_t n = gateway.receive(asio::buffer(buffer), 0, ec);
      if (!ec && std::string_view(buffer, n).find("INVITE sip:" + number + "@" + lab->gw) == 0) {
        reached_gateway = true;
      }
      n = fe.read_some(asio::buffer(buffer), ec);
      if (!ec) stream.append(buffer, n);
      for (std::size_t at = stream.find("SIP/2.0 "); at != std::string::npos;
           at = stream.find("SIP/2.0 ", at + 1)) {
        const int status = std::atoi(stream.c_str() + at + 8);
        if (status >= 200) final_status = status;
      }
      std::this_thread::sleep_for(10ms);
    }
    return final_status;
  }

  void reload_with(const std::string& config) {
    testing::write_text(mediation->config_path(), config);
    mediation->process().signal(SIGHUP);
  }

  std::optional<testing::WireLab> lab;
  std::optional<testing::MediationProcess> mediation;
};

TEST_F(OperationsTest, ReloadTakesAValidConfigurationAndKeepsTheOldOneOtherwise) {
  lab.emplace("reload");
  start(lab->config({}, "^\\+1"));
  ASSERT_EQ(gateway_options(1), 200);
  bool reached = false;
  EXPECT_EQ(call_from_front_end("+441235551010", reached), 404);
  EXPECT_FALSE(reached);

  // The file ends inside the start tag of line 2, whose length depends on the lab's address.
  const std::string line2 = "  <internal listen-address=\"" + lab->mediation + "\"";
  reload_with("<mediation>\n" + line2);
  EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_config_reload_failures_total", 1));
  EXPECT_EQ(gateway_options(2), 200) << "still serving on the old configuration";
  EXPECT_NE(mediation->log().find("reload-refused"), std::string::npos);
  EXPECT_NE(mediation->log().find("mediation.xml:2:" + std::to_string(line2.size()) +
                                  ": XML is not well-formed: "),
            std::string::npos);

  // A change that would need new sockets is refused as a whole.
  testing::WireLab moved = *lab;
  moved.trunk_port = testing::free_port(lab->mediation);
  reload_with(moved.config({}, "^\\+"));
  EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_config_reload_failures_total", 2));
  EXPECT_EQ(gateway_options(3), 200);
  EXPECT_NE(mediation->log().find("the listening endpoints"), std::string::npos);

  EXPECT_EQ(call_from_front_end("+441235551011", reached), 404) << "the old routes still hold";

  // New routes apply to new calls: +44 had no route, now it reaches the gateway.
  reload_with(lab->config({}, "^\\+"));
  EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_config_reloads_total", 1));
  EXPECT_EQ(mediation->metric("sipconf_mediation_config_reload_failures_total"), 2);
  EXPECT_NE(mediation->log().find("\"event\":\"reloaded\""), std::string::npos);
  EXPECT_EQ(call_from_front_end("+441235551012", reached), 0) << "no final: the gateway is silent";
  EXPECT_TRUE(reached);
  EXPECT_TRUE(mediation->process().running());
}

TEST_F(OperationsTest, SigtermEndsAnActiveCallWithByeOnBothLegsAndExitsZero) {
  if (!Sipp::available()) GTEST_FAIL() << "sipp not found: install the Debian package sip-tester";
  lab.emplace("sigterm");
  start(lab->config("  <shutdown grace=\"1s\"/>\n"));
  // The gateway answers and waits for a BYE; so does the Front End: only the mediation can
  // end this call.
  Sipp gateway(lab->dir, "gateway", "uas_call.xml", lab->gw_party(), "");
  std::this_thread::sleep_for(400ms);
  Sipp front_end(lab->dir, "front_end", "uac_receive_bye.xml", lab->fe_party(),
                 lab->internal_remote());
  ASSERT_TRUE(mediation->wait_metric("sipconf_mediation_active_calls", 1));
  std::this_thread::sleep_for(500ms);  // the ACK has crossed: the call is up on both legs
  mediation->process().signal(SIGTERM);

  EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_draining", 1, 2s));
  EXPECT_EQ(mediation->metric("sipconf_mediation_active_calls"), 1) << "grace: the call goes on";
  const auto exit_code = mediation->process().wait_for(15s);
  ASSERT_TRUE(exit_code.has_value()) << "mediation did not exit";
  EXPECT_EQ(*exit_code, 0);
  EXPECT_EQ(front_end.wait(), 0) << front_end.errors();
  EXPECT_EQ(gateway.wait(), 0) << gateway.errors();
  EXPECT_EQ(ladder(front_end.trace(), false),
            (std::vector<std::string>{"100 INVITE", "180 INVITE", "200 INVITE", "BYE"}));
  EXPECT_EQ(ladder(gateway.trace(), false), (std::vector<std::string>{"INVITE", "ACK", "BYE"}));
  const std::vector<std::string> sent_to_gateway = ladder(gateway.trace(), true);
  ASSERT_FALSE(sent_to_gateway.empty());
  EXPECT_EQ(sent_to_gateway.back(), "200 BYE");
  const std::string log = mediation->log();
  EXPECT_NE(log.find("\"event\":\"draining\""), std::string::npos);
  EXPECT_NE(log.find("\"event\":\"ending\""), std::string::npos);
  EXPECT_NE(log.find("\"event\":\"stopped\""), std::string::npos);
}

TEST_F(OperationsTest, MetricsCountTheCallsMade) {
  if (!Sipp::available()) GTEST_FAIL() << "sipp not found: install the Debian package sip-tester";
  lab.emplace("metrics", "tcp");
  start(lab->config());
  auto pair = [&](const std::string& callee, const std::string& caller, int calls) {
    Sipp uas(lab->dir, "uas_" + callee, callee, lab->gw_party(), "",
             {"-m", std::to_string(calls), "-d", "100"});
    std::this_thread::sleep_for(400ms);
    Sipp uac(lab->dir, "uac_" + caller, caller, lab->fe_party(), lab->internal_remote(),
             {"-m", std::to_string(calls), "-d", "100", "-r", "5"});
    EXPECT_EQ(uac.wait(), 0) << caller << uac.errors();
    EXPECT_EQ(uas.wait(), 0) << callee << uas.errors();
  };
  pair("uas_call.xml", "uac_call.xml", 3);
  pair("uas_busy.xml", "uac_busy.xml", 1);
  pair("uas_cancel.xml", "uac_cancel.xml", 1);

  EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_active_transactions", 0, 15s));
  const std::string m = mediation->scrape();
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_active_calls"), 0);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_active_dialogs"), 0);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_calls_total{result=\"answered\"}"), 3);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_calls_total{result=\"busy\"}"), 1);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_calls_total{result=\"cancelled\"}"), 1);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_calls_total{result=\"failed\"}"), 0);
  EXPECT_EQ(
      testing::metric(m, "sipconf_mediation_trunk_calls_total{trunk=\"gw\",direction=\"out\"}"), 5);
  EXPECT_EQ(
      testing::metric(m, "sipconf_mediation_trunk_calls_total{trunk=\"gw\",direction=\"in\"}"), 0);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_trunk_failures_total{trunk=\"gw\"}"), 2);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_transactions_total{kind=\"server_invite\"}"), 5);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_transactions_total{kind=\"client_invite\"}"), 5);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_parse_errors_total"), 0);
  EXPECT_EQ(testing::metric(m, "sipconf_mediation_untrusted_requests_total"), 0);
  EXPECT_GE(
      testing::metric(m, "sipconf_mediation_messages_total{transport=\"TCP\",direction=\"in\"}"),
      5 * 3);
}

}  // namespace
}  // namespace sipconf::mediation
