#include "mediation/header_policy.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;

TEST(HeaderPolicy, CarriesAnAllowlistAndNeverWhatTheB2buaBuildsPerLeg) {
  TrunkSettings settings;
  const HeaderPolicy policy(settings, Direction::to_trunk);
  for (HeaderId id : {HeaderId::subject, HeaderId::priority, HeaderId::reason, HeaderId::privacy,
                      HeaderId::alert_info, HeaderId::content_disposition}) {
    EXPECT_TRUE(policy.carries(id)) << sip::canonical_name(id);
  }
  for (HeaderId id :
       {HeaderId::via, HeaderId::from, HeaderId::to, HeaderId::call_id, HeaderId::cseq,
        HeaderId::contact, HeaderId::route, HeaderId::record_route, HeaderId::max_forwards,
        HeaderId::content_length, HeaderId::content_type, HeaderId::user_agent, HeaderId::allow,
        HeaderId::supported, HeaderId::require, HeaderId::session_expires, HeaderId::unknown}) {
    EXPECT_FALSE(policy.carries(id)) << sip::canonical_name(id);
  }
}

TEST(HeaderPolicy, TrunkSwitchesDecidePaiAndHistoryInfo) {
  TrunkSettings settings;
  EXPECT_FALSE(HeaderPolicy(settings, Direction::to_trunk).carries(HeaderId::p_asserted_identity));
  settings.forward_pai = true;
  settings.forward_call_history = true;
  EXPECT_TRUE(HeaderPolicy(settings, Direction::to_trunk).carries(HeaderId::p_asserted_identity));
  EXPECT_TRUE(
      HeaderPolicy(settings, Direction::to_internal).carries(HeaderId::p_asserted_identity));
  EXPECT_TRUE(HeaderPolicy(settings, Direction::to_trunk).carries(HeaderId::history_info));
  EXPECT_FALSE(HeaderPolicy(settings, Direction::to_internal).carries(HeaderId::history_info));
}

TEST(HeaderPolicy, CopyKeepsOrderAndRepeatedLines) {
  auto parsed = sip::parse_message(std::string_view(
      "INFO sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nReason: SIP;cause=200\r\n"
      "X-Private: 1\r\nSubject: s\r\nReason: Q.850;cause=16\r\nFrom: <sip:a@b>;tag=1\r\n"
      "To: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 INFO\r\nContent-Length: 0\r\n\r\n"));
  ASSERT_TRUE(parsed.ok());
  sip::Message out = sip::Message::request("INFO", *sip::Uri::parse("sip:x@y"));
  TrunkSettings settings;
  HeaderPolicy(settings, Direction::to_internal).copy(*parsed.message, out);
  ASSERT_EQ(out.header_count(), 3u);
  EXPECT_EQ(out.header_at(0).value, "SIP;cause=200");
  EXPECT_EQ(out.header_at(1).value, "s");
  EXPECT_EQ(out.header_at(2).value, "Q.850;cause=16");
}

}  // namespace
}  // namespace sipconf::mediation
