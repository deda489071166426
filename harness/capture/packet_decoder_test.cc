#include "harness/capture/packet_decoder.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/testing/capture_test_support.h"
#include "harness/testing/frame_builder.h"

namespace sipconf::harness {
namespace {

using testing::bytes_of;
using testing::RecordingVisitor;

const Endpoint kA = *Endpoint::parse("10.1.1.1:5060");
const Endpoint kB = *Endpoint::parse("10.1.1.2:5070");
const Endpoint kA6 = *Endpoint::parse("[fd00::1]:5060");
const Endpoint kB6 = *Endpoint::parse("[fd00::2]:5070");

class PacketDecoderTest : public ::testing::Test {
 protected:
  void decode(const std::vector<uint8_t>& frame, uint64_t ts = 1, uint32_t wire_length = 0) {
    RawFrame raw;
    raw.timestamp_ns = ts;
    raw.bytes = frame;
    raw.wire_length = wire_length != 0 ? wire_length : static_cast<uint32_t>(frame.size());
    decoder_.decode(raw);
  }

  RecordingVisitor visitor_;
  PacketDecoder decoder_{DLT_EN10MB, visitor_};
};

TEST_F(PacketDecoderTest, DeliversUdpOverIpv4AndIpv6) {
  decode(build_udp_frame(kA, kB, bytes_of(std::string("OPTIONS v4"))), 123456789);
  decode(build_udp_frame(kA6, kB6, bytes_of(std::string("OPTIONS v6"))), 223456789);
  ASSERT_EQ(visitor_.datagrams.size(), 2u);
  EXPECT_EQ(visitor_.datagrams[0].payload, "OPTIONS v4");
  EXPECT_EQ(visitor_.datagrams[0].src, kA);
  EXPECT_EQ(visitor_.datagrams[0].dst, kB);
  EXPECT_EQ(visitor_.datagrams[0].timestamp_ns, 123456789u);
  EXPECT_FALSE(visitor_.datagrams[0].reassembled);
  EXPECT_EQ(visitor_.datagrams[1].payload, "OPTIONS v6");
  EXPECT_EQ(visitor_.datagrams[1].src, kA6);
  const DecodeStats stats = decoder_.stats();
  EXPECT_EQ(stats.frames, 2u);
  EXPECT_EQ(stats.ipv4, 1u);
  EXPECT_EQ(stats.ipv6, 1u);
  EXPECT_EQ(stats.udp, 2u);
  EXPECT_EQ(stats.udp_bytes, 20u);
}

TEST_F(PacketDecoderTest, EthernetPaddingIsNotPayload) {
  auto frame = build_udp_frame(kA, kB, bytes_of(std::string("x")));
  frame.resize(60, 0);  // minimum Ethernet frame
  decode(frame);
  ASSERT_EQ(visitor_.datagrams.size(), 1u);
  EXPECT_EQ(visitor_.datagrams[0].payload, "x");
}

TEST_F(PacketDecoderTest, ReassemblesFragmentedUdpOverIpv4) {
  std::string big(4000, '\0');
  std::iota(big.begin(), big.end(), 'a');
  const auto udp = build_udp(kA, kB, bytes_of(big));
  auto fragments = build_ip_fragments(kA.ip, kB.ip, kIpProtoUdp, udp, 1480, 4242);
  ASSERT_EQ(fragments.size(), 3u);
  std::swap(fragments[0], fragments[2]);
  for (size_t i = 0; i < fragments.size(); ++i) decode(wrap_link(DLT_EN10MB, fragments[i]), 10 + i);
  ASSERT_EQ(visitor_.datagrams.size(), 1u);
  EXPECT_EQ(visitor_.datagrams[0].payload, big);
  EXPECT_TRUE(visitor_.datagrams[0].reassembled);
  EXPECT_EQ(visitor_.datagrams[0].timestamp_ns, 12u);  // when the last piece arrived
  EXPECT_EQ(visitor_.datagrams[0].dst, kB);
  const DecodeStats stats = decoder_.stats();
  EXPECT_EQ(stats.fragments.fragments, 3u);
  EXPECT_EQ(stats.fragments.datagrams_reassembled, 1u);
  EXPECT_EQ(stats.udp, 1u);
}

TEST_F(PacketDecoderTest, ReassemblesFragmentedUdpOverIpv6WithExtensionHeaders) {
  const std::string big(3000, 'q');
  const auto udp = build_udp(kA6, kB6, bytes_of(big));
  // Fragmentable part: Destination Options, then UDP.
  std::vector<uint8_t> part = ipv6_extension_header(60, kIpProtoUdp, 8);
  part.insert(part.end(), udp.begin(), udp.end());
  const auto fragments = build_ip_fragments(kA6.ip, kB6.ip, 60, part, 1280, 99);
  for (auto it = fragments.rbegin(); it != fragments.rend(); ++it) {
    // Unfragmentable part: a Hop-by-Hop header in front of each Fragment header.
    std::vector<uint8_t> body = ipv6_extension_header(0, 44, 8);
    body.insert(body.end(), it->begin() + 40, it->end());
    decode(wrap_link(DLT_EN10MB, build_ipv6(kA6.ip, kB6.ip, 0, body)));
  }
  ASSERT_EQ(visitor_.datagrams.size(), 1u);
  EXPECT_EQ(visitor_.datagrams[0].payload, big);
  EXPECT_EQ(visitor_.datagrams[0].src, kA6);
}

TEST_F(PacketDecoderTest, TcpSegmentsBecomeStreamChunks) {
  TcpFields syn{100, 0, kTcpSyn};
  decode(build_tcp_frame(kA, kB, syn, {}));
  TcpFields data{101, 0, kTcpAck};
  decode(build_tcp_frame(kA, kB, data, bytes_of(std::string("INVITE "))));
  data.seq = 108;
  decode(build_tcp_frame(kA, kB, data, bytes_of(std::string("sip:b SIP/2.0\r\n"))));
  decoder_.finish();
  EXPECT_EQ(visitor_.stream(1, TcpDirection::kFromInitiator), "INVITE sip:b SIP/2.0\r\n");
  ASSERT_EQ(visitor_.flows.size(), 1u);
  EXPECT_EQ(visitor_.flows[0].end, TcpFlowEnd::kEndOfCapture);
  EXPECT_EQ(decoder_.stats().tcp.segments, 3u);
  EXPECT_EQ(decoder_.stats().tcp.payload_bytes, 22u);
}

TEST_F(PacketDecoderTest, TruncatedFramesAreCountedAndNotTrusted) {
  const auto frame = build_udp_frame(kA, kB, bytes_of(std::string(200, 'z')));
  decode(std::vector<uint8_t>(frame.begin(), frame.begin() + 100), 1,
         static_cast<uint32_t>(frame.size()));
  decode(std::vector<uint8_t>(frame.begin(), frame.begin() + 20), 1,
         static_cast<uint32_t>(frame.size()));
  EXPECT_TRUE(visitor_.datagrams.empty());
  const DecodeStats stats = decoder_.stats();
  EXPECT_EQ(stats.truncated, 2u);
  EXPECT_EQ(stats.frames_cut_by_snaplen, 2u);
  EXPECT_EQ(stats.udp, 0u);
}

TEST_F(PacketDecoderTest, ATruncatedTcpSegmentLeavesAGapOfItsLength) {
  decode(build_tcp_frame(kA, kB, TcpFields{0, 0, kTcpSyn}, {}));
  decode(build_tcp_frame(kA, kB, TcpFields{1, 0, kTcpAck}, bytes_of(std::string("start;"))));
  const auto big =
      build_tcp_frame(kA, kB, TcpFields{7, 0, kTcpAck}, bytes_of(std::string(1000, 'm')));
  decode(std::vector<uint8_t>(big.begin(), big.begin() + 96), 5, static_cast<uint32_t>(big.size()));
  decode(build_tcp_frame(kA, kB, TcpFields{1007, 0, kTcpAck}, bytes_of(std::string("next"))));
  EXPECT_EQ(visitor_.stream(1, TcpDirection::kFromInitiator), "start;<gap>next");
  EXPECT_EQ(decoder_.stats().tcp.gap_bytes, 1000u);
  EXPECT_EQ(decoder_.stats().truncated, 1u);
}

TEST_F(PacketDecoderTest, NonIpMalformedAndOtherProtocolsAreCounted) {
  const std::vector<uint8_t> arp = {2, 0,    0,    0, 0, 2, 2, 0, 0, 0, 0,
                                    1, 0x08, 0x06, 0, 1, 8, 0, 6, 4, 0, 1};
  decode(arp);
  auto bad_udp = build_udp(kA, kB, bytes_of(std::string("abc")));
  bad_udp[5] = 200;  // UDP length beyond the IP payload
  decode(wrap_link(DLT_EN10MB, build_ip(kA.ip, kB.ip, kIpProtoUdp, bad_udp)));
  const std::vector<uint8_t> icmp = {8, 0, 0, 0, 0, 1, 0, 1};
  decode(wrap_link(DLT_EN10MB, build_ip(kA.ip, kB.ip, 1, icmp)));
  auto bad_ip = build_udp_frame(kA, kB, bytes_of(std::string("x")));
  bad_ip[14] = 0x43;  // IHL 3
  decode(bad_ip);
  auto bad_tcp = build_tcp(kA, kB, TcpFields{}, {});
  bad_tcp[12] = 0x20;  // data offset 8 bytes
  decode(wrap_link(DLT_EN10MB, build_ip(kA.ip, kB.ip, kIpProtoTcp, bad_tcp)));
  const DecodeStats stats = decoder_.stats();
  EXPECT_EQ(stats.frames, 5u);
  EXPECT_EQ(stats.non_ip, 1u);
  EXPECT_EQ(stats.udp_malformed, 1u);
  EXPECT_EQ(stats.other_ip_protocol, 1u);
  EXPECT_EQ(stats.ip_malformed, 1u);
  EXPECT_EQ(stats.tcp_malformed, 1u);
  EXPECT_TRUE(visitor_.datagrams.empty());
}

TEST(PacketDecoderLinkTypes, VlanTaggedAndCookedFramesDecodeAlike) {
  for (int dlt : {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL, DLT_LOOP, DLT_RAW}) {
    RecordingVisitor visitor;
    PacketDecoder decoder(dlt, visitor);
    const uint16_t vlans[] = {7, 8};
    const auto ip =
        build_ip(kA.ip, kB.ip, kIpProtoUdp, build_udp(kA, kB, bytes_of(std::string("BYE"))));
    const auto frame = wrap_link(
        dlt, ip,
        dlt == DLT_EN10MB ? std::span<const uint16_t>(vlans) : std::span<const uint16_t>());
    RawFrame raw{5, frame, static_cast<uint32_t>(frame.size())};
    decoder.decode(raw);
    ASSERT_EQ(visitor.datagrams.size(), 1u) << dlt;
    EXPECT_EQ(visitor.datagrams[0].payload, "BYE") << dlt;
  }
}

}  // namespace
}  // namespace sipconf::harness
