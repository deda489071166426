#include "harness/analysis/rtp_packet.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

std::vector<uint8_t> rtp_bytes(uint8_t first, uint8_t second, std::vector<uint8_t> rest) {
  const uint8_t header[] = {first, second, 0x12, 0x34, 0, 0, 0x03, 0x20, 0xDE, 0xAD, 0xBE, 0xEF};
  std::vector<uint8_t> p(sizeof header + rest.size());
  std::copy(std::begin(header), std::end(header), p.begin());
  std::copy(rest.begin(), rest.end(), p.begin() + sizeof header);
  return p;
}

TEST(RtpPacket, ParsesTheFixedHeader) {
  const auto p = rtp_bytes(0x80, 0x88, {1, 2, 3});  // marker, PT 8
  RtpHeader h;
  ASSERT_TRUE(parse_rtp(p, h));
  EXPECT_EQ(h.payload_type, 8);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.sequence, 0x1234);
  EXPECT_EQ(h.timestamp, 800u);
  EXPECT_EQ(h.ssrc, 0xDEADBEEFu);
  EXPECT_EQ(h.payload.size(), 3u);
  EXPECT_EQ(h.payload[0], 1);
}

TEST(RtpPacket, SkipsCsrcsAndTheExtensionAndRemovesPadding) {
  // CC=2, X=1, P=1: two CSRCs, a one-word extension, then payload and 3 padding bytes.
  const auto p = rtp_bytes(
      0xB2, 0x00, {0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0, 1, 9, 9, 9, 9, 'a', 'b', 0, 0, 3});
  RtpHeader h;
  ASSERT_TRUE(parse_rtp(p, h));
  EXPECT_EQ(h.csrc_count, 2);
  EXPECT_TRUE(h.has_extension);
  ASSERT_EQ(h.payload.size(), 2u);
  EXPECT_EQ(h.payload[0], 'a');
}

TEST(RtpPacket, RejectsWhatCannotBeRtp) {
  RtpHeader h;
  EXPECT_FALSE(parse_rtp(rtp_bytes(0x40, 0x00, {}), h));  // version 1
  EXPECT_FALSE(parse_rtp(std::vector<uint8_t>(11, 0x80), h));
  EXPECT_FALSE(parse_rtp(rtp_bytes(0x8F, 0x00, {}), h));            // 15 CSRCs missing
  EXPECT_FALSE(parse_rtp(rtp_bytes(0x90, 0x00, {0, 0, 0, 5}), h));  // extension runs past the end
  EXPECT_FALSE(parse_rtp(rtp_bytes(0xA0, 0x00, {1, 2, 0}), h));     // padding count 0
  EXPECT_FALSE(parse_rtp(rtp_bytes(0xA0, 0x00, {1, 2, 9}), h));  // padding longer than the packet
  EXPECT_FALSE(parse_rtp(rtp_bytes(0x80, 200, {}), h));          // an RTCP sender report (rtcp-mux)
  const std::string sip = "INVITE sip:bob@example.com SIP/2.0\r\n";
  EXPECT_FALSE(parse_rtp(std::span(reinterpret_cast<const uint8_t*>(sip.data()), sip.size()), h));
}

TEST(RtpPacket, DecodesTelephoneEvents) {
  const std::vector<uint8_t> payload = {11, 0x8A, 0x03, 0x20};  // '#', end, volume 10, 800
  TelephoneEventPayload e;
  ASSERT_TRUE(parse_telephone_event(payload, e));
  EXPECT_EQ(e.event, 11);
  EXPECT_TRUE(e.end);
  EXPECT_EQ(e.volume, 10);
  EXPECT_EQ(e.duration, 800);
  EXPECT_EQ(telephone_event_name(e.event), "#");
  EXPECT_EQ(telephone_event_name(16), "flash");
  EXPECT_FALSE(parse_telephone_event(std::span(payload).first(3), e));
}

TEST(RtpPacket, KnowsStaticPayloadTypes) {
  EXPECT_EQ(static_payload_format(0).encoding, "PCMU");
  EXPECT_EQ(static_payload_format(9).clock_rate, 8000u);  // G.722's RTP clock
  EXPECT_EQ(static_payload_format(18).encoding, "G729");
  EXPECT_EQ(static_payload_format(34).clock_rate, 90000u);
  EXPECT_EQ(static_payload_format(20).clock_rate, 0u);
  EXPECT_EQ(static_payload_format(101).clock_rate, 0u);
}

}  // namespace
}  // namespace sipconf::harness
