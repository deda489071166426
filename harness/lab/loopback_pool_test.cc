#include "harness/lab/loopback_pool.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "base/temp_tree_for_test.h"

namespace sipconf::harness {
namespace {

using namespace std::chrono_literals;

TEST(LoopbackPool, LeasesDistinctAddressesAndReusesReleasedOnes) {
  LoopbackPool pool({20, 23, {}, 0});
  std::error_code ec;
  std::optional<AddressLease> a = pool.acquire(2, 0ms, ec);
  ASSERT_TRUE(a) << ec.message();
  EXPECT_EQ(a->addresses(), (std::vector<std::string>{"127.0.0.20", "127.0.0.21"}));
  std::optional<AddressLease> b = pool.acquire(2, 0ms, ec);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->addresses(), (std::vector<std::string>{"127.0.0.22", "127.0.0.23"}));
  EXPECT_FALSE(pool.acquire(1, 10ms, ec));
  EXPECT_EQ(ec, std::errc::resource_unavailable_try_again);
  a.reset();
  std::optional<AddressLease> c = pool.acquire(2, 0ms, ec);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->addresses(), (std::vector<std::string>{"127.0.0.20", "127.0.0.21"}));
}

TEST(LoopbackPool, AWaitingCaseGetsAddressesWhenAnotherFinishes) {
  LoopbackPool pool({30, 31, {}, 0});
  std::error_code ec;
  std::optional<AddressLease> first = pool.acquire(2, 0ms, ec);
  ASSERT_TRUE(first);
  std::thread releaser([&] {
    std::this_thread::sleep_for(50ms);
    first.reset();
  });
  std::optional<AddressLease> second = pool.acquire(2, 5s, ec);
  releaser.join();
  ASSERT_TRUE(second) << ec.message();
  EXPECT_EQ(second->addresses().size(), 2u);
}

TEST(LoopbackPool, StartOffsetSpreadsRunsApart) {
  LoopbackPool pool({10, 250, {}, 100});
  std::error_code ec;
  std::optional<AddressLease> lease = pool.acquire(1, 0ms, ec);
  ASSERT_TRUE(lease);
  EXPECT_EQ(lease->addresses()[0], "127.0.0.110");
}

TEST(LoopbackPool, LockFilesKeepTwoPoolsApart) {
  base::testing::TempTree tree;
  // Two pools stand for two sipconf processes sharing the lock directory.
  LoopbackPool one({40, 42, tree.root(), 0});
  LoopbackPool two({40, 42, tree.root(), 0});
  std::error_code ec;
  std::optional<AddressLease> a = one.acquire(2, 0ms, ec);
  ASSERT_TRUE(a);
  std::optional<AddressLease> b = two.acquire(1, 0ms, ec);
  ASSERT_TRUE(b);
  EXPECT_EQ(b->addresses()[0], "127.0.0.42");
  EXPECT_FALSE(two.acquire(1, 0ms, ec));
  a.reset();
  std::optional<AddressLease> c = two.acquire(1, 0ms, ec);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->addresses()[0], "127.0.0.40");
}

TEST(LoopbackPool, RefusesImpossibleRequests) {
  LoopbackPool pool({10, 11, {}, 0});
  std::error_code ec;
  EXPECT_FALSE(pool.acquire(3, 0ms, ec));
  EXPECT_EQ(ec, std::errc::invalid_argument);
  EXPECT_FALSE(pool.acquire(0, 0ms, ec));
}

bool can_bind(const std::string& ip, std::uint16_t port, int type) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  ::inet_pton(AF_INET, ip.c_str(), &address.sin_addr);
  address.sin_port = htons(port);
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

TEST(FindFreePorts, ReturnsDistinctBindablePortsAndBlocks) {
  std::vector<std::uint16_t> ports;
  ASSERT_FALSE(find_free_ports("127.0.0.95",
                               {{PortProtocol::udp_and_tcp, 1},
                                {PortProtocol::udp, 1},
                                {PortProtocol::udp, 4},
                                {PortProtocol::tcp, 1}},
                               ports));
  ASSERT_EQ(ports.size(), 4u);
  std::set<std::uint16_t> used;
  for (std::size_t i = 0; i < ports.size(); ++i) {
    EXPECT_GE(ports[i], 20000);
    EXPECT_LE(ports[i], 32767);
  }
  for (int k = 0; k < 4; ++k) used.insert(static_cast<std::uint16_t>(ports[2] + k));
  EXPECT_EQ(used.count(ports[0]), 0u);
  EXPECT_EQ(used.count(ports[1]), 0u);
  EXPECT_NE(ports[0], ports[1]);
  // The probes are closed again: the ports can be bound now.
  EXPECT_TRUE(can_bind("127.0.0.95", ports[0], SOCK_DGRAM));
  EXPECT_TRUE(can_bind("127.0.0.95", ports[0], SOCK_STREAM));
  EXPECT_TRUE(can_bind("127.0.0.95", static_cast<std::uint16_t>(ports[2] + 3), SOCK_DGRAM));
}

TEST(FindFreePorts, RejectsABadAddress) {
  std::vector<std::uint16_t> ports;
  EXPECT_EQ(find_free_ports("not-an-ip", {{PortProtocol::udp, 1}}, ports),
            std::errc::invalid_argument);
}

}  // namespace
}  // namespace sipconf::harness
