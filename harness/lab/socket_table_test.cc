#include "harness/lab/socket_table.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

constexpr std::string_view kUdp =
    "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
    "timeout inode ref pointer drops\n"
    " 6326: 4D00007F:61E4 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        "
    "0 9542 2 000000002006bd64 0\n"
    "10154: 00000000:70D8 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        "
    "0 9192 2 00000000e8a405b5 0\n"
    "garbage line\n";

constexpr std::string_view kTcp =
    "  sl  local_address rem_address   st\n"
    "   0: 4D00007F:61E4 00000000:0000 0A 00000000:00000000\n"
    "   1: 4D00007F:61E6 4E00007F:C350 01 00000000:00000000\n";

constexpr std::string_view kTcp6 =
    "  sl  local_address                         remote_address                        st\n"
    "   0: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A\n";

TEST(SocketTable, ParsesUdpEntries) {
  const std::vector<SocketEntry> entries = parse_proc_net(kUdp, false, false);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].address, "127.0.0.77");
  EXPECT_EQ(entries[0].port, 25060);
  EXPECT_TRUE(entries[0].listening);
  EXPECT_EQ(entries[1].address, "0.0.0.0");
  EXPECT_EQ(entries[1].port, 28888);
}

TEST(SocketTable, OnlyTcpListenStateCountsAsListening) {
  const std::vector<SocketEntry> entries = parse_proc_net(kTcp, true, false);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_TRUE(entries[0].listening);
  EXPECT_EQ(entries[1].port, 25062);
  EXPECT_FALSE(entries[1].listening);
}

TEST(SocketTable, ParsesIpv6) {
  const std::vector<SocketEntry> entries = parse_proc_net(kTcp6, true, true);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].address, "::1");
  EXPECT_EQ(entries[0].port, 8080);
}

TEST(SocketTable, SeesARealUdpSocketAndItsRemoval) {
  const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.93", &address.sin_addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const std::uint16_t port = ntohs(address.sin_port);
  EXPECT_TRUE(is_listening("127.0.0.93", port, false));
  EXPECT_FALSE(is_listening("127.0.0.93", port, true));
  EXPECT_FALSE(is_listening("127.0.0.94", port, false));
  ::close(fd);
  EXPECT_FALSE(is_listening("127.0.0.93", port, false));
}

TEST(SocketTable, SeesARealTcpListenerOnlyAfterListen) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  ::inet_pton(AF_INET, "127.0.0.93", &address.sin_addr);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  const std::uint16_t port = ntohs(address.sin_port);
  EXPECT_FALSE(is_listening("127.0.0.93", port, true));
  ASSERT_EQ(::listen(fd, 4), 0);
  EXPECT_TRUE(is_listening("127.0.0.93", port, true));
  ::close(fd);
}

}  // namespace
}  // namespace sipconf::harness
