// Calls through the real mediation process, driven by SIPp on both sides: the Front End over
// TCP (lab switch), the gateway over UDP and TCP. Every test reads both SIPp message traces
// and checks what crossed each leg, not only SIPp's exit code.
#include <iostream>
#include <optional>
#include <thread>

#include <gtest/gtest.h>

#include "mediation/wire_lab_test_support.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;
using testing::find_message;
using testing::ladder;
using testing::Sipp;
using testing::TracedMessage;

constexpr bool kSent = true;
constexpr bool kReceived = false;

class SippCallTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (!Sipp::available()) {
      GTEST_FAIL() << "sipp not found: install the Debian package sip-tester (ci/deps.sh)";
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string(info->name());
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    lab.emplace(name, GetParam());
    mediation.emplace(lab->dir, lab->config(), lab->mediation, lab->metrics_port);
    ASSERT_TRUE(mediation->wait_ready()) << mediation->log();
  }

  void TearDown() override {
    if (HasFailure() && mediation) std::cerr << "mediation log:\n" << mediation->log();
  }

  /// Starts the callee, then the caller; both must end successfully. Fills the traces.
  void run(const std::string& callee_scenario, const testing::SippParty& callee,
           const std::string& caller_scenario, const testing::SippParty& caller,
           const std::string& remote) {
    Sipp uas(lab->dir, "callee", callee_scenario, callee, "", {"-d", "300"});
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // its socket is bound
    Sipp uac(lab->dir, "caller", caller_scenario, caller, remote, {"-d", "300"});
    const int caller_rc = uac.wait();
    const int callee_rc = uas.wait();
    caller_trace = uac.trace();
    callee_trace = uas.trace();
    EXPECT_EQ(caller_rc, 0) << uac.errors();
    EXPECT_EQ(callee_rc, 0) << uas.errors();
  }

  void expect_clean_end(const std::string& result) {
    EXPECT_TRUE(
        mediation->wait_metric("sipconf_mediation_calls_total{result=\"" + result + "\"}", 1));
    EXPECT_EQ(mediation->metric("sipconf_mediation_active_calls"), 0);
    EXPECT_EQ(mediation->metric("sipconf_mediation_active_dialogs"), 0);
    EXPECT_TRUE(mediation->wait_metric("sipconf_mediation_active_transactions", 0));
    EXPECT_EQ(mediation->metric("sipconf_mediation_parse_errors_total"), 0);
    EXPECT_EQ(mediation->metric("sipconf_mediation_framing_errors_total"), 0);
  }

  std::optional<testing::WireLab> lab;
  std::optional<testing::MediationProcess> mediation;
  std::vector<TracedMessage> caller_trace;
  std::vector<TracedMessage> callee_trace;
};

TEST_P(SippCallTest, LyncCallsTheGateway) {
  run("uas_call.xml", lab->gw_party(), "uac_call.xml", lab->fe_party(), lab->internal_remote());
  EXPECT_EQ(ladder(caller_trace, kReceived),
            (std::vector<std::string>{"100 INVITE", "180 INVITE", "200 INVITE", "200 BYE"}));
  EXPECT_EQ(ladder(callee_trace, kReceived), (std::vector<std::string>{"INVITE", "ACK", "BYE"}));

  const sip::Message* fe_invite = find_message(caller_trace, kSent, "INVITE");
  const sip::Message* gw_invite = find_message(callee_trace, kReceived, "INVITE");
  ASSERT_TRUE(fe_invite && gw_invite);
  EXPECT_NE(*sip::call_id(*gw_invite), *sip::call_id(*fe_invite));
  EXPECT_NE(sip::from(*gw_invite)->tag(), sip::from(*fe_invite)->tag());
  EXPECT_EQ(gw_invite->request_uri_text(),
            "sip:+14255550100@" + lab->gw + ":" + std::to_string(lab->gw_port) + ";user=phone");
  EXPECT_EQ(*sip::max_forwards(*gw_invite), 69u);
  const auto vias = sip::vias(*gw_invite);
  ASSERT_EQ(vias->size(), 1u);
  EXPECT_EQ(vias->front().sent_by(), lab->mediation + ":" + std::to_string(lab->trunk_port));
  EXPECT_EQ(vias->front().transport(), GetParam() == "tcp" ? "TCP" : "UDP");
  EXPECT_EQ(sip::from(*gw_invite)->uri().user(), "+14255550111");
  EXPECT_EQ(gw_invite->body(), fe_invite->body()) << "SDP crosses unchanged (no relay yet)";

  const sip::Message* fe_ok = find_message(caller_trace, kReceived, "200 INVITE");
  ASSERT_TRUE(fe_ok);
  EXPECT_EQ(*fe_ok->header(HeaderId::contact), "<sip:" + lab->mediation + ":" +
                                                   std::to_string(lab->internal_port) +
                                                   ";transport=tcp>;isGateway");
  EXPECT_NE(fe_ok->body().find("o=callee"), std::string_view::npos) << "the callee's answer";
  const sip::Message* gw_bye = find_message(callee_trace, kReceived, "BYE");
  ASSERT_TRUE(gw_bye);
  EXPECT_EQ(*sip::call_id(*gw_bye), *sip::call_id(*gw_invite));
  expect_clean_end("answered");
}

TEST_P(SippCallTest, GatewayCallsLync) {
  run("uas_call.xml", lab->fe_party(), "uac_call.xml", lab->gw_party(), lab->trunk_remote());
  EXPECT_EQ(ladder(caller_trace, kReceived),
            (std::vector<std::string>{"100 INVITE", "180 INVITE", "200 INVITE", "200 BYE"}));
  const sip::Message* fe_invite = find_message(callee_trace, kReceived, "INVITE");
  ASSERT_TRUE(fe_invite);
  EXPECT_EQ(fe_invite->request_uri_text(), "sip:+14255550100@" + lab->fe + ":" +
                                               std::to_string(lab->fe_port) +
                                               ";user=phone;transport=tcp");
  EXPECT_EQ(*fe_invite->header(HeaderId::contact), "<sip:" + lab->mediation + ":" +
                                                       std::to_string(lab->internal_port) +
                                                       ";transport=tcp>;isGateway");
  EXPECT_NE(fe_invite->header(HeaderId::user_agent)->find("MediationServer"),
            std::string_view::npos);
  EXPECT_EQ(fe_invite->header("ms-call-source"), "non-ms-rtc");
  EXPECT_EQ(*sip::max_forwards(*fe_invite), 69u);
  EXPECT_EQ(sip::top_via(*fe_invite)->sent_by(),
            lab->mediation + ":" + std::to_string(lab->internal_port));
  const sip::Message* gw_invite = find_message(caller_trace, kSent, "INVITE");
  EXPECT_NE(*sip::call_id(*fe_invite), *sip::call_id(*gw_invite));
  EXPECT_EQ(ladder(callee_trace, kReceived), (std::vector<std::string>{"INVITE", "ACK", "BYE"}));
  EXPECT_TRUE(mediation->wait_metric(
      "sipconf_mediation_trunk_calls_total{trunk=\"gw\",direction=\"in\"}", 1));
  expect_clean_end("answered");
}

TEST_P(SippCallTest, BusyFromTheGatewayReachesLync) {
  run("uas_busy.xml", lab->gw_party(), "uac_busy.xml", lab->fe_party(), lab->internal_remote());
  const sip::Message* busy = find_message(caller_trace, kReceived, "486 INVITE");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->reason_phrase(), "Busy Here");
  EXPECT_EQ(ladder(callee_trace, kReceived), (std::vector<std::string>{"INVITE", "ACK"}));
  expect_clean_end("busy");
  EXPECT_EQ(mediation->metric("sipconf_mediation_trunk_failures_total{trunk=\"gw\"}"), 1);
}

TEST_P(SippCallTest, LyncCancelsBeforeAnswer) {
  run("uas_cancel.xml", lab->gw_party(), "uac_cancel.xml", lab->fe_party(), lab->internal_remote());
  EXPECT_EQ(ladder(caller_trace, kReceived),
            (std::vector<std::string>{"100 INVITE", "180 INVITE", "200 CANCEL", "487 INVITE"}));
  EXPECT_EQ(ladder(callee_trace, kReceived), (std::vector<std::string>{"INVITE", "CANCEL", "ACK"}));
  const sip::Message* gw_invite = find_message(callee_trace, kReceived, "INVITE");
  const sip::Message* gw_cancel = find_message(callee_trace, kReceived, "CANCEL");
  EXPECT_EQ(*sip::call_id(*gw_cancel), *sip::call_id(*gw_invite));
  EXPECT_EQ(sip::top_via(*gw_cancel)->branch(), sip::top_via(*gw_invite)->branch());
  expect_clean_end("cancelled");
}

TEST_P(SippCallTest, GatewayCancelsBeforeAnswer) {
  run("uas_cancel.xml", lab->fe_party(), "uac_cancel.xml", lab->gw_party(), lab->trunk_remote());
  EXPECT_EQ(ladder(caller_trace, kReceived),
            (std::vector<std::string>{"100 INVITE", "180 INVITE", "200 CANCEL", "487 INVITE"}));
  EXPECT_EQ(ladder(callee_trace, kReceived), (std::vector<std::string>{"INVITE", "CANCEL", "ACK"}));
  expect_clean_end("cancelled");
}

TEST_P(SippCallTest, GatewayHangsUp) {
  run("uas_send_bye.xml", lab->gw_party(), "uac_receive_bye.xml", lab->fe_party(),
      lab->internal_remote());
  EXPECT_EQ(ladder(callee_trace, kReceived),
            (std::vector<std::string>{"INVITE", "ACK", "200 BYE"}));
  const sip::Message* fe_bye = find_message(caller_trace, kReceived, "BYE");
  ASSERT_TRUE(fe_bye);
  const sip::Message* fe_invite = find_message(caller_trace, kSent, "INVITE");
  EXPECT_EQ(*sip::call_id(*fe_bye), *sip::call_id(*fe_invite));
  EXPECT_EQ(sip::to(*fe_bye)->tag(), sip::from(*fe_invite)->tag());
  expect_clean_end("answered");
}

TEST_P(SippCallTest, LyncHangsUpAGatewayCall) {
  run("uas_send_bye.xml", lab->fe_party(), "uac_receive_bye.xml", lab->gw_party(),
      lab->trunk_remote());
  EXPECT_EQ(ladder(callee_trace, kReceived),
            (std::vector<std::string>{"INVITE", "ACK", "200 BYE"}));
  EXPECT_TRUE(find_message(caller_trace, kReceived, "BYE"));
  expect_clean_end("answered");
}

TEST_P(SippCallTest, HoldAndResumeReInvitesCrossWithTheirSdp) {
  run("uas_hold.xml", lab->gw_party(), "uac_hold.xml", lab->fe_party(), lab->internal_remote());
  EXPECT_EQ(ladder(callee_trace, kReceived),
            (std::vector<std::string>{"INVITE", "ACK", "INVITE", "ACK", "INVITE", "ACK", "BYE"}));
  const sip::Message* hold = find_message(callee_trace, kReceived, "INVITE", 1);
  const sip::Message* resume = find_message(callee_trace, kReceived, "INVITE", 2);
  ASSERT_TRUE(hold && resume);
  EXPECT_NE(hold->body().find("a=sendonly"), std::string_view::npos);
  EXPECT_NE(resume->body().find("a=sendrecv"), std::string_view::npos);
  EXPECT_TRUE(sip::to(*hold)->tag());
  const sip::Message* held = find_message(caller_trace, kReceived, "200 INVITE", 1);
  ASSERT_TRUE(held);
  EXPECT_NE(held->body().find("a=recvonly"), std::string_view::npos);
  expect_clean_end("answered");
}

INSTANTIATE_TEST_SUITE_P(GatewayTransport, SippCallTest, ::testing::Values("udp", "tcp"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sipconf::mediation
