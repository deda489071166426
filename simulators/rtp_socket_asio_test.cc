#include <utility>

#include "simulators/rtp_socket_asio.h"

#include <chrono>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

namespace sipconf::simulators {
namespace {

TEST(AsioRtpSocketTest, PortsAreEvenAndDistinct) {
  boost::asio::io_context io;
  AsioRtpSocketFactory factory(io);
  std::vector<std::unique_ptr<RtpSocket>> sockets;
  std::set<std::uint16_t> ports;
  for (int i = 0; i < 300; ++i) {
    std::error_code ec;
    auto socket = factory.open("127.0.0.1", ec);
    ASSERT_TRUE(socket) << ec.message();
    EXPECT_EQ(socket->port() % 2, 0) << socket->port();
    ports.insert(socket->port());
    sockets.push_back(std::move(socket));
  }
  EXPECT_EQ(ports.size(), 300u);
}

TEST(AsioRtpSocketTest, DatagramsArriveAtTheReceiver) {
  boost::asio::io_context io;
  AsioRtpSocketFactory factory(io);
  std::error_code ec;
  auto a = factory.open("127.0.0.1", ec);
  auto b = factory.open("127.0.0.1", ec);
  ASSERT_TRUE(a && b);
  std::vector<std::string> received;
  b->set_receiver(
      [&](std::string_view datagram, sip::SteadyTime) { received.emplace_back(datagram); });
  EXPECT_TRUE(a->send_to("one", "127.0.0.1", b->port()));
  EXPECT_TRUE(a->send_to("two", "127.0.0.1", b->port()));
  EXPECT_FALSE(a->send_to("x", "not an address", 5));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (received.size() < 2 && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(received, (std::vector<std::string>{"one", "two"}));
  EXPECT_FALSE(factory.open("999.0.0.1", ec));
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace sipconf::simulators
