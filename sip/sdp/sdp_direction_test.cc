#include "sip/sdp/sdp_direction.h"

#include <gtest/gtest.h>

#include "sip/sdp/sdp_testdata.h"

namespace sipconf::sip {
namespace {

SessionDescription load_direction_sdp(std::string_view name) {
  std::error_code ec;
  auto sdp = parse_sdp(testing::read_sdp_testdata(name), ec);
  EXPECT_FALSE(ec) << name << ": " << ec.message();
  return sdp.value_or(SessionDescription{});
}

TEST(SdpDirection, DefaultsToSendrecv) {
  SessionDescription sdp = load_direction_sdp("cisco-gateway-g729.sdp");
  EXPECT_EQ(effective_direction(sdp, sdp.media[0]), SdpDirection::sendrecv);
  EXPECT_FALSE(is_hold(sdp, sdp.media[0]));
}

TEST(SdpDirection, MediaLevelOverridesSessionLevel) {
  SessionDescription sdp = load_direction_sdp("hold-sendonly.sdp");
  EXPECT_EQ(direction_attribute(sdp.attributes), SdpDirection::sendonly);
  EXPECT_EQ(effective_direction(sdp, sdp.media[0]), SdpDirection::sendonly);
  EXPECT_EQ(effective_direction(sdp, sdp.media[1]), SdpDirection::inactive);
  EXPECT_TRUE(is_hold(sdp, sdp.media[0]));
  EXPECT_TRUE(is_hold(sdp, sdp.media[1]));
}

TEST(SdpDirection, Rfc2543HoldByZeroAddress) {
  SessionDescription sdp = load_direction_sdp("hold-rfc2543.sdp");
  EXPECT_EQ(effective_direction(sdp, sdp.media[0]), SdpDirection::sendrecv);
  EXPECT_TRUE(is_hold(sdp, sdp.media[0]));
}

TEST(SdpDirection, RecvonlyIsNotHold) {
  SessionDescription sdp = load_direction_sdp("hold-rfc2543.sdp");
  sdp.connection->address = "192.0.2.31";
  set_direction(sdp.media[0], SdpDirection::recvonly);
  EXPECT_FALSE(is_hold(sdp, sdp.media[0]));
}

TEST(SdpDirection, SetReplacesInPlaceAndRemovesExtras) {
  SdpMedia m;
  m.attributes = {{"rtpmap", "0 PCMU/8000"},
                  {"sendonly", std::nullopt},
                  {"ptime", "20"},
                  {"inactive", std::nullopt},
                  {"sendonly", std::nullopt}};
  set_direction(m, SdpDirection::recvonly);
  EXPECT_EQ(m.attributes,
            (std::vector<SdpAttribute>{
                {"rtpmap", "0 PCMU/8000"}, {"recvonly", std::nullopt}, {"ptime", "20"}}));
  SdpMedia bare;
  set_direction(bare, SdpDirection::inactive);
  EXPECT_EQ(bare.attributes, (std::vector<SdpAttribute>{{"inactive", std::nullopt}}));
}

TEST(SdpDirection, ValueAttributeWithDirectionNameIsNotADirection) {
  std::vector<SdpAttribute> attrs{{"sendonly", "x"}};
  EXPECT_EQ(direction_attribute(attrs), std::nullopt);
}

TEST(SdpDirection, AnswerMirrorsOffer) {
  EXPECT_EQ(answer_direction(SdpDirection::sendonly), SdpDirection::recvonly);
  EXPECT_EQ(answer_direction(SdpDirection::recvonly), SdpDirection::sendonly);
  EXPECT_EQ(answer_direction(SdpDirection::inactive), SdpDirection::inactive);
  EXPECT_EQ(answer_direction(SdpDirection::sendrecv), SdpDirection::sendrecv);
  EXPECT_EQ(to_string(SdpDirection::recvonly), "recvonly");
}

}  // namespace
}  // namespace sipconf::sip
