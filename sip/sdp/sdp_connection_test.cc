#include "sip/sdp/sdp_connection.h"

#include <gtest/gtest.h>

#include "sip/sdp/sdp_testdata.h"

namespace sipconf::sip {
namespace {

SessionDescription parse_connection_sdp(std::string_view text) {
  std::error_code ec;
  auto sdp = parse_sdp(text, ec);
  EXPECT_FALSE(ec) << ec.message();
  return sdp.value_or(SessionDescription{});
}

TEST(SdpConnection, MakeConnectionPicksAddressType) {
  EXPECT_EQ(make_connection("127.0.0.20"), (SdpConnection{"IN", "IP4", "127.0.0.20"}));
  EXPECT_EQ(make_connection("::1"), (SdpConnection{"IN", "IP6", "::1"}));
  EXPECT_EQ(connection_host({"IN", "IP4", "224.2.1.1/127/3"}), "224.2.1.1");
}

TEST(SdpConnection, MediaLevelOverridesSession) {
  SessionDescription sdp = parse_connection_sdp(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      "m=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/AVP 34\r\nc=IN IP4 192.0.2.2\r\n");
  EXPECT_EQ(media_connection(sdp, sdp.media[0])->address, "192.0.2.1");
  EXPECT_EQ(media_connection(sdp, sdp.media[1])->address, "192.0.2.2");
  EXPECT_EQ(rtp_address(sdp, sdp.media[1]), (SdpTransportAddress{"192.0.2.2", 4002}));
  sdp.connection.reset();
  EXPECT_EQ(media_connection(sdp, sdp.media[0]), nullptr);
  EXPECT_EQ(rtp_address(sdp, sdp.media[0]), std::nullopt);
}

TEST(SdpConnection, RtcpAttributeParsesAndFormats) {
  std::error_code ec;
  auto rtcp = parse_rtcp("53020", ec);
  ASSERT_TRUE(rtcp);
  EXPECT_EQ(*rtcp, (SdpRtcp{53020, std::nullopt}));
  rtcp = parse_rtcp("53020 IN IP4 126.16.64.4", ec);
  ASSERT_TRUE(rtcp);
  EXPECT_EQ(rtcp->connection, (SdpConnection{"IN", "IP4", "126.16.64.4"}));
  EXPECT_EQ(format_rtcp(*rtcp), "53020 IN IP4 126.16.64.4");
  for (const char* bad : {"", "x", "70000", "53020 IN IP4"}) {
    EXPECT_FALSE(parse_rtcp(bad, ec)) << bad;
    EXPECT_EQ(ec, SdpError::bad_rtcp);
  }
}

TEST(SdpConnection, RtcpAddressFromAttributeOrNextPort) {
  SessionDescription lync = parse_connection_sdp(testing::read_sdp_testdata("lync-offer-srtp.sdp"));
  EXPECT_EQ(rtcp_address(lync, lync.media[0]), (SdpTransportAddress{"10.20.30.41", 19853}));
  SessionDescription cisco =
      parse_connection_sdp(testing::read_sdp_testdata("cisco-gateway-g729.sdp"));
  EXPECT_EQ(rtcp_address(cisco, cisco.media[0]), (SdpTransportAddress{"192.0.2.10", 16435}));
  cisco.media[0].attributes.push_back({"rtcp", "9000 IN IP4 192.0.2.99"});
  EXPECT_EQ(rtcp_address(cisco, cisco.media[0]), (SdpTransportAddress{"192.0.2.99", 9000}));
}

TEST(SdpConnection, RelayRewritesSessionAddressPortAndRtcp) {
  SessionDescription sdp = parse_connection_sdp(testing::read_sdp_testdata("lync-offer-srtp.sdp"));
  ASSERT_FALSE(set_media_target(sdp, 0, {"127.0.0.30", 40000, 40001}));
  EXPECT_EQ(sdp.connection, (SdpConnection{"IN", "IP4", "127.0.0.30"}));
  EXPECT_TRUE(sdp.media[0].connections.empty());
  EXPECT_EQ(sdp.media[0].port, 40000);
  EXPECT_EQ(attribute_values(sdp.media[0].attributes, "rtcp"),
            std::vector<std::string_view>{"40001"});
  EXPECT_EQ(rtcp_address(sdp, sdp.media[0]), (SdpTransportAddress{"127.0.0.30", 40001}));
}

TEST(SdpConnection, RelayWithoutRtcpPortDropsStaleRtcp) {
  SessionDescription sdp = parse_connection_sdp(testing::read_sdp_testdata("lync-offer-srtp.sdp"));
  ASSERT_FALSE(set_media_target(sdp, 0, {"::1", 40000, std::nullopt}));
  EXPECT_EQ(sdp.connection, (SdpConnection{"IN", "IP6", "::1"}));
  EXPECT_EQ(find_attribute(sdp.media[0].attributes, "rtcp"), nullptr);
  EXPECT_EQ(rtcp_address(sdp, sdp.media[0]), (SdpTransportAddress{"::1", 40001}));
}

TEST(SdpConnection, RelayRewritesMediaLevelConnectionInPlace) {
  SessionDescription sdp =
      parse_connection_sdp(testing::read_sdp_testdata("cisco-gateway-g729.sdp"));
  ASSERT_FALSE(set_media_target(sdp, 0, {"127.0.0.31", 41000, std::nullopt}));
  EXPECT_EQ(sdp.media[0].connections, (std::vector<SdpConnection>{{"IN", "IP4", "127.0.0.31"}}));
  // The session c= is no longer used by any stream, but is left as it was.
  EXPECT_EQ(sdp.connection->address, "192.0.2.10");
  EXPECT_NE(serialize_sdp(sdp).find("m=audio 41000 RTP/AVP 18 0 8 101 19\r\n"), std::string::npos);
}

TEST(SdpConnection, OtherStreamsKeepTheOldSessionAddress) {
  SessionDescription sdp = parse_connection_sdp(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
      "m=audio 4000 RTP/AVP 0\r\nm=video 4002 RTP/AVP 34\r\n");
  ASSERT_FALSE(set_media_target(sdp, 0, {"127.0.0.32", 42000, std::nullopt}));
  EXPECT_EQ(rtp_address(sdp, sdp.media[0]), (SdpTransportAddress{"127.0.0.32", 42000}));
  EXPECT_EQ(rtp_address(sdp, sdp.media[1]), (SdpTransportAddress{"192.0.2.1", 4002}));
  ASSERT_FALSE(set_media_target(sdp, 1, {"127.0.0.32", 42002, std::nullopt}));
  EXPECT_EQ(rtp_address(sdp, sdp.media[1]), (SdpTransportAddress{"127.0.0.32", 42002}));
  // Nothing of the original host is left in the description.
  std::string out = serialize_sdp(sdp);
  EXPECT_EQ(out.find("c=IN IP4 192.0.2.1"), std::string::npos);
}

TEST(SdpConnection, UnknownMediaIndexIsAnError) {
  SessionDescription sdp;
  EXPECT_EQ(set_media_target(sdp, 0, {"127.0.0.1", 1, std::nullopt}), SdpError::no_such_media);
}

}  // namespace
}  // namespace sipconf::sip
