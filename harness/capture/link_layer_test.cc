#include "harness/capture/link_layer.h"

#include <pcap/pcap.h>

#include <vector>

#include <gtest/gtest.h>

#include "harness/capture/ip_packet.h"
#include "harness/testing/frame_builder.h"

namespace sipconf::harness {
namespace {

std::vector<uint8_t> sample_ip_packet(bool v6) {
  const Endpoint src = *Endpoint::parse(v6 ? "[2001:db8::1]:5060" : "10.0.0.1:5060");
  const Endpoint dst = *Endpoint::parse(v6 ? "[2001:db8::2]:5062" : "10.0.0.2:5062");
  const std::vector<uint8_t> payload = {'h', 'i'};
  return build_ip(src.ip, dst.ip, kIpProtoUdp, build_udp(src, dst, payload));
}

struct Case {
  int dlt;
  bool v6;
};

class EveryLinkType : public ::testing::TestWithParam<Case> {};

TEST_P(EveryLinkType, FindsTheIpPacket) {
  const auto ip = sample_ip_packet(GetParam().v6);
  const auto frame = wrap_link(GetParam().dlt, ip);
  const LinkFrame link = decode_link_layer(GetParam().dlt, frame);
  ASSERT_EQ(link.status, LinkStatus::kOk);
  EXPECT_EQ(link.protocol, GetParam().v6 ? NetworkProtocol::kIpv6 : NetworkProtocol::kIpv4);
  EXPECT_EQ(std::vector<uint8_t>(link.network.begin(), link.network.end()), ip);
  EXPECT_TRUE(is_supported_link_type(GetParam().dlt));
}

INSTANTIATE_TEST_SUITE_P(LinkTypes, EveryLinkType,
                         ::testing::Values(Case{DLT_EN10MB, false}, Case{DLT_EN10MB, true},
                                           Case{DLT_LINUX_SLL, false}, Case{DLT_LINUX_SLL, true},
                                           Case{DLT_LINUX_SLL2, false}, Case{DLT_LINUX_SLL2, true},
                                           Case{DLT_NULL, false}, Case{DLT_NULL, true},
                                           Case{DLT_LOOP, false}, Case{DLT_LOOP, true},
                                           Case{DLT_RAW, false}, Case{DLT_RAW, true},
                                           Case{DLT_IPV4, false}, Case{DLT_IPV6, true}));

TEST(LinkLayer, StripsVlanAndQinQTags) {
  const auto ip = sample_ip_packet(false);
  const uint16_t one[] = {100};
  LinkFrame link = decode_link_layer(DLT_EN10MB, wrap_link(DLT_EN10MB, ip, one));
  ASSERT_EQ(link.status, LinkStatus::kOk);
  EXPECT_EQ(link.vlan_tags, 1);
  EXPECT_EQ(link.outer_vlan, 100);
  EXPECT_EQ(link.network.size(), ip.size());

  const uint16_t two[] = {300, 42};
  const auto qinq = wrap_link(DLT_EN10MB, ip, two);
  EXPECT_EQ(qinq[12], 0x88);  // outer tag is 802.1ad
  EXPECT_EQ(qinq[13], 0xA8);
  link = decode_link_layer(DLT_EN10MB, qinq);
  ASSERT_EQ(link.status, LinkStatus::kOk);
  EXPECT_EQ(link.vlan_tags, 2);
  EXPECT_EQ(link.outer_vlan, 300);
  EXPECT_EQ(link.protocol, NetworkProtocol::kIpv4);
}

TEST(LinkLayer, FollowsPppoeSessionsToIp) {
  const auto ip = sample_ip_packet(false);
  std::vector<uint8_t> frame = {2, 0,    0,    0,    0,    2,    2,    0, 0, 0,    0,
                                1, 0x88, 0x64, 0x11, 0x00, 0x12, 0x34, 0, 0, 0x00, 0x21};
  frame[18] = static_cast<uint8_t>((ip.size() + 2) >> 8);
  frame[19] = static_cast<uint8_t>(ip.size() + 2);
  frame.insert(frame.end(), ip.begin(), ip.end());
  const LinkFrame link = decode_link_layer(DLT_EN10MB, frame);
  ASSERT_EQ(link.status, LinkStatus::kOk);
  EXPECT_EQ(link.protocol, NetworkProtocol::kIpv4);
  EXPECT_EQ(link.network.size(), ip.size());
}

TEST(LinkLayer, ReportsNonIpAndTruncatedFrames) {
  std::vector<uint8_t> arp = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x06, 0, 1};
  EXPECT_EQ(decode_link_layer(DLT_EN10MB, arp).status, LinkStatus::kNotIp);
  EXPECT_EQ(decode_link_layer(DLT_EN10MB, std::span(arp).first(13)).status, LinkStatus::kTruncated);
  const std::vector<uint8_t> vlan_cut = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x81, 0x00, 0};
  EXPECT_EQ(decode_link_layer(DLT_EN10MB, vlan_cut).status, LinkStatus::kTruncated);
  EXPECT_EQ(decode_link_layer(DLT_LINUX_SLL2, std::span(arp).first(10)).status,
            LinkStatus::kTruncated);
  const std::vector<uint8_t> null_unknown_family = {99, 0, 0, 0, 0x45};
  EXPECT_EQ(decode_link_layer(DLT_NULL, null_unknown_family).status, LinkStatus::kNotIp);
  const std::vector<uint8_t> raw_not_ip = {0x25, 0, 0};
  EXPECT_EQ(decode_link_layer(DLT_RAW, raw_not_ip).status, LinkStatus::kNotIp);
  EXPECT_EQ(decode_link_layer(DLT_IEEE802_11, arp).status, LinkStatus::kNotIp);
}

TEST(LinkLayer, NamesSupportedTypesForErrorMessages) {
  EXPECT_EQ(link_type_name(DLT_EN10MB), "EN10MB");
  EXPECT_EQ(link_type_name(DLT_LINUX_SLL2), "LINUX_SLL2");
  EXPECT_FALSE(is_supported_link_type(DLT_IEEE802_11));
  EXPECT_NE(supported_link_type_names().find("LINUX_SLL2"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::harness
