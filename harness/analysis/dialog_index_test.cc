#include "harness/analysis/dialog_index.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;
using testing::LegIds;
using testing::request;
using testing::response;

const Endpoint kA = ep("10.0.0.1:5060");
const Endpoint kB = ep("10.0.0.2:5060");

TEST(DialogIndex, ACallLegFromInviteToBye) {
  testing::B2buaCall call;
  SipTrace trace;
  testing::feed(trace, testing::b2bua_call(call));
  ASSERT_EQ(trace.legs().size(), 2u);
  const CallLeg& in = trace.legs()[0];
  EXPECT_EQ(in.call_id, call.in_call_id);
  EXPECT_TRUE(in.is_call());
  EXPECT_EQ(in.caller, call.caller);
  EXPECT_EQ(in.callee, call.sut_in);
  EXPECT_EQ(in.called_user, "+14255550100");
  EXPECT_EQ(in.calling_user, "alice");
  EXPECT_EQ(in.first_invite, 0u);
  EXPECT_EQ(trace.message(in.first_ringing).facts().status, 180);
  EXPECT_EQ(trace.message(in.first_success).facts().status, 200);
  EXPECT_EQ(trace.message(in.bye).facts().method, "BYE");
  EXPECT_TRUE(in.completed());
  ASSERT_EQ(in.dialogs.size(), 1u);
  EXPECT_EQ(in.dialogs[0].remote_tag, "sut-in-tag");
  EXPECT_NE(in.dialogs[0].early, kNoIndex);
  EXPECT_NE(in.dialogs[0].ended, kNoIndex);
  const CallLeg& out = trace.legs()[1];
  EXPECT_EQ(out.call_id, call.out_call_id);
  EXPECT_EQ(out.caller, call.sut_out);
  EXPECT_EQ(out.messages.size(), 7u);
  EXPECT_EQ(in.messages.size(), 7u);
}

TEST(DialogIndex, AuthRetryStaysInTheLegAndCountsFromTheFirstInvite) {
  LegIds l;
  l.call_id = "auth-1";
  l.via = kA.to_string();
  const std::string first = request("INVITE", "sip:b@b", l, 1, "z9hG4bK-1");
  const std::string second = request("INVITE", "sip:b@b", l, 2, "z9hG4bK-2");
  LegIds acked = l;
  acked.to_tag = "p";
  SipTrace trace;
  testing::feed(trace, {{0, kA, kB, first},
                        {10, kB, kA, response(407, "Proxy Authentication Required", first, "p")},
                        {20, kA, kB, request("ACK", "sip:b@b", acked, 1, "z9hG4bK-1")},
                        {30, kA, kB, second},
                        {40, kB, kA, response(183, "Session Progress", second, "q")},
                        {50, kB, kA, response(486, "Busy Here", second, "q")}});
  ASSERT_EQ(trace.legs().size(), 1u);
  const CallLeg& leg = trace.legs()[0];
  EXPECT_EQ(leg.first_invite, 0u);
  EXPECT_EQ(leg.first_ringing, 4u);  // Any 18x ends the post-dial delay, 183 included.
  EXPECT_EQ(trace.message(leg.last_final).facts().status, 486);
  EXPECT_FALSE(leg.completed());
}

// A proxy that sends the call back to the host it came from (SIP_DTMF2.cap): same
// Call-ID and tags, same two addresses, opposite direction: two legs.
TEST(DialogIndex, AHairpinIsTwoLegs) {
  LegIds l;
  l.call_id = "hairpin-1";
  l.via = kA.to_string();
  const std::string in = request("INVITE", "sip:2504@b", l, 20, "z9hG4bK-in");
  LegIds relayed = l;
  relayed.via = kB.to_string();
  const std::string out = request("INVITE", "sip:2504@a", relayed, 20, "z9hG4bK-out");
  LegIds acked = l;
  acked.to_tag = "callee";
  LegIds acked_out = relayed;
  acked_out.to_tag = "callee";
  SipTrace trace;
  testing::feed(trace, {{0, kA, kB, in},
                        {10, kB, kA, out},
                        {20, kA, kB, response(200, "OK", out, "callee")},
                        {30, kB, kA, response(200, "OK", in, "callee")},
                        {40, kA, kB, request("ACK", "sip:b", acked, 20, "z9hG4bK-ack1")},
                        {50, kB, kA, request("ACK", "sip:a", acked_out, 20, "z9hG4bK-ack2")}});
  ASSERT_EQ(trace.legs().size(), 2u);
  EXPECT_EQ(trace.message(0).leg, 0u);
  EXPECT_EQ(trace.message(1).leg, 1u);
  EXPECT_EQ(trace.message(2).leg, 1u);
  EXPECT_EQ(trace.message(3).leg, 0u);
  // The ACKs travel in each leg's caller direction with the caller's From tag.
  EXPECT_EQ(trace.message(4).leg, 0u);
  EXPECT_EQ(trace.message(5).leg, 1u);
  EXPECT_EQ(trace.legs()[1].caller, kB);
}

TEST(DialogIndex, RegistrationsAreLegsButNotCalls) {
  LegIds l;
  l.call_id = "reg-1";
  l.via = kA.to_string();
  const std::string reg = request("REGISTER", "sip:b", l, 1, "z9hG4bK-r1");
  SipTrace trace;
  testing::feed(trace, {{0, kA, kB, reg}, {10, kB, kA, response(200, "OK", reg, "r")}});
  ASSERT_EQ(trace.legs().size(), 1u);
  EXPECT_FALSE(trace.legs()[0].is_call());
  EXPECT_EQ(trace.legs()[0].method, "REGISTER");
  EXPECT_EQ(trace.legs()[0].messages.size(), 2u);
}

}  // namespace
}  // namespace sipconf::harness
