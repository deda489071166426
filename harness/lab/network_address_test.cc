#include "harness/lab/network_address.h"

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(NetworkAddress, ParsesAndPrintsIpv4AndIpv6) {
  const std::optional<NetworkAddress> v4 = NetworkAddress::parse("127.0.0.3:5070");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->ip, "127.0.0.3");
  EXPECT_EQ(v4->port, 5070);
  EXPECT_EQ(v4->to_string(), "127.0.0.3:5070");
  const std::optional<NetworkAddress> v6 = NetworkAddress::parse("[::1]:5060");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->ip, "::1");
  EXPECT_EQ(v6->to_string(), "[::1]:5060");
}

TEST(NetworkAddress, RejectsWhatIsNotIpAndPort) {
  for (const char* text : {"127.0.0.3", "127.0.0.3:", "127.0.0.3:0", "127.0.0.3:70000",
                           "pbx.example.com:5060", "::1:5060", "[::1]5060", "1.2.3.4:5x"}) {
    EXPECT_FALSE(NetworkAddress::parse(text)) << text;
  }
}

}  // namespace
}  // namespace sipconf::harness
