#include "simulators/rtp_packet.h"

#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

TEST(RtpPacketTest, WriteThenParse) {
  std::string packet;
  const RtpHeader header{true, 8, 0xBEEF, 0x01020304, 0xCAFEBABE};
  write_rtp(header, "abc", packet);
  ASSERT_EQ(packet.size(), 15u);
  EXPECT_EQ(static_cast<unsigned char>(packet[0]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(packet[1]), 0x88);
  const auto view = parse_rtp(packet);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->header, header);
  EXPECT_EQ(view->payload, "abc");
}

TEST(RtpPacketTest, CsrcExtensionAndPaddingAreSkipped) {
  // V=2 P=1 X=1 CC=1, PT 0; one CSRC; a one-word extension; payload "xy"; 2 padding octets.
  std::string packet("\xB1\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x03", 12);
  packet += std::string("\x00\x00\x00\x09", 4);                  // CSRC
  packet += std::string("\xBE\xDE\x00\x01\x11\x22\x33\x44", 8);  // extension
  packet += "xy";
  packet += std::string("\x00\x02", 2);  // padding, last octet = count
  const auto view = parse_rtp(packet);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->payload, "xy");
  EXPECT_EQ(view->header.ssrc, 3u);
}

TEST(RtpPacketTest, NotRtpIsRejected) {
  EXPECT_FALSE(parse_rtp("short"));
  EXPECT_FALSE(parse_rtp(std::string(12, '\0')));                                       // version 0
  EXPECT_FALSE(parse_rtp(std::string("\x8F\x00", 2) + std::string(10, '\0')));          // 15 CSRCs
  EXPECT_FALSE(parse_rtp(std::string("\x80\xC8", 2) + std::string(10, '\0')));          // RTCP SR
  EXPECT_FALSE(parse_rtp(std::string("\xA0\x00", 2) + std::string(9, '\0') + "\x20"));  // pad
}

TEST(RtpPacketTest, TelephoneEvents) {
  std::string payload;
  write_telephone_event({11, true, 10, 800}, payload);
  EXPECT_EQ(payload, std::string("\x0B\x8A\x03\x20", 4));
  const auto event = parse_telephone_event(payload);
  ASSERT_TRUE(event);
  EXPECT_EQ(*event, (TelephoneEvent{11, true, 10, 800}));
  EXPECT_FALSE(parse_telephone_event("abc"));
  EXPECT_EQ(dtmf_event_code('#'), 11);
  EXPECT_EQ(dtmf_event_code('d'), 15);
  EXPECT_FALSE(dtmf_event_code('x'));
  EXPECT_EQ(dtmf_digit(10), '*');
  EXPECT_FALSE(dtmf_digit(16));
}

}  // namespace
}  // namespace sipconf::simulators
