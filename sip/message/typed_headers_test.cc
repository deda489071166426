#include "sip/message/typed_headers.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

Message parse_message_ok(std::string_view bytes) {
  auto r = parse_message(bytes);
  EXPECT_TRUE(r.ok()) << r.error.message();
  return r.message ? std::move(*r.message) : Message{};
}

constexpr std::string_view kLyncInvite =
    "INVITE sip:+14255550100@gw.example.com:5068;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 10.0.0.5:5067;branch=z9hG4bKdeadbeef;rport;received=10.0.0.5\r\n"
    "v: SIP/2.0/TLS 10.0.0.4:5061;branch=z9hG4bKcafe, SIP/2.0/TLS 10.0.0.3;branch=z9hG4bKf00d\r\n"
    "Max-Forwards: 69\r\n"
    "f: \"Alice\" <sip:+14255550111@lync.example.com;user=phone>;tag=abc123;epid=01010101\r\n"
    "t: <sip:+14255550100@gw.example.com;user=phone>\r\n"
    "i: 7f3c9b2e-1f0a-4d1b-a7b1-3c2f0d9e8a77\r\n"
    "CSeq: 1 INVITE\r\n"
    "m: <sip:mediation.example.com:5068;transport=tls;maddr=10.0.0.5>;isGateway\r\n"
    "Record-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n"
    "Route: <sip:gw.example.com:5068;transport=tls;lr>\r\n"
    "Supported: timer, 100rel\r\nk: replaces\r\n"
    "Require: 100rel\r\n"
    "Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE\r\n"
    "x: 1800;refresher=uac\r\n"
    "Min-SE: 90\r\n"
    "P-Asserted-Identity: <sip:+14255550111@lync.example.com;user=phone>, <tel:+14255550111>\r\n"
    "History-Info: <sip:bob@example.com>;index=1, <sip:+14255550100@gw.example.com>;index=1.1\r\n"
    "Diversion: <sip:+14255550199@example.com>;reason=unconditional;counter=1\r\n"
    "Reason: Q.850;cause=16\r\n"
    "Refer-To: <sip:carol@example.com?Replaces=abc%40h%3Bto-tag%3D1%3Bfrom-tag%3D2>\r\n"
    "b: <sip:alice@example.com>\r\n"
    "Replaces: abc@h;to-tag=1;from-tag=2\r\n"
    "RAck: 776656 1 INVITE\r\n"
    "RSeq: 988789\r\n"
    "Expires: 120\r\n"
    "Accept: application/sdp\r\n"
    "c: application/sdp\r\n"
    "l: 4\r\n"
    "\r\n"
    "v=0\n";

TEST(TypedHeaders, EverythingABackToBackUserAgentReads) {
  Message m = parse_message_ok(kLyncInvite);
  auto via = top_via(m);
  ASSERT_TRUE(via.ok());
  EXPECT_EQ(via->branch(), "z9hG4bKdeadbeef");
  EXPECT_EQ(via->sent_by(), "10.0.0.5:5067");
  EXPECT_TRUE(via->has_rport());
  auto all_vias = vias(m);
  ASSERT_TRUE(all_vias.ok());
  ASSERT_EQ(all_vias->size(), 3u);
  EXPECT_EQ((*all_vias)[2].branch(), "z9hG4bKf00d");
  EXPECT_EQ(from(m)->tag(), "abc123");
  EXPECT_EQ(from(m)->display_name(), "Alice");
  EXPECT_FALSE(to(m)->tag().has_value());
  EXPECT_TRUE(to(m)->uri().user_is_phone());
  EXPECT_EQ(*call_id(m), "7f3c9b2e-1f0a-4d1b-a7b1-3c2f0d9e8a77");
  EXPECT_EQ(cseq(m)->number, 1u);
  EXPECT_EQ(cseq(m)->method, "INVITE");
  EXPECT_EQ(*max_forwards(m), 69u);
  ASSERT_EQ(contacts(m)->contacts.size(), 1u);
  EXPECT_TRUE(contacts(m)->contacts[0].params().has("isGateway"));
  EXPECT_EQ(contacts(m)->contacts[0].uri().param("maddr"), "10.0.0.5");
  EXPECT_EQ(record_routes(m)->size(), 2u);
  EXPECT_EQ(routes(m)->at(0).uri().port(), 5068);
  EXPECT_EQ(*token_list(m, HeaderId::supported),
            (std::vector<std::string>{"timer", "100rel", "replaces"}));
  EXPECT_EQ(*token_list(m, HeaderId::require), (std::vector<std::string>{"100rel"}));
  EXPECT_EQ(token_list(m, HeaderId::allow)->size(), 6u);
  EXPECT_TRUE(token_list(m, HeaderId::unsupported)->empty());
  EXPECT_EQ(session_expires(m)->seconds, 1800u);
  EXPECT_EQ(session_expires(m)->refresher, Refresher::uac);
  EXPECT_EQ(min_se(m)->seconds, 90u);
  ASSERT_EQ(p_asserted_identities(m)->size(), 2u);
  EXPECT_EQ(p_asserted_identities(m)->at(1).uri().scheme(), UriScheme::tel);
  EXPECT_EQ(history_info(m)->at(1).params().get("index"), "1.1");
  EXPECT_EQ(diversions(m)->at(0).params().get("reason"), "unconditional");
  EXPECT_EQ(reasons(m)->at(0).cause(), 16);
  EXPECT_EQ(refer_to(m)->uri().headers().at(0).name, "Replaces");
  EXPECT_EQ(referred_by(m)->uri().user(), "alice");
  EXPECT_EQ(replaces(m)->from_tag(), "2");
  EXPECT_EQ(rack(m)->rseq, 776656u);
  EXPECT_EQ(*rseq(m), 988789u);
  EXPECT_EQ(*expires(m), 120u);
  EXPECT_EQ(accept(m)->at(0).subtype, "sdp");
  EXPECT_EQ(content_type(m)->subtype, "sdp");
  EXPECT_EQ(*content_length(m), 4u);
}

TEST(TypedHeaders, ListElementsAcrossLinesAndCommas) {
  Message m = parse_message_ok(kLyncInvite);
  auto hops = list_elements(m, HeaderId::via);
  ASSERT_EQ(hops.size(), 3u);
  EXPECT_EQ(hops[1], "SIP/2.0/TLS 10.0.0.4:5061;branch=z9hG4bKcafe");
  EXPECT_EQ(list_elements(m, HeaderId::supported),
            (std::vector<std::string_view>{"timer", "100rel", "replaces"}));
  EXPECT_TRUE(list_elements(m, HeaderId::unsupported).empty());
}

TEST(TypedHeaders, MissingHeadersAreErrorsExceptForLists) {
  Message m = Message::request("OPTIONS", Uri::sip("a", "b.example"));
  EXPECT_EQ(top_via(m).error(), ParseError::header_missing);
  EXPECT_EQ(from(m).error(), ParseError::header_missing);
  EXPECT_EQ(cseq(m).error(), ParseError::header_missing);
  EXPECT_EQ(contacts(m).error(), ParseError::header_missing);
  EXPECT_TRUE(routes(m)->empty());
  EXPECT_TRUE(token_list(m, HeaderId::require)->empty());
}

TEST(TypedHeaders, MalformedValuesAreErrorsNotExceptions) {
  Message m = Message::request("OPTIONS", Uri::sip("a", "b.example"));
  m.append_header(HeaderId::cseq, "x OPTIONS");
  m.append_header(HeaderId::call_id, "has space");
  m.append_header(HeaderId::contact, "*, <sip:a@b>");
  EXPECT_EQ(cseq(m).error(), ParseError::cseq_malformed);
  EXPECT_FALSE(call_id(m).ok());
  EXPECT_FALSE(contacts(m).ok());
}

TEST(TypedHeaders, ContactsAcrossLinesAndStar) {
  // RFC 4475 esc02: C%6Fntact is not Contact, so there are two contacts.
  Message m = parse_message_ok(testing::rfc4475_message("esc02"));
  ASSERT_EQ(contacts(m)->contacts.size(), 2u);
  EXPECT_EQ(contacts(m)->contacts[1].uri().host(), "host3.example.com");
  Message star = Message::request("REGISTER", Uri::sip("", "example.com"));
  star.append_header(HeaderId::contact, "*");
  EXPECT_TRUE(contacts(star)->star);
}

TEST(TypedHeaders, PushViaAndDecrementMaxForwards) {
  Message m = parse_message_ok(kLyncInvite);
  Via mine("TLS", "mediation.example.com", 5068);
  mine.set_branch("z9hG4bKnew");
  push_via(m, mine);
  EXPECT_EQ(top_via(m)->branch(), "z9hG4bKnew");
  EXPECT_EQ(vias(m)->size(), 4u);
  EXPECT_EQ(*decrement_max_forwards(m), 68u);
  EXPECT_EQ(m.header(HeaderId::max_forwards), "68");
  Message none = Message::request("OPTIONS", Uri::sip("a", "b.example"));
  EXPECT_EQ(*decrement_max_forwards(none), 70u);
  none.set_header(HeaderId::max_forwards, "0");
  EXPECT_EQ(decrement_max_forwards(none).error(), std::errc::result_out_of_range);
}

}  // namespace
}  // namespace sipconf::sip
