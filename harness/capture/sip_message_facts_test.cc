#include "harness/capture/sip_message_facts.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"

namespace sipconf::harness {
namespace {

sip::Message lenient(const std::string& text) {
  sip::ParseOptions options;
  options.mode = sip::ParseMode::lenient;
  return *sip::parse_message(text, options).message;
}

TEST(SipMessageFacts, ReadsARequest) {
  const sip::Message m = lenient(
      "INVITE sip:+14255550100@b.test;user=phone SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKabc, SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKold\r\n"
      "From: \"Alice; A\" <sip:alice@a.test>;tag=ft1\r\nTo: <sip:+14255550100@b.test>\r\n"
      "Call-ID:  call-1@a.test \r\nCSeq: 7 INVITE\r\nMax-Forwards: 70\r\n"
      "Content-Type: application/sdp\r\nContent-Length: 4\r\n\r\nv=0\n");
  const SipMessageFacts f = read_facts(m);
  EXPECT_TRUE(f.request);
  EXPECT_EQ(f.method, "INVITE");
  EXPECT_EQ(f.request_uri, "sip:+14255550100@b.test;user=phone");
  EXPECT_EQ(f.request_uri_user, "+14255550100");
  EXPECT_EQ(f.call_id, "call-1@a.test");
  EXPECT_EQ(f.cseq, 7u);
  EXPECT_EQ(f.cseq_method, "INVITE");
  EXPECT_EQ(f.branch, "z9hG4bKabc");
  EXPECT_EQ(f.sent_by, "10.0.0.1:5060");
  EXPECT_EQ(f.from_tag, "ft1");
  EXPECT_EQ(f.from_user, "alice");
  EXPECT_EQ(f.to_tag, "");
  EXPECT_EQ(f.to_user, "+14255550100");
  EXPECT_TRUE(f.sdp);
}

TEST(SipMessageFacts, ReadsAResponseWithItsCSeqMethod) {
  const sip::Message m = lenient(
      "SIP/2.0 183 Session Progress\r\nVia: SIP/2.0/TCP h;branch=z9hG4bKx\r\n"
      "From: <sip:a@a>;tag=1\r\nTo: <tel:+1425>;tag=2\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n"
      "RSeq: 5\r\nContent-Length: 0\r\n\r\n");
  const SipMessageFacts f = read_facts(m);
  EXPECT_FALSE(f.request);
  EXPECT_EQ(f.status, 183);
  EXPECT_EQ(f.method, "INVITE");
  EXPECT_EQ(f.to_tag, "2");
  EXPECT_EQ(f.to_user, "+1425");
  EXPECT_EQ(f.rseq, 5u);
  EXPECT_TRUE(f.is_provisional());
  EXPECT_FALSE(f.is_final_response());
  EXPECT_FALSE(f.sdp);
}

TEST(SipMessageFacts, StartLineOnly) {
  const SipMessageFacts r = read_start_line_facts("REGISTER sip:reg.test SIP/2.0\r\nbroken");
  EXPECT_TRUE(r.request);
  EXPECT_EQ(r.method, "REGISTER");
  EXPECT_EQ(r.request_uri, "sip:reg.test");
  const SipMessageFacts s = read_start_line_facts("SIP/2.0 486 Busy Here\r\n");
  EXPECT_FALSE(s.request);
  EXPECT_EQ(s.status, 486);
}

TEST(SipMessageFacts, TagsAndUsersLexically) {
  EXPECT_EQ(tag_of("\"a;tag=no\" <sip:a@b;tag=uri>;tag=yes"), "yes");
  EXPECT_EQ(tag_of("sip:a@b;TAG=7"), "7");
  EXPECT_EQ(tag_of("<sip:a@b>"), "");
  EXPECT_EQ(uri_user("\"X\" <sips:bob:pw@b.test>"), "bob");
  EXPECT_EQ(uri_user("tel:+1-425;phone-context=x"), "+1-425");
  EXPECT_EQ(uri_user("sip:b.test"), "");
  EXPECT_EQ(uri_user("http://x"), "");
}

}  // namespace
}  // namespace sipconf::harness
