#include "harness/capture/ip_packet.h"

#include <vector>

#include <gtest/gtest.h>

#include "harness/testing/frame_builder.h"

namespace sipconf::harness {
namespace {

constexpr uint8_t kHopByHop = 0;
constexpr uint8_t kRouting = 43;
constexpr uint8_t kFragment = 44;
constexpr uint8_t kDestinationOptions = 60;

const IpAddress kV4a = *IpAddress::parse("192.0.2.1");
const IpAddress kV4b = *IpAddress::parse("192.0.2.2");
const IpAddress kV6a = *IpAddress::parse("2001:db8::a");
const IpAddress kV6b = *IpAddress::parse("2001:db8::b");

std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

TEST(IpPacket, Ipv4DropsLinkPaddingAfterTheTotalLength) {
  const std::vector<uint8_t> payload = {1, 2, 3, 4, 5};
  auto packet = build_ipv4(kV4a, kV4b, kIpProtoUdp, payload);
  packet.insert(packet.end(), 20, 0xEE);  // Ethernet minimum-size padding
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
  EXPECT_EQ(ip.src, kV4a);
  EXPECT_EQ(ip.dst, kV4b);
  EXPECT_EQ(ip.protocol, kIpProtoUdp);
  EXPECT_EQ(std::vector<uint8_t>(ip.payload.begin(), ip.payload.end()), payload);
  EXPECT_FALSE(ip.is_fragment);
}

TEST(IpPacket, Ipv4TotalLengthZeroMeansTheWholeFrame) {
  auto packet = build_ipv4(kV4a, kV4b, kIpProtoTcp, std::vector<uint8_t>(30, 7));
  packet[2] = packet[3] = 0;  // as captured before TCP segmentation offload
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
  EXPECT_EQ(ip.payload.size(), 30u);
}

TEST(IpPacket, Ipv4FragmentFieldsAreDecoded) {
  Ipv4Fields fields;
  fields.id = 0xBEEF;
  fields.fragment_offset = 1480;
  fields.more_fragments = true;
  const auto packet = build_ipv4(kV4a, kV4b, kIpProtoUdp, std::vector<uint8_t>(16, 1), fields);
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
  EXPECT_TRUE(ip.is_fragment);
  EXPECT_TRUE(ip.more_fragments);
  EXPECT_EQ(ip.fragment_offset, 1480u);
  EXPECT_EQ(ip.fragment_id, 0xBEEFu);
}

TEST(IpPacket, CutShortPacketsAreTruncatedOrMalformed) {
  auto packet = build_ipv4(kV4a, kV4b, kIpProtoUdp, std::vector<uint8_t>(100, 1));
  IpPacket ip;
  EXPECT_EQ(parse_ip_packet(std::span(packet).first(19), ip), IpParseStatus::kTruncated);
  ASSERT_EQ(parse_ip_packet(std::span(packet).first(50), ip), IpParseStatus::kPayloadTruncated);
  EXPECT_EQ(ip.payload.size(), 30u);
  EXPECT_EQ(ip.missing_bytes, 70u);

  auto bad_ihl = packet;
  bad_ihl[0] = 0x44;
  EXPECT_EQ(parse_ip_packet(bad_ihl, ip), IpParseStatus::kMalformed);
  auto short_total = packet;
  short_total[3] = 10;
  short_total[2] = 0;
  EXPECT_EQ(parse_ip_packet(short_total, ip), IpParseStatus::kMalformed);
  auto version5 = packet;
  version5[0] = 0x55;
  EXPECT_EQ(parse_ip_packet(version5, ip), IpParseStatus::kMalformed);
  EXPECT_EQ(parse_ip_packet({}, ip), IpParseStatus::kTruncated);
}

TEST(IpPacket, Ipv6WalksHopByHopRoutingAndDestinationOptions) {
  const std::vector<uint8_t> udp = {0x13, 0xC4, 0x13, 0xC4, 0, 9, 0, 0, 'x'};
  const auto chain = concat({ipv6_extension_header(kHopByHop, kRouting, 8),
                             ipv6_extension_header(kRouting, kDestinationOptions, 24),
                             ipv6_extension_header(kDestinationOptions, kIpProtoUdp, 16), udp});
  const auto packet = build_ipv6(kV6a, kV6b, kHopByHop, chain);
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
  EXPECT_EQ(ip.src, kV6a);
  EXPECT_EQ(ip.dst, kV6b);
  EXPECT_EQ(ip.protocol, kIpProtoUdp);
  EXPECT_EQ(std::vector<uint8_t>(ip.payload.begin(), ip.payload.end()), udp);
  EXPECT_FALSE(ip.is_fragment);
}

TEST(IpPacket, Ipv6StopsAtTheFragmentHeader) {
  const auto body = concat({ipv6_extension_header(kHopByHop, kFragment, 8),
                            ipv6_fragment_header(kDestinationOptions, 64, true, 0xCAFEF00D),
                            std::vector<uint8_t>(24, 5)});
  const auto packet = build_ipv6(kV6a, kV6b, kHopByHop, body);
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
  EXPECT_TRUE(ip.is_fragment);
  EXPECT_TRUE(ip.more_fragments);
  EXPECT_EQ(ip.fragment_offset, 64u);
  EXPECT_EQ(ip.fragment_id, 0xCAFEF00Du);
  EXPECT_EQ(ip.protocol, kDestinationOptions);  // first header of the fragmentable part
  EXPECT_EQ(ip.payload.size(), 24u);
}

TEST(IpPacket, Ipv6AtomicFragmentIsAnOrdinaryPacket) {
  const std::vector<uint8_t> tcp(20, 0);
  const auto body = concat({ipv6_fragment_header(kIpProtoTcp, 0, false, 7), tcp});
  IpPacket ip;
  ASSERT_EQ(parse_ip_packet(build_ipv6(kV6a, kV6b, kFragment, body), ip), IpParseStatus::kOk);
  EXPECT_FALSE(ip.is_fragment);
  EXPECT_EQ(ip.protocol, kIpProtoTcp);
  EXPECT_EQ(ip.payload.size(), 20u);
}

TEST(IpPacket, Ipv6ExtensionHeaderBeyondTheDeclaredLengthIsMalformed) {
  auto header = ipv6_extension_header(kHopByHop, kIpProtoUdp, 16);
  header.resize(8);  // claims 16 bytes, the packet holds 8
  IpPacket ip;
  EXPECT_EQ(parse_ip_packet(build_ipv6(kV6a, kV6b, kHopByHop, header), ip),
            IpParseStatus::kMalformed);
  const auto whole = build_ipv6(kV6a, kV6b, kHopByHop, ipv6_extension_header(0, 17, 16));
  EXPECT_EQ(parse_ip_packet(std::span(whole).first(45), ip), IpParseStatus::kTruncated);
}

TEST(IpPacket, ContinueIpv6HeadersWalksAReassembledPart) {
  const std::vector<uint8_t> udp = {0, 1, 0, 2, 0, 8, 0, 0};
  const auto part = concat({ipv6_extension_header(kDestinationOptions, kIpProtoUdp, 8), udp});
  uint8_t protocol = 0;
  std::span<const uint8_t> payload;
  ASSERT_EQ(continue_ipv6_headers(kDestinationOptions, part, protocol, payload),
            IpParseStatus::kOk);
  EXPECT_EQ(protocol, kIpProtoUdp);
  EXPECT_EQ(payload.size(), 8u);
}

}  // namespace
}  // namespace sipconf::harness
