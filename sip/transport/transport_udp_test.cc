#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include <boost/asio/ip/udp.hpp>

#include "sip/transport/transport_asio.h"
#include "sip/transport/transport_error.h"
#include "sip/transport/transport_test_support.h"
#include "sip/transport/udp_socket.h"

namespace sipconf::sip {
namespace {

namespace asio = boost::asio;
using testing::random_loopback;
using testing::RecordingSink;
using testing::run_until;

TransportConfig udp_config(const std::string& address) {
  TransportConfig config;
  config.listeners.push_back({Endpoint{address, 0, Transport::udp}, std::nullopt});
  return config;
}

class UdpTransport : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(a.start());
    ASSERT_FALSE(b.start());
    ASSERT_EQ(a.local_endpoints().size(), 1u);
    a_end = a.local_endpoints()[0];
    b_end = b.local_endpoints()[0];
    ASSERT_NE(b_end.port, 0);
  }

  asio::io_context io;
  RecordingSink a_sink, b_sink;
  std::string a_ip = random_loopback();
  std::string b_ip = random_loopback();
  AsioTransport a{io, udp_config(a_ip), a_sink};
  AsioTransport b{io, udp_config(b_ip), b_sink};
  Endpoint a_end, b_end;
};

TEST_F(UdpTransport, DatagramArrivesWithBothAddresses) {
  std::error_code ec;
  std::string request = testing::sip_request("udp-1");
  SendId id = a.send(b_end, request, {}, ec);
  ASSERT_FALSE(ec) << ec.message();
  EXPECT_NE(id, 0u);
  ASSERT_TRUE(run_until(io, [&] { return !b_sink.messages.empty(); }));
  const InboundMessage& m = b_sink.messages[0];
  EXPECT_EQ(m.bytes, request);
  EXPECT_EQ(m.local, b_end);
  // Sent from A's listening socket, so the Via sent-by port receives the response.
  EXPECT_EQ(m.remote, a_end);
  EXPECT_EQ(m.connection, 0u);
  EXPECT_EQ(m.tls_peer, nullptr);
  EXPECT_EQ(a.counters().udp.messages_out, 1u);
  EXPECT_EQ(a.counters().udp.bytes_out, request.size());
  EXPECT_EQ(b.counters().udp.messages_in, 1u);
  EXPECT_EQ(b.counters().udp.bytes_in, request.size());

  // And the answer goes back to where the request came from.
  b.send(m.remote, "SIP/2.0 200 OK\r\n\r\n", {}, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return !a_sink.messages.empty(); }));
  EXPECT_EQ(a_sink.messages[0].bytes, "SIP/2.0 200 OK\r\n\r\n");
  EXPECT_EQ(a_sink.messages[0].remote, b_end);
}

TEST_F(UdpTransport, ABurstOfManyBatchesArrivesCompleteAndInOrder) {
  // Sent in one go, these leave in several sendmmsg batches and arrive in several recvmmsg
  // batches and event-loop turns.
  constexpr std::size_t kBurst = 5 * UdpSocket::kReadsPerTurn + 3;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < kBurst; ++i) {
    std::error_code ec;
    const std::string request = testing::sip_request("burst-" + std::to_string(i));
    bytes += request.size();
    ASSERT_NE(a.send(b_end, request, {}, ec), 0u) << ec.message();
  }
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == kBurst; }))
      << b_sink.messages.size() << " of " << kBurst;
  for (std::size_t i = 0; i < kBurst; ++i) {
    EXPECT_EQ(b_sink.messages[i].bytes, testing::sip_request("burst-" + std::to_string(i)));
    EXPECT_EQ(b_sink.messages[i].remote, a_end);
  }
  EXPECT_EQ(a.counters().udp.messages_out, kBurst);
  EXPECT_EQ(a.counters().udp.bytes_out, bytes);
  EXPECT_EQ(b.counters().udp.messages_in, kBurst);
}

TEST_F(UdpTransport, ADatagramTheKernelRefusesIsReportedAndTheRestOfTheBatchLeaves) {
  std::error_code ec;
  a.send(b_end, testing::sip_request("before"), {}, ec);
  ASSERT_FALSE(ec);
  // Port 0 passes our checks; the kernel refuses it (EINVAL) inside the batch.
  const SendId refused = a.send(Endpoint{b_ip, 0, Transport::udp}, "x", {}, ec);
  ASSERT_FALSE(ec);
  a.send(b_end, testing::sip_request("after"), {}, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(
      run_until(io, [&] { return b_sink.messages.size() == 2 && !a_sink.failures.empty(); }));
  EXPECT_EQ(b_sink.messages[0].bytes, testing::sip_request("before"));
  EXPECT_EQ(b_sink.messages[1].bytes, testing::sip_request("after"));
  ASSERT_EQ(a_sink.failures.size(), 1u);
  EXPECT_EQ(a_sink.failures[0].send, refused);
  EXPECT_EQ(a_sink.failures[0].to, (Endpoint{b_ip, 0, Transport::udp}));
  EXPECT_EQ(a.counters().send_failures, 1u);
  EXPECT_EQ(a.counters().udp.messages_out, 2u);
}

TEST_F(UdpTransport, CrlfDatagramIsAKeepaliveNotAMessage) {
  asio::ip::udp::socket raw(io, asio::ip::udp::endpoint(asio::ip::make_address(a_ip), 0));
  asio::ip::udp::endpoint to(asio::ip::make_address(b_end.address), b_end.port);
  raw.send_to(asio::buffer(std::string("\r\n\r\n")), to);
  raw.send_to(asio::buffer(testing::sip_request("after-ping")), to);
  ASSERT_TRUE(run_until(io, [&] { return !b_sink.messages.empty(); }));
  EXPECT_EQ(b.counters().keepalives_in, 1u);
  EXPECT_EQ(b.counters().udp.messages_in, 1u);
  EXPECT_EQ(b_sink.messages.size(), 1u);
}

TEST_F(UdpTransport, ImmediateErrors) {
  std::error_code ec;
  EXPECT_EQ(a.send(b_end, std::string(kMaxDatagram + 1, 'x'), {}, ec), 0u);
  EXPECT_EQ(ec, TransportError::message_too_large);
  a.send(Endpoint{"gateway.example", 5060, Transport::udp}, "x", {}, ec);
  EXPECT_EQ(ec, TransportError::invalid_address);
  a.send(Endpoint{"::1", 5060, Transport::udp}, "x", {}, ec);
  EXPECT_EQ(ec, TransportError::no_listener);  // no IPv6 socket to send from
  SendOptions from_elsewhere;
  from_elsewhere.local_address = "127.0.0.254";
  a.send(b_end, "x", from_elsewhere, ec);
  EXPECT_EQ(ec, TransportError::no_listener);
  a.stop();
  a.send(b_end, "x", {}, ec);
  EXPECT_EQ(ec, TransportError::stopped);
  run_until(
      io, [] { return false; }, std::chrono::milliseconds(20));
  EXPECT_TRUE(b_sink.messages.empty());
  EXPECT_TRUE(a_sink.failures.empty());
}

TEST(UdpTransportStart, PortInUseIsReportedWithTheListener) {
  asio::io_context io;
  RecordingSink sink;
  std::string ip = random_loopback();
  AsioTransport first(io, udp_config(ip), sink);
  ASSERT_FALSE(first.start());
  TransportConfig clash = udp_config(ip);
  clash.listeners[0].local.port = first.local_endpoints()[0].port;
  AsioTransport second(io, clash, sink);
  std::string detail;
  std::error_code ec = second.start(&detail);
  EXPECT_EQ(ec, std::errc::address_in_use);
  EXPECT_NE(detail.find("listener udp:" + ip), std::string::npos) << detail;
  EXPECT_TRUE(second.local_endpoints().empty());
}

/// Records nothing: UdpSocket's own options are under test.
class IgnoringUdpOwner final : public UdpOwner {
 public:
  void on_datagram(UdpSocket&, const asio::ip::udp::endpoint&, std::string&&) override {}
  void on_datagram_sent(UdpSocket&, std::size_t) override {}
  void on_datagram_failed(UdpSocket&, SendId, const asio::ip::udp::endpoint&,
                          std::error_code) override {}
};

std::size_t rmem_max() {
  std::ifstream in("/proc/sys/net/core/rmem_max");
  std::size_t value = 0;
  in >> value;
  return value;
}

TEST(UdpSocketOptions, TheReceiveBufferIsEnlargedUpToTheKernelCap) {
  const std::size_t cap = rmem_max();
  ASSERT_GT(cap, 0u);
  asio::io_context io;
  IgnoringUdpOwner owner;
  constexpr std::size_t kAsked = 1024 * 1024;
  auto socket = std::make_shared<UdpSocket>(io, owner, kAsked);
  ASSERT_FALSE(socket->open(asio::ip::udp::endpoint(asio::ip::make_address(random_loopback()), 0)));
  // The kernel caps the request at rmem_max (and doubles it for its bookkeeping, which Asio
  // takes back out when it reads the option).
  EXPECT_EQ(socket->receive_buffer(), std::min(kAsked, cap));
  socket->detach();
}

TEST(UdpTransportStart, BadListenerAddress) {
  asio::io_context io;
  RecordingSink sink;
  AsioTransport t(io, udp_config("not-an-ip"), sink);
  std::string detail;
  EXPECT_EQ(t.start(&detail), TransportError::invalid_address);
  EXPECT_NE(detail.find("not-an-ip"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::sip
