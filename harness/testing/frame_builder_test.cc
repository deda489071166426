#include "harness/testing/frame_builder.h"

#include <pcap/pcap.h>

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/capture/ip_packet.h"

namespace sipconf::harness {
namespace {

const Endpoint kA = *Endpoint::parse("198.51.100.1:5060");
const Endpoint kB = *Endpoint::parse("198.51.100.2:5080");
const Endpoint kA6 = *Endpoint::parse("[2001:db8::1]:5060");
const Endpoint kB6 = *Endpoint::parse("[2001:db8::2]:5080");

/// Independent RFC 1071 check: the sum over a correct header (and pseudo header)
/// folds to 0xFFFF.
uint32_t fold(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint32_t>(sum);
}
uint64_t sum16(const uint8_t* p, size_t n) {
  uint64_t sum = 0;
  for (size_t i = 0; i + 1 < n; i += 2) sum += (uint32_t{p[i]} << 8) | p[i + 1];
  if (n % 2) sum += uint32_t{p[n - 1]} << 8;
  return sum;
}
uint32_t transport_sum(const IpPacket& ip) {
  uint64_t sum = sum16(ip.src.bytes.data(), ip.src.size()) +
                 sum16(ip.dst.bytes.data(), ip.dst.size()) + ip.protocol + ip.payload.size();
  sum += sum16(ip.payload.data(), ip.payload.size());
  return fold(sum);
}

TEST(FrameBuilder, ChecksumsAreValid) {
  const std::string text = "odd-length payload";
  const std::span<const uint8_t> payload(reinterpret_cast<const uint8_t*>(text.data()),
                                         text.size());
  for (const auto& [src, dst] : {std::pair{kA, kB}, std::pair{kA6, kB6}}) {
    for (uint8_t protocol : {kIpProtoUdp, kIpProtoTcp}) {
      const auto segment = protocol == kIpProtoUdp ? build_udp(src, dst, payload)
                                                   : build_tcp(src, dst, TcpFields{1, 2}, payload);
      const auto packet = build_ip(src.ip, dst.ip, protocol, segment);
      IpPacket ip;
      ASSERT_EQ(parse_ip_packet(packet, ip), IpParseStatus::kOk);
      EXPECT_EQ(transport_sum(ip), 0xFFFFu) << int{protocol};
      if (src.ip.family == IpFamily::kV4) {
        EXPECT_EQ(fold(sum16(packet.data(), 20)), 0xFFFFu);
      }
    }
  }
}

TEST(FrameBuilder, FragmentsCoverThePayloadInEightByteUnits) {
  std::vector<uint8_t> payload(1000);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i * 7);
  const auto fragments = build_ip_fragments(kA.ip, kB.ip, kIpProtoUdp, payload, 300, 12);
  ASSERT_EQ(fragments.size(), 4u);  // 296 + 296 + 296 + 112
  std::vector<uint8_t> joined;
  for (size_t i = 0; i < fragments.size(); ++i) {
    IpPacket ip;
    ASSERT_EQ(parse_ip_packet(fragments[i], ip), IpParseStatus::kOk);
    EXPECT_EQ(ip.fragment_offset, i * 296);
    EXPECT_EQ(ip.more_fragments, i + 1 < fragments.size());
    EXPECT_EQ(ip.fragment_id, 12u);
    joined.insert(joined.end(), ip.payload.begin(), ip.payload.end());
  }
  EXPECT_EQ(joined, payload);
}

TEST(FrameBuilder, LinkHeadersHaveTheirSizes) {
  const std::vector<uint8_t> ip(20, 0x45);
  EXPECT_EQ(wrap_link(DLT_EN10MB, ip).size(), 34u);
  const uint16_t tags[] = {1, 2};
  EXPECT_EQ(wrap_link(DLT_EN10MB, ip, tags).size(), 42u);
  EXPECT_EQ(wrap_link(DLT_LINUX_SLL, ip).size(), 36u);
  EXPECT_EQ(wrap_link(DLT_LINUX_SLL2, ip).size(), 40u);
  EXPECT_EQ(wrap_link(DLT_NULL, ip).size(), 24u);
  EXPECT_EQ(wrap_link(DLT_RAW, ip).size(), 20u);
}

}  // namespace
}  // namespace sipconf::harness
