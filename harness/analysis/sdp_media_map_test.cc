#include "harness/analysis/sdp_media_map.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;

TEST(SdpMediaMap, AnnouncedMediaWithClockRates) {
  std::error_code ec;
  const auto sdp = sip::parse_sdp(
      testing::sdp_body("10.0.0.5", 20000, "0 101",
                        "a=rtpmap:101 telephone-event/8000\r\nm=video 0 RTP/AVP 96\r\n"),
      ec);
  ASSERT_TRUE(sdp) << ec.message();
  const auto media = announced_media(*sdp);
  ASSERT_EQ(media.size(), 1u);  // the video stream is refused (port 0)
  EXPECT_EQ(media[0].endpoint, ep("10.0.0.5:20000"));
  ASSERT_EQ(media[0].formats.size(), 2u);
  EXPECT_EQ(media[0].formats[0].encoding, "PCMU");
  EXPECT_EQ(media[0].formats[0].clock_rate, 8000u);
  EXPECT_EQ(media[0].formats[1].payload_type, 101);
  EXPECT_EQ(media[0].formats[1].encoding, "telephone-event");
}

TEST(SdpMediaMap, TheLatestAnnouncementBeforeTheStreamWins) {
  SdpMediaMap map;
  ExpectedMedia media;
  media.endpoint = ep("10.0.0.5:20000");
  map.announce(media, 3, 1000);
  map.announce(media, 7, 5000);
  EXPECT_EQ(map.leg_of(ep("10.0.0.9:1"), ep("10.0.0.5:20000"), 2000), 3u);
  EXPECT_EQ(map.leg_of(ep("10.0.0.9:1"), ep("10.0.0.5:20000"), 6000), 7u);
  // Symmetric RTP: the announced address is the source.
  EXPECT_EQ(map.leg_of(ep("10.0.0.5:20000"), ep("10.0.0.9:1"), 6000), 7u);
  // Media a moment before its SDP (early media racing the 183) takes the first.
  EXPECT_EQ(map.leg_of(ep("10.0.0.9:1"), ep("10.0.0.5:20000"), 10), 3u);
  EXPECT_EQ(map.leg_of(ep("10.0.0.9:1"), ep("10.0.0.6:20000"), 6000), kNoIndex);
}

}  // namespace
}  // namespace sipconf::harness
