#include "harness/capture/ip_endpoint.h"

#include <unordered_set>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(IpAddress, ParsesAndFormatsBothFamilies) {
  const auto v4 = IpAddress::parse("192.168.105.172");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->family, IpFamily::kV4);
  EXPECT_EQ(v4->size(), 4u);
  EXPECT_EQ(v4->bytes[0], 192);
  EXPECT_EQ(v4->bytes[3], 172);
  EXPECT_EQ(v4->to_string(), "192.168.105.172");

  const auto v6 = IpAddress::parse("2001:db8::1");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->family, IpFamily::kV6);
  EXPECT_EQ(v6->bytes[0], 0x20);
  EXPECT_EQ(v6->bytes[15], 1);
  EXPECT_EQ(v6->to_string(), "2001:db8::1");
}

TEST(IpAddress, RejectsWhatIsNotAnAddress) {
  EXPECT_FALSE(IpAddress::parse(""));
  EXPECT_FALSE(IpAddress::parse("256.1.1.1"));
  EXPECT_FALSE(IpAddress::parse("[::1]"));
  EXPECT_FALSE(IpAddress::parse("example.com"));
  EXPECT_FALSE(IpAddress::parse(std::string(100, '1')));
}

TEST(Endpoint, FormatsIpv6WithBrackets) {
  EXPECT_EQ(Endpoint::parse("10.0.2.15:5060")->to_string(), "10.0.2.15:5060");
  EXPECT_EQ(Endpoint::parse("[::1]:5061")->to_string(), "[::1]:5061");
  EXPECT_EQ(Endpoint::parse("[::1]:5061")->port, 5061);
}

TEST(Endpoint, RejectsMalformedText) {
  EXPECT_FALSE(Endpoint::parse("10.0.2.15"));
  EXPECT_FALSE(Endpoint::parse("10.0.2.15:"));
  EXPECT_FALSE(Endpoint::parse("10.0.2.15:65536"));
  EXPECT_FALSE(Endpoint::parse("10.0.2.15:50x"));
  EXPECT_FALSE(Endpoint::parse("::1:5060"));  // IPv6 needs brackets
  EXPECT_FALSE(Endpoint::parse("[::1]5060"));
}

TEST(Endpoint, OrdersAndHashesByValue) {
  const Endpoint a = *Endpoint::parse("10.0.0.1:5060");
  const Endpoint b = *Endpoint::parse("10.0.0.1:5061");
  const Endpoint c = *Endpoint::parse("10.0.0.2:1");
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(a, *Endpoint::parse("10.0.0.1:5060"));
  std::unordered_set<Endpoint, EndpointHash> set = {a, b, c, a};
  EXPECT_EQ(set.size(), 3u);
  EXPECT_NE(EndpointHash{}(a), EndpointHash{}(b));
}

}  // namespace
}  // namespace sipconf::harness
