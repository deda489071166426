#include "sip/dialog/dialog.h"

#include <string>

#include <gtest/gtest.h>

#include "sip/message/message_builders.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_test_support.h"

namespace sipconf::sip {
namespace {

using transaction_testing::parse_or_die;

/// The INVITE Alice (UAC, 127.0.0.51) sends to Bob through two record-routing proxies.
Message alice_invite(std::string_view ruri = "sip:bob@127.0.0.52") {
  return parse_or_die("INVITE " + std::string(ruri) +
                      " SIP/2.0\r\n"
                      "Via: SIP/2.0/UDP 127.0.0.51:5060;branch=z9hG4bKa1\r\n"
                      "Max-Forwards: 70\r\n"
                      "From: \"Alice\" <sip:alice@127.0.0.51>;tag=alice-tag\r\n"
                      "To: <sip:bob@127.0.0.52>\r\n"
                      "Call-ID: dlg-1@127.0.0.51\r\n"
                      "CSeq: 100 INVITE\r\n"
                      "Contact: <sip:alice@127.0.0.51:5060>\r\n"
                      "Record-Route: <sip:p2@127.0.0.62;lr>, <sip:p1@127.0.0.61;lr>\r\n"
                      "Content-Length: 0\r\n\r\n");
}

/// `request` as the transaction layer sends it: with a Via.
Message via_added(Message request) {
  Via via("UDP", "127.0.0.51", 5060);
  via.set_branch("z9hG4bKsent");
  push_via(request, via);
  return request;
}

/// Bob's response (To tag `tag`) as Alice receives it: Record-Route copied back.
Message bob_response(const Message& invite, int status, std::string_view tag,
                     std::string_view contact = "<sip:bob@127.0.0.52:5062>") {
  auto r = make_response(invite, status, {}, tag);
  r->append_header(HeaderId::contact, contact);
  return parse_or_die(serialize(*r));
}

TEST(DialogId, RequestAndResponseSidesSwapTheTags) {
  Message invite = alice_invite();
  Message ok = bob_response(invite, 200, "bob-tag");
  EXPECT_EQ(*dialog_id_of_response(ok), (DialogId{"dlg-1@127.0.0.51", "alice-tag", "bob-tag"}));
  Message bye = parse_or_die(
      "BYE sip:alice@127.0.0.51 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.52;branch=z9hG4bKb\r\n"
      "From: <sip:bob@127.0.0.52>;tag=bob-tag\r\nTo: <sip:alice@127.0.0.51>;tag=alice-tag\r\n"
      "Call-ID: dlg-1@127.0.0.51\r\nCSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(*dialog_id_of_request(bye), (DialogId{"dlg-1@127.0.0.51", "alice-tag", "bob-tag"}));
}

TEST(Dialog, UacStateFromRequestAndResponse) {
  Message invite = alice_invite();
  auto d = Dialog::from_uac(invite, bob_response(invite, 180, "bob-tag"));
  ASSERT_TRUE(d) << d.error().message();
  EXPECT_TRUE(d->early());
  EXPECT_EQ(d->role(), DialogRole::uac);
  EXPECT_TRUE(d->call_id_owner());
  EXPECT_EQ(d->id(), (DialogId{"dlg-1@127.0.0.51", "alice-tag", "bob-tag"}));
  EXPECT_EQ(d->local_cseq(), 100u);
  EXPECT_EQ(d->remote_cseq(), std::nullopt);
  EXPECT_EQ(d->remote_target().to_string(), "sip:bob@127.0.0.52:5062");
  // The UAC reverses the Record-Route of the response.
  ASSERT_EQ(d->route_set().size(), 2u);
  EXPECT_EQ(d->route_set()[0].uri().host(), "127.0.0.61");
  EXPECT_EQ(d->route_set()[1].uri().host(), "127.0.0.62");
  EXPECT_EQ(d->next_hop().host(), "127.0.0.61");
  EXPECT_EQ(d->local_uri().display_name(), "Alice");
  EXPECT_EQ(d->remote_uri().tag(), "bob-tag");
  EXPECT_FALSE(d->secure());
  EXPECT_FALSE(d->can_send_invite());  // the initial INVITE is still in progress

  ASSERT_FALSE(d->confirm(bob_response(invite, 200, "bob-tag", "<sip:bob@127.0.0.52:5099>")));
  EXPECT_TRUE(d->confirmed());
  EXPECT_EQ(d->remote_target().port(), 5099);  // taken again from the 2xx
  EXPECT_TRUE(d->can_send_invite());
}

TEST(Dialog, NeedsATaggedProvisionalOrA2xx) {
  Message invite = alice_invite();
  EXPECT_FALSE(Dialog::from_uac(invite, bob_response(invite, 100, "")));
  EXPECT_FALSE(Dialog::from_uac(invite, bob_response(invite, 486, "x")));
  Message untagged = bob_response(invite, 180, "");
  EXPECT_FALSE(Dialog::from_uac(invite, untagged));
  // An RFC 2543 UAS answers 2xx without a To tag: a dialog with an empty remote tag.
  auto old_peer = Dialog::from_uac(invite, bob_response(invite, 200, ""));
  ASSERT_TRUE(old_peer);
  EXPECT_TRUE(old_peer->confirmed());
  EXPECT_EQ(old_peer->id().remote_tag, "");
}

TEST(Dialog, SecureOnlyForSipsOverTls) {
  Message invite = alice_invite("sips:bob@127.0.0.52");
  EXPECT_TRUE(Dialog::from_uac(invite, bob_response(invite, 200, "t"), true)->secure());
  EXPECT_FALSE(Dialog::from_uac(invite, bob_response(invite, 200, "t"), false)->secure());
  Message plain = alice_invite();
  EXPECT_FALSE(Dialog::from_uac(plain, bob_response(plain, 200, "t"), true)->secure());
}

TEST(Dialog, UasStateKeepsRecordRouteOrderAndRemoteCSeq) {
  Message invite = alice_invite();
  auto ok = make_response(invite, 200, {}, "bob-tag");
  ok->append_header(HeaderId::contact, "<sip:bob@127.0.0.52:5062>");
  auto d = Dialog::from_uas(invite, *ok, false, 4000);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->confirmed());
  EXPECT_FALSE(d->call_id_owner());
  EXPECT_EQ(d->id(), (DialogId{"dlg-1@127.0.0.51", "bob-tag", "alice-tag"}));
  EXPECT_EQ(d->remote_cseq(), 100u);
  EXPECT_EQ(d->local_cseq(), std::nullopt);
  EXPECT_EQ(d->route_set()[0].uri().host(), "127.0.0.62");
  EXPECT_EQ(d->remote_target().to_string(), "sip:alice@127.0.0.51:5060");
  Message bye = d->make_request("BYE");
  EXPECT_EQ(cseq(bye)->number, 4000u);  // the first local CSeq given
  EXPECT_EQ(from(bye)->tag(), "bob-tag");
  EXPECT_EQ(to(bye)->tag(), "alice-tag");
  EXPECT_EQ(bye.request_uri_text(), "sip:alice@127.0.0.51:5060");
}

TEST(Dialog, InDialogRequestsUseLooseRouteAndIncrementCSeq) {
  Message invite = alice_invite();
  auto d = Dialog::from_uac(invite, bob_response(invite, 200, "bob-tag"));
  Message update = d->make_request("UPDATE");
  EXPECT_EQ(update.request_uri_text(), "sip:bob@127.0.0.52:5062");
  auto route = routes(update);
  ASSERT_EQ(route->size(), 2u);
  EXPECT_EQ((*route)[0].uri().host(), "127.0.0.61");
  EXPECT_TRUE((*route)[0].uri().has_param("lr"));
  EXPECT_EQ(*cseq(update), (CSeq{101, "UPDATE"}));
  EXPECT_EQ(contacts(update)->contacts.at(0).uri().to_string(), "sip:alice@127.0.0.51:5060");
  EXPECT_FALSE(update.has(HeaderId::via));
  EXPECT_EQ(*call_id(update), "dlg-1@127.0.0.51");
  Message info = d->make_request("INFO");
  EXPECT_EQ(cseq(info)->number, 102u);
  EXPECT_FALSE(info.has(HeaderId::contact));  // not a target refresh
}

TEST(Dialog, StrictRouterGetsTheRequestUriAndTheTargetGoesLast) {
  Message invite = alice_invite();
  invite.set_header(HeaderId::record_route, "<sip:p2@127.0.0.62;lr>, <sip:strict@127.0.0.61>");
  auto d = Dialog::from_uac(invite, bob_response(invite, 200, "bob-tag"));
  Message bye = d->make_request("BYE");
  EXPECT_EQ(bye.request_uri_text(), "sip:strict@127.0.0.61");
  auto route = routes(bye);
  ASSERT_EQ(route->size(), 2u);
  EXPECT_EQ((*route)[0].uri().host(), "127.0.0.62");
  EXPECT_EQ((*route)[1].uri().to_string(), "sip:bob@127.0.0.52:5062");
  EXPECT_EQ(d->next_hop().host(), "127.0.0.61");
}

TEST(Dialog, AckFor2xxKeepsCSeqNumberAndIsReusedForRetransmissions) {
  Message invite = alice_invite();
  Message ok = bob_response(invite, 200, "bob-tag");
  auto d = Dialog::from_uac(invite, ok);
  Via via1("UDP", "127.0.0.51", 5060);
  via1.set_branch("z9hG4bKack1");
  const Message& ack = d->ack_for(ok, via1, "v=0\r\n", "application/sdp");
  EXPECT_EQ(ack.method(), "ACK");
  EXPECT_EQ(*cseq(ack), (CSeq{100, "ACK"}));
  EXPECT_EQ(top_via(ack)->branch(), "z9hG4bKack1");
  EXPECT_EQ(ack.request_uri_text(), "sip:bob@127.0.0.52:5062");
  EXPECT_EQ(routes(ack)->size(), 2u);
  EXPECT_EQ(ack.body(), "v=0\r\n");
  const std::string first = serialize(ack);
  Via via2("UDP", "127.0.0.51", 5060);
  via2.set_branch("z9hG4bKack2");
  EXPECT_EQ(serialize(d->ack_for(ok, via2)), first);  // 2xx retransmission: same ACK
  // A re-INVITE's 2xx gets an ACK of its own.
  Message reinvite = via_added(d->make_request("INVITE"));
  Message ok2 = bob_response(reinvite, 200, "bob-tag");
  EXPECT_EQ(cseq(d->ack_for(ok2, via2))->number, 101u);
  EXPECT_EQ(top_via(d->ack_for(ok2, via2))->branch(), "z9hG4bKack2");
}

TEST(Dialog, KeepsPartiesTargetsAndRoutesAsTheirText) {
  Message invite = alice_invite();
  invite.set_header(HeaderId::record_route,
                    "\"Edge, west\" <sip:p2@127.0.0.62;lr>;x=1, <sip:p1@127.0.0.61;lr>");
  auto d = Dialog::from_uac(invite, bob_response(invite, 200, "bob-tag"));
  ASSERT_TRUE(d);
  // Held for a call's lifetime: parsed URIs and name-addrs made a dialog 1,432 B.
  EXPECT_LE(sizeof(Dialog), 256u);
  EXPECT_EQ(d->route_count(), 2u);
  Message bye = d->make_request("BYE");
  EXPECT_EQ(bye.header(HeaderId::from), "Alice <sip:alice@127.0.0.51>;tag=alice-tag");
  EXPECT_EQ(bye.header(HeaderId::to), "<sip:bob@127.0.0.52>;tag=bob-tag");
  const auto route_lines = bye.header_values(HeaderId::route);
  ASSERT_EQ(route_lines.size(), 2u);
  EXPECT_EQ(route_lines[0], "<sip:p1@127.0.0.61;lr>");
  EXPECT_EQ(route_lines[1], "\"Edge, west\" <sip:p2@127.0.0.62;lr>;x=1");
  EXPECT_EQ(d->route_set()[1].display_name(), "Edge, west");
  EXPECT_EQ(d->route_set()[1].params().get("x"), "1");
  // A target refresh rewrites the remote target and keeps everything else.
  Message reinvite = via_added(d->make_request("INVITE"));
  d->on_response(reinvite,
                 bob_response(reinvite, 200, "bob-tag", "<sip:bob@127.0.0.53:5070;transport=udp>"));
  EXPECT_EQ(d->remote_target().to_string(), "sip:bob@127.0.0.53:5070;transport=udp");
  EXPECT_EQ(d->make_request("BYE").request_uri_text(), "sip:bob@127.0.0.53:5070;transport=udp");
  EXPECT_EQ(d->local_uri().display_name(), "Alice");
  EXPECT_EQ(d->local_target()->uri().to_string(), "sip:alice@127.0.0.51:5060");
  EXPECT_EQ(d->next_hop().host(), "127.0.0.61");
}

class UasDialogTest : public ::testing::Test {
 protected:
  UasDialogTest() {
    auto ok = make_response(invite_, 200, {}, "bob-tag");
    ok->append_header(HeaderId::contact, "<sip:bob@127.0.0.52:5062>");
    dialog_ = Dialog::from_uas(invite_, *ok).value();
  }
  Message peer(std::string_view method, std::uint32_t number,
               std::string_view contact = "<sip:alice@127.0.0.51:5060>") {
    return parse_or_die(
        std::string(method) +
        " sip:bob@127.0.0.52:5062 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.51;branch=z9hG4bK" +
        std::to_string(number) +
        "\r\nFrom: <sip:alice@127.0.0.51>;tag=alice-tag\r\nTo: <sip:bob@127.0.0.52>;tag=bob-tag"
        "\r\nCall-ID: dlg-1@127.0.0.51\r\nCSeq: " +
        std::to_string(number) + " " + std::string(method) +
        "\r\nContact: " + std::string(contact) + "\r\nContent-Length: 0\r\n\r\n");
  }

  Message invite_ = alice_invite();
  Dialog dialog_ = *Dialog::from_uac(invite_, bob_response(invite_, 200, "x"));
};

TEST_F(UasDialogTest, LowerCSeqIsRejectedWith500) {
  EXPECT_TRUE(dialog_.on_request(peer("INFO", 101)).ok());
  EXPECT_EQ(dialog_.remote_cseq(), 101u);
  auto check = dialog_.on_request(peer("INFO", 99));
  EXPECT_EQ(check.status, 500);
  EXPECT_EQ(dialog_.remote_cseq(), 101u);
  EXPECT_TRUE(dialog_.on_request(peer("ACK", 1)).ok());  // ACK is exempt
}

TEST_F(UasDialogTest, CrossingReInvitesGet491AndOverlappingOnes500) {
  Message ours = via_added(dialog_.make_request("INVITE"));
  EXPECT_FALSE(dialog_.can_send_invite());
  EXPECT_EQ(dialog_.on_request(peer("INVITE", 101)).status, 491);  // glare, §14.2
  dialog_.on_response(ours, *make_response(ours, 200));
  EXPECT_TRUE(dialog_.can_send_invite());
  EXPECT_TRUE(dialog_.on_request(peer("INVITE", 102)).ok());
  EXPECT_FALSE(dialog_.can_send_invite());  // the peer's INVITE is in progress
  auto overlap = dialog_.on_request(peer("INVITE", 103));
  EXPECT_EQ(overlap.status, 500);
  EXPECT_TRUE(overlap.needs_retry_after);
}

TEST_F(UasDialogTest, TargetRefreshUpdatesTheRemoteTargetOnlyWhenAccepted) {
  Message reinvite = peer("INVITE", 101, "<sip:alice@127.0.0.55:5070>");
  ASSERT_TRUE(dialog_.on_request(reinvite).ok());
  dialog_.on_response_sent(reinvite, *make_response(reinvite, 488));
  EXPECT_EQ(dialog_.remote_target().host(), "127.0.0.51");
  Message update = peer("UPDATE", 102, "<sip:alice@127.0.0.55:5070>");
  ASSERT_TRUE(dialog_.on_request(update).ok());
  dialog_.on_response_sent(update, *make_response(update, 200));
  EXPECT_EQ(dialog_.remote_target().to_string(), "sip:alice@127.0.0.55:5070");
}

TEST_F(UasDialogTest, UacSideRefreshAndTermination) {
  Message update = via_added(dialog_.make_request("UPDATE"));
  dialog_.on_response(update, bob_response(update, 200, "bob-tag", "<sip:bob@127.0.0.57>"));
  EXPECT_EQ(dialog_.remote_target().host(), "127.0.0.57");
  Message info = via_added(dialog_.make_request("INFO"));
  dialog_.on_response(info, *make_response(info, 481));  // §12.2.1.2
  EXPECT_TRUE(dialog_.terminated());
}

TEST_F(UasDialogTest, ByeEndsTheDialog) {
  Message bye = peer("BYE", 200);
  ASSERT_TRUE(dialog_.on_request(bye).ok());
  dialog_.on_response_sent(bye, *make_response(bye, 200));
  EXPECT_TRUE(dialog_.terminated());
}

TEST(Dialog, UasEarlyDialogIsConfirmedOrEndedByTheInvitesFinalResponse) {
  Message invite = alice_invite();
  auto ringing = make_response(invite, 180, {}, "bob-tag");
  auto early = Dialog::from_uas(invite, *ringing);
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->early());
  Dialog confirmed = *early;
  confirmed.on_response_sent(invite, *make_response(invite, 200, {}, "bob-tag"));
  EXPECT_TRUE(confirmed.confirmed());
  early->on_response_sent(invite, *make_response(invite, 486, {}, "bob-tag"));
  EXPECT_TRUE(early->terminated());
}

}  // namespace
}  // namespace sipconf::sip
