#include "sip/message/host.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(Host, Classifies) {
  EXPECT_EQ(classify_host("example.com"), HostKind::name);
  EXPECT_EQ(classify_host("example.com."), HostKind::name);
  EXPECT_EQ(classify_host("chair-dnrc.example.com"), HostKind::name);
  EXPECT_EQ(classify_host("localhost"), HostKind::name);
  EXPECT_EQ(classify_host("192.0.2.1"), HostKind::ipv4);
  EXPECT_EQ(classify_host("255.255.255.255"), HostKind::ipv4);
  EXPECT_EQ(classify_host("[2001:db8::10]"), HostKind::ipv6);
  EXPECT_EQ(classify_host("[::ffff:192.0.2.1]"), HostKind::ipv6);
}

TEST(Host, RejectsMalformed) {
  for (std::string_view bad :
       {"", "-a.com", "a-.com", "a..com", "1.2.3.4.5", "256.1.1.1", "example.123", "exa mple.com",
        "a_b.com", "[2001:db8::10", "[1:2:3:4:5:6:7:8:9]", "[1::2::3]", "[]", "2001:db8::1"}) {
    EXPECT_EQ(classify_host(bad), HostKind::none) << bad;
  }
}

TEST(Host, Ipv6Forms) {
  EXPECT_TRUE(is_ipv6_address("::"));
  EXPECT_TRUE(is_ipv6_address("::1"));
  EXPECT_TRUE(is_ipv6_address("1:2:3:4:5:6:7:8"));
  EXPECT_TRUE(is_ipv6_address("fe80::"));
  EXPECT_TRUE(is_ipv6_address("1:2:3:4:5:6:192.0.2.1"));
  EXPECT_FALSE(is_ipv6_address("1:2:3:4:5:6:7"));
  EXPECT_FALSE(is_ipv6_address("1:2:3:4:5:6:7:8:"));
  EXPECT_FALSE(is_ipv6_address(":1"));
  EXPECT_FALSE(is_ipv6_address("12345::1"));
}

TEST(Host, Ipv4Forms) {
  EXPECT_TRUE(is_ipv4_address("0.0.0.0"));
  EXPECT_FALSE(is_ipv4_address("1.2.3"));
  EXPECT_FALSE(is_ipv4_address("1.2.3.4."));
  EXPECT_FALSE(is_ipv4_address("1.2.3.1234"));
}

}  // namespace
}  // namespace sipconf::sip
