// Call setup through the B2BUA on a fake transport: both directions, what each leg carries,
// failures, CANCEL, forking, retries, and that no state is left behind.
#include <gtest/gtest.h>

#include "mediation/b2bua_test_support.h"
#include "sip/sdp/sdp.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;
using testing::B2buaFixture;
using testing::kAnswerSdp;
using testing::kSdp;

class CallTest : public B2buaFixture {
 protected:
  /// FE calls +14255550100; returns the INVITE that reached gw1.
  sip::Message place_outbound_call(int n = 1) {
    deliver(fe, fe_invite("+14255550100", n));
    auto trying = take_one("127.0.0.2");
    EXPECT_EQ(trying.status_code(), 100);
    return take_one("127.0.0.3");
  }
  /// The ACK and BYE with which the mediation hangs up a 2xx it does not want, toward
  /// `address`; returns the BYE.
  sip::Message expect_ack_then_bye(const std::string& address) {
    const auto sent = take(address);
    EXPECT_EQ(describe(sent), "ACK BYE ");
    return sent.size() == 2 ? sent[1] : sip::Message();
  }
  void expect_no_state_left() {
    EXPECT_EQ(b2bua->active_calls(), 0u);
    EXPECT_EQ(b2bua->active_dialogs(), 0u);
    drain_timers();
    EXPECT_EQ(transactions(), 0u);
  }
};

TEST_F(CallTest, OutboundInviteLeavesOnTheTrunkAsANewLeg) {
  const sip::Message incoming = testing::parse(fe_invite("+14255550100"));
  const sip::Message out = place_outbound_call();
  ASSERT_EQ(out.method(), "INVITE");
  EXPECT_EQ(out.request_uri_text(), "sip:+14255550100@127.0.0.3:5066;user=phone");  // RT-09
  EXPECT_NE(*sip::call_id(out), *sip::call_id(incoming));
  EXPECT_NE(sip::from(out)->tag(), sip::from(incoming)->tag());
  EXPECT_EQ(*sip::max_forwards(out), 69u);
  auto via = sip::vias(out);
  ASSERT_EQ(via->size(), 1u);  // the caller's Via stays on the caller leg
  EXPECT_EQ(via->front().sent_by(), "127.0.0.1:5068");
  EXPECT_EQ(via->front().transport(), "UDP");
  EXPECT_EQ(sip::from(out)->uri().user(), "+14255550111");
  EXPECT_EQ(sip::from(out)->display_name(), "Alice");
  EXPECT_EQ(sip::from(out)->uri().host(), "127.0.0.1");
  EXPECT_EQ(sip::to(out)->uri().user(), "+14255550100");
  EXPECT_FALSE(sip::to(out)->tag());
  EXPECT_EQ(sip::contacts(out)->contacts.front().uri().to_string(), "sip:127.0.0.1:5068");
  EXPECT_NE(out.header(HeaderId::user_agent)->find("MediationServer"), std::string_view::npos);
  EXPECT_FALSE(out.header("ms-call-source").has_value());
  EXPECT_EQ(out.body(), kSdp);
  EXPECT_EQ(metrics.trunks["gw1"].calls_out, 1u);
}

TEST_F(CallTest, InboundInviteReachesTheFrontEndAsAGatewayCall) {
  deliver(gw1, gw_invite("+14255550100"));
  auto trying = take_one("127.0.0.3");
  EXPECT_EQ(trying.status_code(), 100);
  const sip::Message out = take_one("127.0.0.2");
  ASSERT_EQ(out.method(), "INVITE");
  EXPECT_EQ(out.request_uri_text(), "sip:+14255550100@127.0.0.2:5061;user=phone;transport=tcp");
  EXPECT_EQ(sip::contacts(out)->contacts.front().to_string(),
            "<sip:127.0.0.1:5070;transport=tcp>;isGateway");  // SG-03
  EXPECT_EQ(out.header("ms-call-source"), "non-ms-rtc");      // decision 6.10
  EXPECT_NE(out.header(HeaderId::user_agent)->find("MediationServer"), std::string_view::npos);
  EXPECT_EQ(sip::top_via(out)->sent_by(), "127.0.0.1:5070");
  EXPECT_EQ(sip::top_via(out)->transport(), "TCP");
  EXPECT_EQ(sip::from(out)->uri().user(), "+18005550199");
  EXPECT_EQ(last_sent_to("127.0.0.2").to, (sip::Endpoint{"127.0.0.2", 5061, sip::Transport::tcp}));
  EXPECT_EQ(metrics.trunks["gw1"].calls_in, 1u);
}

TEST_F(CallTest, ATrunkWithPstnUsagesRoutesToAnotherTrunk) {
  build(testing::lab_config(R"(<configuration><PstnUsage Name="Local"/></configuration>)"));
  deliver(gw1, gw_invite("+441235551010"));
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 100);
  EXPECT_TRUE(take("127.0.0.2").empty()) << "not to Lync: RT-07 inter-trunk routing";
  const sip::Message out = take_one("127.0.0.4");
  EXPECT_EQ(out.request_uri_text(), "sip:+441235551010@127.0.0.4:5066;user=phone");
  EXPECT_FALSE(out.header("ms-call-source").has_value());
  EXPECT_EQ(sip::top_via(out)->sent_by(), "127.0.0.1:5069");
  EXPECT_EQ(metrics.trunks["gw1"].calls_in, 1u);
  EXPECT_EQ(metrics.trunks["gw2"].calls_out, 1u);
  deliver(gw2, answer(out, 200, "gw2-a", "<sip:gw2@127.0.0.4:5066;transport=tcp>", kAnswerSdp));
  const auto to_gw1 = take("127.0.0.3");
  ASSERT_EQ(to_gw1.size(), 1u);
  EXPECT_EQ(to_gw1[0].status_code(), 200);
  EXPECT_EQ(to_gw1[0].header(HeaderId::contact), "<sip:127.0.0.1:5068>") << "no isGateway";
  // A number none of gw1's usages routes fails with 404 (no fallback to the internal side).
  deliver(gw1, gw_invite("+33144556677", 2));
  const auto refused = take("127.0.0.3");
  ASSERT_EQ(refused.size(), 1u) << "a request refused at once gets no 100 Trying first";
  EXPECT_EQ(refused[0].status_code(), 404);
}

TEST_F(CallTest, BasicCallEndToEndLeavesNothingBehind) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 180, "gw-a", "<sip:gw@127.0.0.3:5066>"));
  const sip::Message ringing = take_one("127.0.0.2");
  EXPECT_EQ(ringing.status_code(), 180);
  ASSERT_TRUE(sip::to(ringing)->tag());
  EXPECT_EQ(sip::contacts(ringing)->contacts.front().to_string(),
            "<sip:127.0.0.1:5070;transport=tcp>;isGateway");

  const sip::Message ok = answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp);
  deliver(gw1, ok);
  const sip::Message fe_ok = take_one("127.0.0.2");
  EXPECT_EQ(fe_ok.status_code(), 200);
  EXPECT_EQ(sip::to(fe_ok)->tag(), sip::to(ringing)->tag());
  EXPECT_EQ(fe_ok.body(), kAnswerSdp);
  EXPECT_TRUE(take("127.0.0.3").empty()) << "the callee is ACKed when the caller ACKs";

  deliver(fe, caller_request(fe_sent, fe_ok, "ACK", 10, "z9hG4bK-fe-ack"));
  const sip::Message ack = take_one("127.0.0.3");
  EXPECT_EQ(ack.method(), "ACK");
  EXPECT_EQ(ack.request_uri_text(), "sip:gw@127.0.0.3:5066");
  EXPECT_EQ(sip::cseq(ack)->number, sip::cseq(invite)->number);
  EXPECT_EQ(sip::to(ack)->tag(), "gw-a");

  deliver(fe, caller_request(fe_sent, fe_ok, "BYE", 11, "z9hG4bK-fe-bye"));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 200);
  const sip::Message bye = take_one("127.0.0.3");
  EXPECT_EQ(bye.method(), "BYE");
  EXPECT_EQ(*sip::call_id(bye), *sip::call_id(invite));
  deliver(gw1, answer(bye, 200, "", ""));
  EXPECT_EQ(metrics.calls[static_cast<int>(CallResult::answered)], 1u);
  expect_no_state_left();
}

TEST_F(CallTest, BusyIsRelayedWithItsReasonAndAckedPerLeg) {
  const sip::Message invite = place_outbound_call();
  sip::Message busy = answer(invite, 486, "gw-b", "");
  busy.set_status(486, "Busy Here Really");
  deliver(gw1, busy);
  const sip::Message ack = take_one("127.0.0.3");  // the layer ACKs the non-2xx on its leg
  EXPECT_EQ(ack.method(), "ACK");
  const sip::Message relayed = take_one("127.0.0.2");
  EXPECT_EQ(relayed.status_code(), 486);
  EXPECT_EQ(relayed.reason_phrase(), "Busy Here Really");
  EXPECT_TRUE(sip::to(relayed)->tag());
  EXPECT_EQ(metrics.calls[static_cast<int>(CallResult::busy)], 1u);
  EXPECT_EQ(metrics.trunks["gw1"].failures, 1u);
  EXPECT_EQ(b2bua->active_calls(), 0u);
}

TEST_F(CallTest, TheCalleesFailuresAreRelayedAsTheyCameWithDiagnostics) {
  int n = 1;
  for (int status : {404, 480, 486, 600, 699}) {
    ++n;
    deliver(fe, fe_invite("+14255550100", n));
    take("127.0.0.2");
    const sip::Message invite = take_one("127.0.0.3");
    deliver(gw1, answer(invite, status, "gw-x", ""));
    EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
    EXPECT_TRUE(take("127.0.0.4").empty()) << status << " is not retried (HF-03)";
    auto relayed = take("127.0.0.2");
    ASSERT_EQ(relayed.size(), 1u) << status;
    EXPECT_EQ(relayed[0].status_code(), status);
    ASSERT_TRUE(relayed[0].header("ms-diagnostics")) << status;  // SG-10
    EXPECT_EQ(relayed[0].header("ms-diagnostics")->substr(0, 6), "10030;");
  }
  EXPECT_EQ(b2bua->active_calls(), 0u);
}

TEST_F(CallTest, CancelFromTheCallerCancelsTheCalleeAndGets487) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 180, "gw-a", "<sip:gw@127.0.0.3:5066>"));
  take("127.0.0.2");
  auto cancel = sip::make_cancel(fe_sent);
  deliver(fe, *cancel);
  const auto to_fe = take("127.0.0.2");
  EXPECT_EQ(statuses(to_fe), (std::vector<int>{200, 487}));
  const sip::Message gw_cancel = take_one("127.0.0.3");
  EXPECT_EQ(gw_cancel.method(), "CANCEL");
  EXPECT_EQ(*sip::call_id(gw_cancel), *sip::call_id(invite));
  deliver(gw1, answer(gw_cancel, 200, "gw-a", ""));
  deliver(gw1, answer(invite, 487, "gw-a", ""));
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  EXPECT_TRUE(take("127.0.0.2").empty()) << "the caller already has its 487";
  EXPECT_EQ(metrics.calls[static_cast<int>(CallResult::cancelled)], 1u);
  expect_no_state_left();
}

TEST_F(CallTest, CancelFromAGatewayReachesTheFrontEnd) {
  deliver(gw1, gw_invite("+14255550100"));
  take("127.0.0.3");
  const sip::Message invite = take_one("127.0.0.2");
  deliver(fe, answer(invite, 180, "fe-a", "<sip:bob@127.0.0.2:5061;transport=tcp>"));
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 180);
  deliver(gw1, *sip::make_cancel(testing::parse(gw_invite("+14255550100"))));
  EXPECT_EQ(statuses(take("127.0.0.3")), (std::vector<int>{200, 487}));
  EXPECT_EQ(take_one("127.0.0.2").method(), "CANCEL");
}

TEST_F(CallTest, A2xxCrossingTheCancelIsAckedAndHungUp) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 180, "gw-a", "<sip:gw@127.0.0.3:5066>"));
  take("127.0.0.2");
  deliver(fe, *sip::make_cancel(fe_sent));
  take("127.0.0.2");
  take("127.0.0.3");
  deliver(gw1, answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  const sip::Message bye = expect_ack_then_bye("127.0.0.3");
  EXPECT_TRUE(take("127.0.0.2").empty());
  deliver(gw1, answer(bye, 200, "", ""));
  expect_no_state_left();
}

TEST_F(CallTest, ForkedEarlyDialogsReachTheCallerAsDistinctDialogs) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 183, "fork-a", "<sip:a@127.0.0.3:5066>", kAnswerSdp));
  deliver(gw1, answer(invite, 180, "fork-b", "<sip:b@127.0.0.3:5066>"));
  deliver(gw1, answer(invite, 180, "fork-a", "<sip:a@127.0.0.3:5066>"));
  const auto early = take("127.0.0.2");
  ASSERT_EQ(early.size(), 3u);
  EXPECT_EQ(early[0].status_code(), 183);
  EXPECT_EQ(early[0].body(), kAnswerSdp);  // early media SDP relayed (SG-06)
  const auto tag_a = std::string(*sip::to(early[0])->tag());
  const auto tag_b = std::string(*sip::to(early[1])->tag());
  EXPECT_NE(tag_a, tag_b);
  EXPECT_EQ(*sip::to(early[2])->tag(), tag_a);
  EXPECT_EQ(b2bua->active_dialogs(), 4u);  // two early dialogs on each leg

  deliver(gw1, answer(invite, 200, "fork-b", "<sip:b@127.0.0.3:5066>", kAnswerSdp));
  const sip::Message ok = take_one("127.0.0.2");
  EXPECT_EQ(*sip::to(ok)->tag(), tag_b);
  deliver(fe, caller_request(fe_sent, ok, "ACK", 10, "z9hG4bK-ack"));
  EXPECT_EQ(sip::to(take_one("127.0.0.3"))->tag(), "fork-b");

  // The other fork answers too: ACKed and hung up, never shown to the caller.
  deliver(gw1, answer(invite, 200, "fork-a", "<sip:a@127.0.0.3:5066>", kAnswerSdp));
  EXPECT_EQ(sip::to(expect_ack_then_bye("127.0.0.3"))->tag(), "fork-a");
  EXPECT_TRUE(take("127.0.0.2").empty());
}

TEST_F(CallTest, MaxEarlyDialogsLimitsForksShownToATrunkCaller) {
  build(testing::lab_config(R"(<configuration MaxEarlyDialogs="2"/>)"));
  deliver(gw1, gw_invite("+14255550100"));
  take("127.0.0.3");
  const sip::Message invite = take_one("127.0.0.2");
  for (const char* tag : {"f1", "f2", "f3", "f2"}) {
    deliver(fe, answer(invite, 180, tag, "<sip:x@127.0.0.2:5061;transport=tcp>"));
  }
  const auto early = take("127.0.0.3");
  ASSERT_EQ(early.size(), 3u);  // f1, f2, f2 again; f3 is past the limit
  EXPECT_EQ(sip::to(early[2])->tag(), sip::to(early[1])->tag());
}

TEST_F(CallTest, LateOfferAnswerInTheAckReachesTheCallee) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100", 1, ""));
  deliver(fe, sip::serialize(fe_sent));
  take("127.0.0.2");
  const sip::Message invite = take_one("127.0.0.3");
  EXPECT_TRUE(invite.body().empty());
  deliver(gw1, answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  const sip::Message ok = take_one("127.0.0.2");
  EXPECT_EQ(ok.body(), kAnswerSdp);
  sip::Message ack = caller_request(fe_sent, ok, "ACK", 10, "z9hG4bK-ack");
  ack.set_body(kSdp, "application/sdp");
  deliver(fe, ack);
  const sip::Message gw_ack = take_one("127.0.0.3");
  EXPECT_EQ(gw_ack.body(), kSdp);
  EXPECT_EQ(gw_ack.header(HeaderId::content_type), "application/sdp");
}

TEST_F(CallTest, CalleeRetransmittedOkIsReAckedWithTheSameAck) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  const sip::Message ok = answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp);
  deliver(gw1, ok);
  deliver(gw1, ok);  // before the caller ACKed: nothing yet
  EXPECT_TRUE(take("127.0.0.3").empty());
  const sip::Message fe_ok = take("127.0.0.2").back();
  deliver(fe, caller_request(fe_sent, fe_ok, "ACK", 10, "z9hG4bK-ack"));
  const sip::Message first = take_one("127.0.0.3");
  deliver(gw1, ok);
  const sip::Message again = take_one("127.0.0.3");
  EXPECT_EQ(sip::serialize(again), sip::serialize(first));
  timers.advance(std::chrono::seconds(10));  // the INVITE transaction has ended meanwhile
  deliver(gw1, ok);
  EXPECT_EQ(sip::serialize(take_one("127.0.0.3")), sip::serialize(first));
}

TEST_F(CallTest, CallerThatNeverAcksIsHungUpOnBothLegs) {
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  take("127.0.0.2");
  timers.advance(std::chrono::milliseconds(64 * 100 + 50));
  const auto to_fe = take("127.0.0.2");
  ASSERT_FALSE(to_fe.empty());
  EXPECT_EQ(to_fe.front().status_code(), 200) << "the 2xx is retransmitted meanwhile";
  EXPECT_EQ(to_fe.back().method(), "BYE");
  const auto to_gw = take("127.0.0.3");
  ASSERT_EQ(to_gw.size(), 2u);
  EXPECT_EQ(to_gw[0].method(), "ACK");
  EXPECT_EQ(to_gw[1].method(), "BYE");
}

TEST_F(CallTest, ATimeoutMovesOnAndNoTrunkLeftIs503With12000) {
  place_outbound_call();
  timers.advance(std::chrono::milliseconds(64 * 100));  // Timer B on gw1
  EXPECT_TRUE(take("127.0.0.2").empty());
  EXPECT_EQ(take_one("127.0.0.4").method(), "INVITE");
  timers.advance(std::chrono::milliseconds(64 * 100));  // and on gw2
  const sip::Message failed = take_one("127.0.0.2");
  EXPECT_EQ(failed.status_code(), 503);
  ASSERT_TRUE(failed.header("ms-diagnostics"));
  EXPECT_EQ(failed.header("ms-diagnostics")->substr(0, 6), "12000;");  // HF-02
  EXPECT_EQ(metrics.trunks["gw1"].failures, 1u);
  EXPECT_EQ(metrics.trunks["gw2"].failures, 1u);
  expect_no_state_left();
}

TEST_F(CallTest, AnUnreachableTrunkMovesTheCallOn) {
  deliver(fe, fe_invite("+14255550100"));
  take("127.0.0.2");
  transport->fail(last_sent_to("127.0.0.3").id,
                  std::make_error_code(std::errc::connection_refused));
  EXPECT_TRUE(take("127.0.0.2").empty());
  EXPECT_EQ(take_one("127.0.0.4").method(), "INVITE");
  transport->fail(last_sent_to("127.0.0.4").id,
                  std::make_error_code(std::errc::connection_refused));
  const sip::Message failed = take_one("127.0.0.2");
  EXPECT_EQ(failed.status_code(), 503);
  EXPECT_EQ(failed.header("ms-diagnostics")->substr(0, 6), "12000;");
}

TEST_F(CallTest, A5xxMovesTheCallToTheNextTrunkCandidateA486DoesNot) {
  const sip::Message first = place_outbound_call();
  deliver(gw1, answer(first, 503, "gw-a", ""));
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  EXPECT_TRUE(take("127.0.0.2").empty());
  const sip::Message second = take_one("127.0.0.4");
  EXPECT_EQ(second.request_uri_text(), "sip:+14255550100@127.0.0.4:5066;user=phone");
  EXPECT_NE(*sip::call_id(second), *sip::call_id(first));
  EXPECT_EQ(second.body(), kSdp);
  deliver(gw2, answer(second, 486, "gw2-a", ""));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 486) << "486 is not retried";
  EXPECT_EQ(metrics.trunks["gw2"].calls_out, 1u);
  expect_no_state_left();
}

TEST_F(CallTest, EveryTrunkFailingOverIs503With12000) {
  const sip::Message first = place_outbound_call();
  deliver(gw1, answer(first, 500, "gw-a", ""));
  const sip::Message second = take_one("127.0.0.4");
  deliver(gw2, answer(second, 503, "gw2-a", ""));
  const sip::Message failed = take_one("127.0.0.2");
  EXPECT_EQ(failed.status_code(), 503);
  EXPECT_EQ(failed.header("ms-diagnostics")->substr(0, 6), "12000;");
  expect_no_state_left();
}

TEST_F(CallTest, AProvisionalRelayedEndsFailover) {
  const sip::Message first = place_outbound_call();
  deliver(gw1, answer(first, 180, "gw-a", "<sip:gw@127.0.0.3:5066>"));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 180);
  deliver(gw1, answer(first, 503, "gw-a", ""));
  EXPECT_TRUE(take("127.0.0.4").empty()) << "the caller already saw this attempt ring";
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 503);
}

TEST_F(CallTest, ResponseCodeTranslationDecidesBeforeTheRetry) {
  build(testing::lab_config(R"(<configuration>
      <SipResponseCodeTranslationRule Name="no-circuit" ReceivedResponseCode="486"
                                      ReceivedISUPCauseValue="34" TranslatedResponseCode="503"/>
      <SipResponseCodeTranslationRule Name="434" ReceivedResponseCode="434"
                                      TranslatedResponseCode="404"/>
    </configuration>)"));
  // 486 with cause 34 counts as 503: the call moves on to gw2 (TC-14).
  const sip::Message first = place_outbound_call(1);
  sip::Message busy = answer(first, 486, "gw-a", "");
  busy.append_header(sip::HeaderId::reason, "Q.850;cause=34;text=\"No circuit available\"");
  deliver(gw1, busy);
  EXPECT_TRUE(take("127.0.0.2").empty());
  const sip::Message second = take_one("127.0.0.4");
  deliver(gw2, answer(second, 486, "gw2-a", ""));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 486) << "gw2 has no rules";
  EXPECT_EQ(take_one("127.0.0.4").method(), "ACK");
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  // A plain 486 is the callee's answer.
  const sip::Message plain = place_outbound_call(2);
  deliver(gw1, answer(plain, 486, "gw-b", ""));
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  EXPECT_TRUE(take("127.0.0.4").empty());
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 486);
  // 434 reaches the caller as 404, with 404's reason phrase.
  const sip::Message third = place_outbound_call(3);
  deliver(gw1, answer(third, 434, "gw-c", ""));
  const sip::Message relayed = take_one("127.0.0.2");
  EXPECT_EQ(relayed.status_code(), 404);
  EXPECT_EQ(relayed.reason_phrase(), "Not Found");
}

TEST_F(CallTest, FastFailoverCancelsASilentTrunkAndTriesTheNext) {
  build(testing::lab_config(R"(<health fast-failover-after="2s"/>)"));
  const sip::Message first = place_outbound_call();
  deliver(gw1, answer(first, 100, "", ""));
  timers.advance(std::chrono::milliseconds(1999));
  EXPECT_TRUE(take("127.0.0.3").empty());
  EXPECT_TRUE(take("127.0.0.4").empty());
  timers.advance(std::chrono::milliseconds(1));
  const sip::Message cancel = take_one("127.0.0.3");
  EXPECT_EQ(cancel.method(), "CANCEL");
  const sip::Message second = take_one("127.0.0.4");
  EXPECT_EQ(second.method(), "INVITE");
  EXPECT_TRUE(take("127.0.0.2").empty()) << "the caller sees nothing of it";
  deliver(gw1, answer(cancel, 200, "", ""));
  deliver(gw1, answer(first, 487, "gw-a", ""));
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  // gw2's timer is Lync's default 10 s; its 180 stops it.
  deliver(gw2, answer(second, 180, "gw2-a", "<sip:gw2@127.0.0.4:5066;transport=tcp>"));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 180);
  timers.advance(std::chrono::seconds(20));
  EXPECT_TRUE(take("127.0.0.4").empty());
  deliver(gw2, answer(second, 200, "gw2-a", "<sip:gw2@127.0.0.4:5066;transport=tcp>", kAnswerSdp));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 200);
}

TEST_F(CallTest, FastFailoverWithNoTrunkLeftIs503With12000) {
  build(testing::lab_config({}, R"(<pstn-usage name="Local">
    <route name="us" pattern="^\+1425"><trunk name="gw2"/></route></pstn-usage>)"));
  deliver(fe, fe_invite("+14255550100"));
  take("127.0.0.2");
  const sip::Message invite = take_one("127.0.0.4");
  deliver(gw2, answer(invite, 100, "", ""));
  timers.advance(std::chrono::seconds(10));
  EXPECT_EQ(take_one("127.0.0.4").method(), "CANCEL");
  const sip::Message failed = take_one("127.0.0.2");
  EXPECT_EQ(failed.status_code(), 503);
  EXPECT_EQ(failed.header("ms-diagnostics")->substr(0, 6), "12000;");
  EXPECT_EQ(b2bua->active_calls(), 1u) << "until the trunk ends the cancelled INVITE";
  deliver(gw2, answer(invite, 487, "gw2-a", ""));
  drain_timers();
  EXPECT_EQ(b2bua->active_calls(), 0u);
  EXPECT_EQ(transactions(), 0u);
}

TEST_F(CallTest, ProgressInTimeOrTheTimerOffMeansNoCutOff) {
  build(testing::lab_config(R"(<health fast-failover-after="2s"/>)"));
  const sip::Message ringing = place_outbound_call(1);
  deliver(gw1, answer(ringing, 183, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  timers.advance(std::chrono::seconds(5));
  EXPECT_TRUE(take("127.0.0.3").empty());
  EXPECT_TRUE(take("127.0.0.4").empty());

  build(testing::lab_config(
      R"(<configuration EnableFastFailoverTimer="false"/><health fast-failover-after="2s"/>)"));
  taken.clear();
  const sip::Message silent = place_outbound_call(2);
  deliver(gw1, answer(silent, 100, "", ""));
  timers.advance(std::chrono::seconds(30));
  EXPECT_TRUE(take("127.0.0.3").empty()) << "no CANCEL";
  EXPECT_TRUE(take("127.0.0.4").empty());
}

TEST_F(CallTest, A2xxCrossingTheFailoverCancelIsAckedAndHungUpOnItsTrunk) {
  build(testing::lab_config(R"(<health fast-failover-after="2s"/>)"));
  const sip::Message first = place_outbound_call();
  deliver(gw1, answer(first, 100, "", ""));
  timers.advance(std::chrono::seconds(2));
  EXPECT_EQ(take_one("127.0.0.3").method(), "CANCEL");
  take_one("127.0.0.4");
  deliver(gw1, answer(first, 200, "gw-late", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  const sip::Message bye = expect_ack_then_bye("127.0.0.3");
  EXPECT_EQ(sip::top_via(bye)->sent_by(), "127.0.0.1:5068") << "from gw1's listener";
  EXPECT_TRUE(take("127.0.0.2").empty()) << "never shown to the caller";
}

TEST_F(CallTest, TranslationActsOnTheLegTowardTheChosenTrunk) {
  build(testing::lab_config(R"(<configuration RemovePlusFromUri="true">
      <OutboundTranslationRule Pattern="^\+(1425\d{7})$" Translation="9$1"/>
    </configuration>)"));
  const sip::Message to_gw1 = place_outbound_call(1);
  EXPECT_EQ(to_gw1.request_uri_text(), "sip:914255550100@127.0.0.3:5066;user=phone");
  EXPECT_EQ(sip::to(to_gw1)->uri().user(), "914255550100");
  EXPECT_EQ(sip::from(to_gw1)->uri().user(), "14255550111");
  // After a failover, gw2's (empty) rules apply: the number goes as dialled.
  deliver(gw1, answer(to_gw1, 503, "gw-a", ""));
  const sip::Message to_gw2 = take_one("127.0.0.4");
  EXPECT_EQ(to_gw2.request_uri_text(), "sip:+14255550100@127.0.0.4:5066;user=phone");
  EXPECT_EQ(sip::from(to_gw2)->uri().user(), "+14255550111");
}

TEST_F(CallTest, FailuresTowardTheFrontEndCarryDiagnostics) {
  deliver(fe, fe_invite("+33144556677"));
  const sip::Message no_route = take_one("127.0.0.2");
  EXPECT_EQ(no_route.status_code(), 404);
  EXPECT_EQ(no_route.header("ms-diagnostics")->substr(0, 6), "12004;");
  deliver(fe,
          "BYE sip:127.0.0.1:5070;transport=tcp SIP/2.0\r\n"
          "Via: SIP/2.0/TCP 127.0.0.2:5061;branch=z9hG4bK-bye-x\r\nMax-Forwards: 70\r\n"
          "From: <sip:+14255550111@lync.example>;tag=a\r\nTo: <sip:x@lync.example>;tag=b\r\n"
          "Call-ID: nothing\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");
  const sip::Message no_dialog = take_one("127.0.0.2");
  EXPECT_EQ(no_dialog.status_code(), 481);
  EXPECT_EQ(no_dialog.header("ms-diagnostics")->substr(0, 6), "10105;");
}

TEST_F(CallTest, RoutesAreTakenInUsageOrderAndAReloadAppliesToNewCallsOnly) {
  const sip::Message to_gw1 = place_outbound_call(1);
  EXPECT_EQ(to_gw1.request_uri_text(), "sip:+14255550100@127.0.0.3:5066;user=phone");
  deliver(fe, fe_invite("+441235551010", 2));
  take("127.0.0.2");
  EXPECT_EQ(take_one("127.0.0.4").method(), "INVITE");

  b2bua->set_config(testing::runtime(testing::lab_config(
      {},
      R"(<pstn-usage name="Other"><route pattern="^\+1"><trunk name="gw2"/></route></pstn-usage>)")));
  deliver(fe, fe_invite("+14255550100", 3));
  take("127.0.0.2");
  EXPECT_EQ(take_one("127.0.0.4").request_uri_text(), "sip:+14255550100@127.0.0.4:5066;user=phone");
  // The call placed before the reload still finishes on gw1.
  deliver(gw1, answer(to_gw1, 486, "gw-a", ""));
  EXPECT_EQ(take("127.0.0.2").back().status_code(), 486);
}

TEST_F(CallTest, DrainingRefusesNewCallsAndEndAllHangsUpBothLegs) {
  const sip::Message fe_sent = testing::parse(fe_invite("+14255550100"));
  const sip::Message invite = place_outbound_call();
  deliver(gw1, answer(invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  const sip::Message ok = take_one("127.0.0.2");
  deliver(fe, caller_request(fe_sent, ok, "ACK", 10, "z9hG4bK-ack"));
  take("127.0.0.3");

  b2bua->start_draining();
  deliver(fe, fe_invite("+14255550100", 2));
  const sip::Message refused = take("127.0.0.2").back();
  EXPECT_EQ(refused.status_code(), 503);
  EXPECT_EQ(metrics.calls[static_cast<int>(CallResult::refused)], 1u);

  b2bua->end_all_calls("test");
  EXPECT_EQ(take_one("127.0.0.2").method(), "BYE");
  EXPECT_EQ(take_one("127.0.0.3").method(), "BYE");
  EXPECT_EQ(b2bua->active_calls(), 0u);
  EXPECT_EQ(b2bua->unanswered_byes(), 2u);
}

}  // namespace
}  // namespace sipconf::mediation
