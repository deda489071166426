#include "sip/rtp/rtcp_packet.h"

#include <vector>

#include <gtest/gtest.h>

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

void append_word(std::vector<std::uint8_t>& v, std::uint32_t x) {
  v.resize(v.size() + 4);
  store_be32(&v[v.size() - 4], x);
}

/// SR from 0x1111 with one report block about 0x2222, then an SDES with a CNAME.
std::vector<std::uint8_t> sender_report_and_sdes() {
  std::vector<std::uint8_t> p = {0x81, 200, 0, 12};
  append_word(p, 0x1111);
  append_word(p, 0xE0000000);  // NTP seconds
  append_word(p, 0x80000000);  // NTP fraction
  append_word(p, 160000);      // RTP timestamp
  append_word(p, 500);         // packets
  append_word(p, 80000);       // octets
  append_word(p, 0x2222);
  p.insert(p.end(), {0x40, 0xFF, 0xFF, 0xFE});  // fraction 64/256, cumulative lost -2
  append_word(p, 0x0001FFFF);
  append_word(p, 37);
  append_word(p, 0xAABBCCDD);
  append_word(p, 0x00010000);
  p.insert(p.end(), {0x81, 202, 0, 3});
  append_word(p, 0x1111);
  p.insert(p.end(), {1, 3, 'a', '@', 'b', 0, 0, 0});
  return p;
}

TEST(RtcpPacket, ValidatesAndWalksACompoundPacket) {
  const auto bytes = sender_report_and_sdes();
  ASSERT_TRUE(is_rtcp_compound(bytes));
  RtcpCompoundReader reader(bytes);
  const auto sr = reader.next();
  ASSERT_TRUE(sr);
  EXPECT_EQ(sr->packet_type, kRtcpSenderReport);
  EXPECT_EQ(sr->count, 1);
  EXPECT_EQ(rtcp_sender_ssrc(*sr), 0x1111u);
  const auto info = rtcp_sender_info(*sr);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->ntp_timestamp, 0xE000000080000000ULL);
  EXPECT_EQ(info->rtp_timestamp, 160000u);
  EXPECT_EQ(info->packet_count, 500u);
  EXPECT_EQ(info->octet_count, 80000u);
  const auto block = rtcp_report_block(*sr, 0);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->ssrc, 0x2222u);
  EXPECT_EQ(block->fraction_lost, 0x40);
  EXPECT_EQ(block->cumulative_lost, -2);
  EXPECT_EQ(block->extended_highest_sequence, 0x0001FFFFu);
  EXPECT_EQ(block->jitter, 37u);
  EXPECT_EQ(block->last_sr, 0xAABBCCDDu);
  EXPECT_EQ(block->delay_since_last_sr, 0x00010000u);
  EXPECT_FALSE(rtcp_report_block(*sr, 1));
  EXPECT_FALSE(rtcp_report_block(*sr, -1));

  const auto sdes = reader.next();
  ASSERT_TRUE(sdes);
  EXPECT_EQ(sdes->packet_type, 202);
  EXPECT_EQ(sdes->body.size(), 12u);
  EXPECT_FALSE(rtcp_sender_info(*sdes));
  EXPECT_FALSE(rtcp_report_block(*sdes, 0));
  EXPECT_FALSE(reader.next());
}

TEST(RtcpPacket, ReceiverReportBlocksFollowTheSenderSsrc) {
  std::vector<std::uint8_t> rr = {0x81, 201, 0, 7};
  append_word(rr, 0x3333);
  append_word(rr, 0x4444);
  rr.insert(rr.end(), {0, 0, 0, 5});
  for (int i = 0; i < 4; ++i) append_word(rr, static_cast<std::uint32_t>(i));
  ASSERT_TRUE(is_rtcp_compound(rr));
  RtcpCompoundReader reader(rr);
  const auto view = reader.next();
  ASSERT_TRUE(view);
  EXPECT_EQ(rtcp_sender_ssrc(*view), 0x3333u);
  EXPECT_FALSE(rtcp_sender_info(*view));
  const auto block = rtcp_report_block(*view, 0);
  ASSERT_TRUE(block);
  EXPECT_EQ(block->ssrc, 0x4444u);
  EXPECT_EQ(block->cumulative_lost, 5);
}

TEST(RtcpPacket, PaddingOfTheLastPacketIsNotBody) {
  std::vector<std::uint8_t> rr = {0xA0, 201, 0, 2};  // P=1, RC=0, 12 bytes
  append_word(rr, 0x5555);
  rr.insert(rr.end(), {0, 0, 0, 4});
  ASSERT_TRUE(is_rtcp_compound(rr));
  RtcpCompoundReader reader(rr);
  const auto view = reader.next();
  ASSERT_TRUE(view);
  EXPECT_EQ(view->body.size(), 4u);
  EXPECT_EQ(rtcp_sender_ssrc(*view), 0x5555u);
}

TEST(RtcpPacket, RejectsInconsistentCompounds) {
  auto bytes = sender_report_and_sdes();
  auto longer = bytes;
  longer.push_back(0);  // lengths no longer add up
  EXPECT_FALSE(is_rtcp_compound(longer));
  auto bad_version = bytes;
  bad_version[52] = 0x41;  // second packet version 1
  EXPECT_FALSE(is_rtcp_compound(bad_version));
  auto padded_first = bytes;
  padded_first[0] |= 0x20;  // padding only allowed in the last packet
  EXPECT_FALSE(is_rtcp_compound(padded_first));
  auto rtp_like = bytes;
  rtp_like[1] = 0x08;
  EXPECT_FALSE(is_rtcp_compound(rtp_like));
  EXPECT_FALSE(is_rtcp_compound(std::span(bytes).first(3)));
  auto overlong = bytes;
  overlong[3] = 200;  // first length runs past the datagram
  EXPECT_FALSE(is_rtcp_compound(overlong));
}

}  // namespace
}  // namespace sipconf::sip
