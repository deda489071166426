#include "sip/rtp/rtp_packet.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

std::string_view payload_text(std::span<const std::uint8_t> payload) {
  return {reinterpret_cast<const char*>(payload.data()), payload.size()};
}

/// A fixed header (sequence 0x1234, timestamp 800, SSRC 0xDEADBEEF) with the given first
/// two bytes, then `rest`.
std::vector<std::uint8_t> rtp_bytes(std::uint8_t first, std::uint8_t second,
                                    std::vector<std::uint8_t> rest) {
  const std::uint8_t header[] = {first, second, 0x12, 0x34, 0,    0,
                                 0x03,  0x20,   0xDE, 0xAD, 0xBE, 0xEF};
  std::vector<std::uint8_t> p(sizeof header + rest.size());
  std::copy(std::begin(header), std::end(header), p.begin());
  std::copy(rest.begin(), rest.end(), p.begin() + sizeof header);
  return p;
}

TEST(RtpPacket, WriteThenParse) {
  std::string packet;
  const RtpHeader header{true, 8, 0xBEEF, 0x01020304, 0xCAFEBABE};
  write_rtp(header, byte_view("abc"), packet);
  ASSERT_EQ(packet.size(), 15u);
  EXPECT_EQ(static_cast<unsigned char>(packet[0]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(packet[1]), 0x88);
  const auto parsed = parse_rtp(byte_view(packet));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->header, header);
  EXPECT_EQ(parsed->csrc_count, 0);
  EXPECT_FALSE(parsed->has_extension);
  EXPECT_EQ(payload_text(parsed->payload), "abc");
}

TEST(RtpPacket, WriteAppendsToWhatIsThere) {
  std::string out = "x";
  write_rtp({false, 0, 1, 2, 3}, {}, out);
  ASSERT_EQ(out.size(), 13u);
  EXPECT_EQ(out[0], 'x');
  EXPECT_EQ(static_cast<unsigned char>(out[1]), 0x80);
}

TEST(RtpPacket, ParsesTheFixedHeader) {
  const auto p = rtp_bytes(0x80, 0x88, {1, 2, 3});  // marker, PT 8
  const auto parsed = parse_rtp(p);
  ASSERT_TRUE(parsed);
  const RtpHeader& h = parsed->header;
  EXPECT_EQ(h.payload_type, 8);
  EXPECT_TRUE(h.marker);
  EXPECT_EQ(h.sequence, 0x1234);
  EXPECT_EQ(h.timestamp, 800u);
  EXPECT_EQ(h.ssrc, 0xDEADBEEFu);
  ASSERT_EQ(parsed->payload.size(), 3u);
  EXPECT_EQ(parsed->payload[0], 1);
  // The payload is a view into the parsed bytes, not a copy.
  EXPECT_EQ(parsed->payload.data(), p.data() + 12);
}

TEST(RtpPacket, SkipsCsrcsAndTheExtensionAndRemovesPadding) {
  // CC=2, X=1, P=1: two CSRCs, a one-word extension, then payload and 3 padding bytes.
  const auto p = rtp_bytes(
      0xB2, 0x00, {0, 0, 0, 1, 0, 0, 0, 2, 0xBE, 0xDE, 0, 1, 9, 9, 9, 9, 'a', 'b', 0, 0, 3});
  const auto parsed = parse_rtp(p);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->csrc_count, 2);
  EXPECT_TRUE(parsed->has_extension);
  ASSERT_EQ(parsed->payload.size(), 2u);
  EXPECT_EQ(parsed->payload[0], 'a');
}

TEST(RtpPacket, CsrcExtensionAndPaddingAreSkipped) {
  // V=2 P=1 X=1 CC=1, PT 0; one CSRC; a one-word extension; payload "xy"; 2 padding octets.
  std::string packet("\xB1\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x03", 12);
  packet += std::string("\x00\x00\x00\x09", 4);                  // CSRC
  packet += std::string("\xBE\xDE\x00\x01\x11\x22\x33\x44", 8);  // extension
  packet += "xy";
  packet += std::string("\x00\x02", 2);  // padding, last octet = count
  const auto parsed = parse_rtp(byte_view(packet));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(payload_text(parsed->payload), "xy");
  EXPECT_EQ(parsed->header.ssrc, 3u);
}

TEST(RtpPacket, PaddingMayTakeTheWholePayload) {
  const auto parsed = parse_rtp(rtp_bytes(0xA0, 0x00, {0, 0, 0, 4}));
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->payload.empty());
}

TEST(RtpPacket, RejectsWhatCannotBeRtp) {
  EXPECT_EQ(parse_rtp(rtp_bytes(0x40, 0x00, {})).error(), RtpError::bad_version);  // version 1
  EXPECT_EQ(parse_rtp(std::vector<std::uint8_t>(11, 0x80)).error(), RtpError::too_short);
  EXPECT_EQ(parse_rtp(rtp_bytes(0x8F, 0x00, {})).error(), RtpError::csrc_past_end);  // 15 CSRCs
  EXPECT_EQ(parse_rtp(rtp_bytes(0x90, 0x00, {0, 0})).error(), RtpError::extension_past_end);
  EXPECT_EQ(parse_rtp(rtp_bytes(0x90, 0x00, {0, 0, 0, 5})).error(),  // extension runs past the end
            RtpError::extension_past_end);
  EXPECT_EQ(parse_rtp(rtp_bytes(0xA0, 0x00, {1, 2, 0})).error(), RtpError::bad_padding);  // 0
  EXPECT_EQ(parse_rtp(rtp_bytes(0xA0, 0x00, {1, 2, 9})).error(),  // longer than the packet
            RtpError::bad_padding);
  EXPECT_EQ(parse_rtp(rtp_bytes(0x80, 200, {})).error(),  // an RTCP sender report (rtcp-mux)
            RtpError::rtcp_packet_type);
  const std::string sip = "INVITE sip:bob@example.com SIP/2.0\r\n";
  EXPECT_FALSE(parse_rtp(byte_view(sip)));
}

TEST(RtpPacket, NotRtpIsRejected) {
  EXPECT_FALSE(parse_rtp(byte_view("short")));
  EXPECT_FALSE(parse_rtp(byte_view(std::string(12, '\0'))));  // version 0
  EXPECT_FALSE(parse_rtp(byte_view(std::string("\x8F\x00", 2) + std::string(10, '\0'))));  // CC
  EXPECT_FALSE(parse_rtp(byte_view(std::string("\x80\xC8", 2) + std::string(10, '\0'))));  // SR
  EXPECT_FALSE(parse_rtp(byte_view(std::string("\xA0\x00", 2) + std::string(9, '\0') + "\x20")));
}

TEST(RtpPacket, RtcpPacketTypesAreTheMarkerWithPayloadTypes64To95) {
  EXPECT_FALSE(has_rtcp_packet_type(std::vector<std::uint8_t>{0x80}));
  EXPECT_FALSE(has_rtcp_packet_type(std::vector<std::uint8_t>{0x80, 191}));
  EXPECT_TRUE(has_rtcp_packet_type(std::vector<std::uint8_t>{0x80, 192}));
  EXPECT_TRUE(has_rtcp_packet_type(std::vector<std::uint8_t>{0x80, 223}));
  EXPECT_FALSE(has_rtcp_packet_type(std::vector<std::uint8_t>{0x80, 224}));
  // SR, RR, SDES, BYE and APP: marker with payload types 72..76.
  for (std::uint8_t type = 200; type <= 204; ++type) {
    EXPECT_EQ(parse_rtp(rtp_bytes(0x80, type, {})).error(), RtpError::rtcp_packet_type) << +type;
  }
  // Told before the length, so that rtcp-mux needs no second look at a short RTCP packet.
  EXPECT_EQ(parse_rtp(std::vector<std::uint8_t>{0x80, 201, 0, 1, 0, 0, 0, 1}).error(),
            RtpError::rtcp_packet_type);
  EXPECT_EQ(parse_rtp(std::vector<std::uint8_t>{0x80}).error(), RtpError::too_short);
  EXPECT_EQ(parse_rtp(std::vector<std::uint8_t>{0x80, 0}).error(), RtpError::too_short);
  EXPECT_EQ(parse_rtp(std::vector<std::uint8_t>{0x40, 200}).error(), RtpError::bad_version);
  // The same payload types without the marker, and the marker with others, are RTP.
  EXPECT_TRUE(parse_rtp(rtp_bytes(0x80, 72, {})));
  EXPECT_TRUE(parse_rtp(rtp_bytes(0x80, 0x80 | 96, {})));
  EXPECT_TRUE(parse_rtp(rtp_bytes(0x80, 0x80 | 34, {})));
}

}  // namespace
}  // namespace sipconf::sip
