#include "sip/message/via.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(Via, FoldedValueFromWsinv) {
  auto r = parse_via_list(
      "SIP  / 2.0  / TCP     spindle.example.com   ;\r\n  branch  =   z9hG4bK9ikj8  ,\r\n SIP  "
      "/    2.0   / UDP  192.168.255.111   ; branch=\r\n z9hG4bK30239");
  ASSERT_TRUE(r.ok()) << r.error().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].transport(), "TCP");
  EXPECT_EQ((*r)[0].host(), "spindle.example.com");
  EXPECT_EQ((*r)[0].branch(), "z9hG4bK9ikj8");
  EXPECT_EQ((*r)[1].transport(), "UDP");
  EXPECT_EQ((*r)[1].branch(), "z9hG4bK30239");
  EXPECT_EQ((*r)[1].to_string(), "SIP/2.0/UDP 192.168.255.111;branch=z9hG4bK30239");
}

TEST(Via, ReceivedRportAndSentBy) {
  auto r = Via::parse(
      "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;rport");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->sent_by(), "127.0.0.1:5070");
  EXPECT_TRUE(r->has_rport());
  EXPECT_FALSE(r->rport().has_value());
  EXPECT_TRUE(r->has_rfc3261_branch());
  Via v = *r;
  v.set_received("192.0.2.7");
  v.set_rport(40123);
  EXPECT_EQ(v.rport(), 40123);
  EXPECT_EQ(v.received(), "192.0.2.7");
  EXPECT_EQ(v.to_string(),
            "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-d87543-4dade06d0bdb11ee-1--d87543-;"
            "rport=40123;received=192.0.2.7");
}

TEST(Via, Ipv6SentByAndReceived) {
  auto r = Via::parse("SIP/2.0/TLS [2001:db8::9]:5061;branch=z9hG4bKabc;received=2001:db8::1");
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->host(), "[2001:db8::9]");
  EXPECT_EQ(r->port(), 5061);
  EXPECT_EQ(r->received(), "2001:db8::1");
}

TEST(Via, UnknownTransportsAndTtlMaddr) {
  auto r =
      Via::parse("SIP/2.0/UNKNOWN t4.example.com;branch=z9hG4bKasd0f3en;ttl=16;maddr=224.2.0.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->transport(), "UNKNOWN");
  EXPECT_EQ(r->ttl(), 16);
  EXPECT_EQ(r->maddr(), "224.2.0.1");
}

TEST(Via, BranchMagicCookieOnlyIsNotARfc3261Branch) {
  auto r = Via::parse("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK");
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->has_rfc3261_branch());
  auto old = Via::parse("SIP/2.0/UDP iftgw.example.com");
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->branch().has_value());
}

TEST(Via, ExtraneousSeparatorsFromBadinv01) {
  std::string_view text = "SIP/2.0/UDP 192.0.2.15;;,;,,";
  EXPECT_FALSE(parse_via_list(text).ok());
  Diagnostics d(ParseMode::lenient, text);
  auto r = parse_via_list(text, &d);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].to_string(), "SIP/2.0/UDP 192.0.2.15");
  EXPECT_GE(d.violations().size(), 4u);
}

TEST(Via, Malformed) {
  for (std::string_view bad :
       {"", "SIP/2.0/UDP", "SIP/2.0 host", "SIP/2.0/UDPhost", "SIP/2.0/UDP bad_host",
        "SIP/2.0/UDP host:99999", "SIP/2.0/UDP host;ttl=300", "SIP/2.0/UDP host;rport=x",
        "SIP/2.0/UDP host;branch=\"quoted\"", "SIP/2.0/UDP host junk"}) {
    Diagnostics d(ParseMode::lenient, bad);
    EXPECT_FALSE(parse_via_list(bad, &d).ok()) << bad;
  }
}

TEST(Via, ReceivedHostnameIsToleratedOnlyLeniently) {
  std::string_view text = "SIP/2.0/UDP h.example.com;received=proxy.example.com";
  EXPECT_FALSE(Via::parse(text).ok());
  Diagnostics d(ParseMode::lenient, text);
  EXPECT_TRUE(Via::parse(text, &d).ok());
}

}  // namespace
}  // namespace sipconf::sip
