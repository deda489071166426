#include "mediation/leg_messages.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;

LegAddress internal_side() {
  LegAddress a;
  a.peer = Peer{Side::internal, 0};
  a.next_hop = {"127.0.0.2", 5061, sip::Transport::tls};
  a.local = {"127.0.0.1", 5070, sip::Transport::tls};
  a.peer_host = "fe.lync.test";
  return a;
}

LegAddress trunk_side() {
  LegAddress a;
  a.peer = Peer{Side::trunk, 0};
  a.next_hop = {"127.0.0.3", 5066, sip::Transport::tcp};
  a.local = {"127.0.0.1", 5068, sip::Transport::tcp};
  a.peer_host = "gw1.test.example";
  return a;
}

sip::Message parse(const std::string& text) {
  auto r = sip::parse_message(text);
  EXPECT_TRUE(r.ok()) << r.error.message();
  return *r.message;
}

const std::string kGatewayInvite =
    "INVITE sip:+14255550100@127.0.0.1:5068;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/TCP 127.0.0.3:5066;branch=z9hG4bK1\r\nMax-Forwards: 12\r\n"
    "From: \"Bob Gateway\" <sip:+18005550199@gw1.test.example;user=phone>;tag=g1\r\n"
    "To: <sip:+14255550100@mediation.test;user=phone>\r\nCall-ID: abc\r\nCSeq: 7 INVITE\r\n"
    "Contact: <sip:gw@127.0.0.3:5066;transport=tcp>\r\nSubject: hello\r\n"
    "P-Asserted-Identity: <sip:+18005550199@gw1.test.example>\r\nX-Secret: topology\r\n"
    "Record-Route: <sip:127.0.0.3;lr>\r\nSupported: 100rel\r\n"
    "Content-Type: application/sdp\r\nContent-Length: 3\r\n\r\nv=0";

TEST(LegMessages, PartyUriTowardTheTrunkAndTheInternalSide) {
  EXPECT_EQ(party_uri(trunk_side(), "+14255550100").to_string(),
            "sip:+14255550100@gw1.test.example:5066;user=phone");
  EXPECT_EQ(party_uri(internal_side(), "+14255550100").to_string(),
            "sip:+14255550100@fe.lync.test:5061;user=phone;transport=tls");
  EXPECT_EQ(party_uri(internal_side(), "vivekg").to_string(),
            "sip:vivekg@fe.lync.test:5061;transport=tls");
}

TEST(LegMessages, ContactCarriesIsGatewayOnlyTowardTheInternalSide) {
  EXPECT_EQ(leg_contact(internal_side()).to_string(),
            "<sip:127.0.0.1:5070;transport=tls>;isGateway");
  EXPECT_EQ(leg_contact(trunk_side()).to_string(), "<sip:127.0.0.1:5068;transport=tcp>");
}

TEST(LegMessages, PhoneNumbers) {
  EXPECT_TRUE(is_phone_number("+1-425-555-0100"));
  EXPECT_TRUE(is_phone_number("*67#"));
  EXPECT_FALSE(is_phone_number("alice"));
  EXPECT_FALSE(is_phone_number("+"));
  EXPECT_FALSE(is_phone_number(""));
}

TEST(LegMessages, CalleeInviteIsANewLegWithTheCallersNumbers) {
  const sip::Message in = parse(kGatewayInvite);
  TrunkSettings settings;
  const HeaderPolicy policy(settings, Direction::to_internal);
  const LegIds ids{"leg-b@127.0.0.1", "tag-b", 42};
  const sip::Message out =
      make_callee_invite(CalleeInvite{in, internal_side(), trunk_side(), ids, 11, policy,
                                      "UA MediationServer", "v=1", "application/sdp"});
  EXPECT_EQ(out.request_uri_text(), "sip:+14255550100@fe.lync.test:5061;user=phone;transport=tls");
  EXPECT_EQ(*sip::call_id(out), "leg-b@127.0.0.1");
  EXPECT_EQ(sip::cseq(out)->to_string(), "42 INVITE");
  EXPECT_EQ(*sip::max_forwards(out), 11u);
  EXPECT_EQ(*out.header(HeaderId::from),
            "Bob Gateway <sip:+18005550199@127.0.0.1;user=phone>;tag=tag-b");
  EXPECT_EQ(*out.header(HeaderId::to), "<sip:+14255550100@fe.lync.test;user=phone>");
  EXPECT_EQ(out.header("ms-call-source"), "non-ms-rtc");
  EXPECT_EQ(out.header(HeaderId::user_agent), "UA MediationServer");
  EXPECT_EQ(out.header(HeaderId::subject), "hello");
  EXPECT_FALSE(out.header("X-Secret").has_value()) << "unknown headers stay on their leg";
  EXPECT_FALSE(out.has(HeaderId::record_route));
  EXPECT_FALSE(out.has(HeaderId::p_asserted_identity)) << "ForwardPAI is off by default";
  EXPECT_FALSE(out.has(HeaderId::supported));
  EXPECT_FALSE(out.has(HeaderId::via)) << "the transaction layer adds ours";
  EXPECT_EQ(out.body(), "v=1");
  EXPECT_EQ(out.header(HeaderId::content_type), "application/sdp");
}

TEST(LegMessages, RelayedResponseKeepsStatusReasonAndGetsOurTagAndContact) {
  const sip::Message caller_request = parse(kGatewayInvite);
  const sip::Message received = parse(
      "SIP/2.0 183 Session Progress Now\r\nVia: SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bKx\r\n"
      "From: <sip:a@b>;tag=tag-b\r\nTo: <sip:c@d>;tag=fe-1\r\nCall-ID: leg-b\r\nCSeq: 42 INVITE\r\n"
      "Contact: <sip:fe@127.0.0.2>\r\nWarning: 399 fe \"lab\"\r\nContent-Type: application/sdp\r\n"
      "Content-Length: 3\r\n\r\nv=0");
  TrunkSettings settings;
  auto out = make_relayed_response(caller_request, received, "tag-a", trunk_side(),
                                   HeaderPolicy(settings, Direction::to_trunk), "UA", "v=9",
                                   "application/sdp");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status_code(), 183);
  EXPECT_EQ(out->reason_phrase(), "Session Progress Now");
  EXPECT_EQ(sip::to(*out)->tag(), "tag-a");
  EXPECT_EQ(*sip::call_id(*out), "abc");
  EXPECT_EQ(out->header(HeaderId::contact), "<sip:127.0.0.1:5068;transport=tcp>");
  EXPECT_EQ(out->header(HeaderId::record_route), "<sip:127.0.0.3;lr>") << "§12.1.1";
  EXPECT_EQ(out->header(HeaderId::warning), "399 fe \"lab\"");
  EXPECT_EQ(out->header(HeaderId::server), "UA");
  EXPECT_EQ(out->body(), "v=9");
}

const std::string kLyncInvite =
    "INVITE sip:+14255550100;ext=7@127.0.0.1:5070;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 127.0.0.2:5061;branch=z9hG4bK2\r\nMax-Forwards: 70\r\n"
    "From: \"Alice\" <sip:+12065551219@lync.test;user=phone>;tag=f1\r\n"
    "To: \"Bob\" <sip:+14255550100@lync.test;user=phone>\r\nCall-ID: xyz\r\n"
    "CSeq: 1 INVITE\r\nContact: <sip:alice@127.0.0.2:5061;transport=tls>\r\n"
    "P-Asserted-Identity: \"Alice\" <sip:+12065551219@lync.test;user=phone>, "
    "<tel:+12065551219;ext=3>\r\nContent-Length: 0\r\n\r\n";

sip::Message invite_toward_trunk(const TrunkSettings& settings) {
  const sip::Message in = parse(kLyncInvite);
  const HeaderPolicy policy(settings, Direction::to_trunk);
  const TrunkNumbering numbering(settings);
  const LegIds ids{"leg-b", "tag-b", 1};
  return make_callee_invite(
      CalleeInvite{in, trunk_side(), internal_side(), ids, 69, policy, "UA", "", "", &numbering});
}

TEST(LegMessages, TrunkTranslationRewritesCalledAndCallingNumbers) {
  TrunkSettings settings;
  settings.forward_pai = true;
  settings.outbound_translation_rules = {{"us", R"(^\+(1\d{10})$)", "$1"}};
  settings.outbound_calling_number_translation_rules = {{"sea", R"(^\+1206(\d{7})$)", "$1"}};
  const sip::Message out = invite_toward_trunk(settings);
  // RT-02 on the Request-URI and To, user parameters kept; RT-03 on From and both PAIs.
  EXPECT_EQ(out.request_uri_text(), "sip:14255550100;ext=7@gw1.test.example:5066;user=phone");
  EXPECT_EQ(*out.header(HeaderId::to), "Bob <sip:14255550100@gw1.test.example;user=phone>");
  EXPECT_EQ(*out.header(HeaderId::from), "Alice <sip:5551219@127.0.0.1;user=phone>;tag=tag-b");
  EXPECT_EQ(*out.header(HeaderId::p_asserted_identity),
            "Alice <sip:5551219@lync.test;user=phone>, <tel:5551219;ext=3>");
}

TEST(LegMessages, RemovePlusFromUriStripsEveryNumber) {
  TrunkSettings settings;
  settings.forward_pai = true;
  settings.remove_plus_from_uri = true;
  const sip::Message out = invite_toward_trunk(settings);
  EXPECT_EQ(out.request_uri_text(), "sip:14255550100;ext=7@gw1.test.example:5066;user=phone");
  EXPECT_EQ(sip::to(out)->uri().user(), "14255550100");
  EXPECT_EQ(sip::from(out)->uri().user(), "12065551219");
  EXPECT_EQ(*out.header(HeaderId::p_asserted_identity),
            "Alice <sip:12065551219@lync.test;user=phone>, <tel:12065551219;ext=3>");
}

TEST(LegMessages, WithoutRulesNumbersCrossUnchanged) {
  TrunkSettings settings;
  settings.forward_pai = true;
  const sip::Message out = invite_toward_trunk(settings);
  EXPECT_EQ(out.request_uri_text(), "sip:+14255550100;ext=7@gw1.test.example:5066;user=phone");
  EXPECT_EQ(sip::from(out)->uri().user(), "+12065551219");
  EXPECT_EQ(*out.header(HeaderId::p_asserted_identity),
            "\"Alice\" <sip:+12065551219@lync.test;user=phone>, <tel:+12065551219;ext=3>");
}

TEST(LegMessages, RewriteUserNumberKeepsUserParameters) {
  const auto twice = [](std::string_view n) { return std::string(n) + std::string(n); };
  EXPECT_EQ(rewrite_user_number("12;ext=3", twice), "1212;ext=3");
  EXPECT_EQ(rewrite_user_number(";ext=3", twice), ";ext=3");
  EXPECT_EQ(rewrite_user_number("", twice), "");
}

}  // namespace
}  // namespace sipconf::mediation
