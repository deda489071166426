#include "sip/message/message_builders.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"

namespace sipconf::sip {
namespace {

constexpr std::string_view kInvite =
    "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
    "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1, SIP/2.0/UDP "
    "pc33.example.com;branch=z9hG4bKuac\r\n"
    "Max-Forwards: 69\r\n"
    "Record-Route: <sip:p1.example.com;lr>\r\n"
    "Route: <sip:p2.example.com;lr>\r\n"
    "To: Bob <sip:bob@biloxi.example.com>\r\n"
    "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
    "Call-ID: a84b4c76e66710\r\n"
    "CSeq: 314159 INVITE\r\n"
    "Contact: <sip:alice@pc33.example.com>\r\n"
    "X-Vendor: kept\r\n"
    "Content-Type: application/sdp\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\n";

Message invite() { return std::move(*parse_message(kInvite).message); }

TEST(MessageBuilders, ResponseCopiesTransactionHeadersAndAddsToTag) {
  auto r = make_response(invite(), 180, {}, "a6c85cf");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(serialize(*r),
            "SIP/2.0 180 Ringing\r\n"
            "Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKp1, SIP/2.0/UDP "
            "pc33.example.com;branch=z9hG4bKuac\r\n"
            "Record-Route: <sip:p1.example.com;lr>\r\n"
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
            "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf\r\n"
            "Call-ID: a84b4c76e66710\r\n"
            "CSeq: 314159 INVITE\r\n"
            "Content-Length: 0\r\n\r\n");
  auto trying = make_response(invite(), 100, {}, "ignored");
  ASSERT_TRUE(trying.ok());
  EXPECT_FALSE(to(*trying)->tag().has_value());
  EXPECT_FALSE(trying->has(HeaderId::record_route));
  auto busy = make_response(invite(), 486, "Busy Here Now", "x");
  EXPECT_EQ(busy->reason_phrase(), "Busy Here Now");
  EXPECT_FALSE(busy->has(HeaderId::record_route));
}

TEST(MessageBuilders, AckForNon2xxUsesTheInviteBranchAndResponseTo) {
  auto busy = make_response(invite(), 486, {}, "bobtag");
  ASSERT_TRUE(busy.ok());
  auto ack = make_ack_for_non2xx(invite(), *busy);
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->method(), "ACK");
  EXPECT_EQ(ack->request_uri_text(), "sip:bob@biloxi.example.com");
  EXPECT_EQ(vias(*ack)->size(), 1u);
  EXPECT_EQ(top_via(*ack)->branch(), "z9hG4bKp1");
  EXPECT_EQ(to(*ack)->tag(), "bobtag");
  EXPECT_EQ(cseq(*ack)->number, 314159u);
  EXPECT_EQ(cseq(*ack)->method, "ACK");
  EXPECT_EQ(routes(*ack)->size(), 1u);
  EXPECT_TRUE(parse_message(serialize(*ack)).ok());
}

TEST(MessageBuilders, Cancel) {
  auto cancel = make_cancel(invite());
  ASSERT_TRUE(cancel.ok());
  EXPECT_EQ(cancel->method(), "CANCEL");
  EXPECT_EQ(top_via(*cancel)->branch(), "z9hG4bKp1");
  EXPECT_FALSE(to(*cancel)->tag().has_value());
  EXPECT_EQ(cseq(*cancel)->method, "CANCEL");
  EXPECT_EQ(*max_forwards(*cancel), 70u);
  EXPECT_TRUE(cancel->body().empty());
  EXPECT_TRUE(parse_message(serialize(*cancel)).ok());
}

TEST(MessageBuilders, MissingHeadersAreErrors) {
  Message bare = Message::request("INVITE", Uri::sip("a", "b.example"));
  EXPECT_EQ(make_response(bare, 200).error(), ParseError::header_missing);
  EXPECT_EQ(make_cancel(bare).error(), ParseError::header_missing);
  EXPECT_EQ(make_response(Message::response(200), 200).error(), std::errc::invalid_argument);
}

// How the mediation builds its outbound leg from an inbound INVITE with this API.
TEST(MessageBuilders, SecondLegOfABackToBackUserAgent) {
  Message in = invite();
  Message out = in;
  out.set_request_uri(Uri::sip("+14255550100", "gw.example.com", 5068));
  out.set_header(HeaderId::call_id, "leg2-1234");
  NameAddr new_from = *from(in);
  new_from.set_tag("leg2tag");
  out.set_header(HeaderId::from, new_from.to_string());
  NameAddr new_to = *to(in);
  new_to.remove_tag();
  out.set_header(HeaderId::to, new_to.to_string());
  out.set_header(HeaderId::cseq, "1 INVITE");
  out.remove_headers(HeaderId::via);
  out.remove_headers(HeaderId::record_route);
  out.remove_headers(HeaderId::route);
  Via via("TLS", "mediation.example.com", 5068);
  via.set_branch("z9hG4bKleg2");
  push_via(out, via);
  NameAddr contact(Uri::sip("", "mediation.example.com", 5068));
  contact.uri().params().set("transport", "tls");
  contact.params().set("isGateway");
  out.set_header(HeaderId::contact, contact.to_string());
  ASSERT_TRUE(decrement_max_forwards(out).ok());

  std::string wire = serialize(out);
  EXPECT_EQ(wire,
            "INVITE sip:+14255550100@gw.example.com:5068 SIP/2.0\r\n"
            "Via: SIP/2.0/TLS mediation.example.com:5068;branch=z9hG4bKleg2\r\n"
            "Max-Forwards: 68\r\n"
            "To: Bob <sip:bob@biloxi.example.com>\r\n"
            "From: Alice <sip:alice@atlanta.example.com>;tag=leg2tag\r\n"
            "Call-ID: leg2-1234\r\n"
            "CSeq: 1 INVITE\r\n"
            "Contact: <sip:mediation.example.com:5068;transport=tls>;isGateway\r\n"
            "X-Vendor: kept\r\n"
            "Content-Type: application/sdp\r\n"
            "Content-Length: 4\r\n"
            "\r\n"
            "v=0\n");
  EXPECT_TRUE(parse_message(wire).ok());
  EXPECT_EQ(in.header(HeaderId::call_id), "a84b4c76e66710");  // the inbound leg is untouched
}

}  // namespace
}  // namespace sipconf::sip
