#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/transport_asio.h"
#include "sip/transport/transport_error.h"
#include "sip/transport/transport_test_support.h"

namespace sipconf::sip {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;
using testing::random_loopback;
using testing::RecordingSink;
using testing::run_for;
using testing::run_until;
using testing::sip_request;

TransportConfig tcp_config(const std::string& address) {
  TransportConfig config;
  config.listeners.push_back({Endpoint{address, 0, Transport::tcp}, std::nullopt});
  return config;
}

/// Two TCP transports on their own loopback addresses.
class TcpTransport : public ::testing::Test {
 protected:
  void start(TransportConfig a_config, TransportConfig b_config) {
    a = std::make_unique<AsioTransport>(io, std::move(a_config), a_sink);
    b = std::make_unique<AsioTransport>(io, std::move(b_config), b_sink);
    ASSERT_FALSE(a->start());
    ASSERT_FALSE(b->start());
    a_end = a->local_endpoints().at(0);
    b_end = b->local_endpoints().at(0);
  }
  void SetUp() override { start(tcp_config(a_ip), tcp_config(b_ip)); }

  /// A plain socket connected to B from A's address, for byte-level control.
  tcp::socket raw_client() {
    tcp::socket s(io);
    s.open(tcp::v4());
    s.bind(tcp::endpoint(asio::ip::make_address(a_ip), 0));
    s.connect(tcp::endpoint(asio::ip::make_address(b_end.address), b_end.port));
    s.set_option(tcp::no_delay(true));
    return s;
  }

  /// True once the peer has closed `s` (a read returns EOF or reset).
  bool closed_by_peer(tcp::socket& s) {
    bool closed = false;
    char byte;
    s.async_read_some(asio::buffer(&byte, 1),
                      [&](const boost::system::error_code& ec, std::size_t) { closed = bool(ec); });
    run_until(io, [&] { return closed; });
    return closed;
  }

  asio::io_context io;
  RecordingSink a_sink, b_sink;
  std::string a_ip = random_loopback();
  std::string b_ip = random_loopback();
  std::unique_ptr<AsioTransport> a, b;
  Endpoint a_end, b_end;
};

TEST_F(TcpTransport, MessagesSplitInOddChunksAndSharedSegmentsArriveWhole) {
  tcp::socket s = raw_client();
  std::string one = sip_request("chunked", 333);
  // One message cut every 7 bytes, each piece delivered before the next is written.
  for (std::size_t at = 0; at < one.size(); at += 7) {
    asio::write(s, asio::buffer(one.substr(at, 7)));
    run_for(io, milliseconds(1));
  }
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  EXPECT_EQ(b_sink.messages[0].bytes, one);
  // Three messages in one write, the last one split across two writes.
  std::string two = sip_request("second"), three = sip_request("third", 10),
              four = sip_request("fourth", 1);
  std::string batch = two + three + four.substr(0, 20);
  asio::write(s, asio::buffer(batch));
  run_for(io, milliseconds(5));
  asio::write(s, asio::buffer(four.substr(20)));
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 4; }));
  EXPECT_EQ(b_sink.messages[1].bytes, two);
  EXPECT_EQ(b_sink.messages[2].bytes, three);
  EXPECT_EQ(b_sink.messages[3].bytes, four);
  ConnectionId id = b_sink.messages[0].connection;
  EXPECT_NE(id, 0u);
  for (const auto& m : b_sink.messages) EXPECT_EQ(m.connection, id);
  EXPECT_EQ(b_sink.messages[0].remote.address, a_ip);
  EXPECT_EQ(b_sink.messages[0].remote.transport, Transport::tcp);
  EXPECT_EQ(b_sink.messages[0].local, b_end);
  EXPECT_EQ(b->counters().tcp.messages_in, 4u);
  EXPECT_EQ(b->counters().tcp.bytes_in, one.size() + batch.size() + four.size() - 20);
  EXPECT_EQ(b->counters().connections_accepted, 1u);
}

TEST_F(TcpTransport, ResponseGoesBackOverTheRequestsConnection) {
  std::error_code ec;
  std::string request = sip_request("req");
  a->send(b_end, request, {}, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  const InboundMessage& in = b_sink.messages[0];
  EXPECT_EQ(in.remote.address, a_ip);  // bound to A's own loopback address
  SendOptions reply_on;
  reply_on.connection = in.connection;
  b->send(in.remote, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", reply_on, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 1; }));
  EXPECT_EQ(a_sink.messages[0].bytes, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(a_sink.messages[0].remote, b_end);
  EXPECT_EQ(b->counters().connections_opened, 0u);
  EXPECT_EQ(a->counters().connections_opened, 1u);
  EXPECT_EQ(a->connections().size(), 1u);
  EXPECT_EQ(b->connections().size(), 1u);
  EXPECT_TRUE(b->connections()[0].inbound);
  EXPECT_FALSE(a->connections()[0].inbound);
  EXPECT_EQ(a->counters().tcp.messages_out, 1u);
  EXPECT_EQ(b->counters().tcp.messages_out, 1u);
}

TEST_F(TcpTransport, RequestsReuseAnOpenConnectionIncludingOneThePeerOpened) {
  std::error_code ec;
  for (int i = 0; i < 3; ++i) a->send(b_end, sip_request("r" + std::to_string(i)), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 3; }));
  EXPECT_EQ(b->counters().connections_accepted, 1u);
  EXPECT_EQ(b_sink.messages[0].bytes, sip_request("r0"));  // queued in order while connecting
  EXPECT_EQ(b_sink.messages[2].bytes, sip_request("r2"));

  // B sends a request of its own to the address A connected from: the same connection.
  b->send(b_sink.messages[0].remote, sip_request("from-b"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 1; }));
  EXPECT_EQ(b->counters().connections_opened, 0u);

  // To A's listener it would open a new connection, unless A's sent-by is an alias.
  b->add_alias(b_sink.messages[0].connection, a_end);
  b->send(a_end, sip_request("to-alias"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 2; }));
  EXPECT_EQ(b->counters().connections_opened, 0u);
  EXPECT_EQ(a->counters().connections_accepted, 0u);
  EXPECT_EQ(a_sink.messages[1].connection, a_sink.messages[0].connection);
}

TEST_F(TcpTransport, WithoutAliasTheListenerGetsANewConnection) {
  std::error_code ec;
  a->send(b_end, sip_request("r"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  b->send(a_end, sip_request("to-listener"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 1; }));
  EXPECT_EQ(b->counters().connections_opened, 1u);
  EXPECT_EQ(a->counters().connections_accepted, 1u);
}

TEST_F(TcpTransport, ResponseToAClosedConnectionFallsBackToANewOne) {
  std::error_code ec;
  a->send(b_end, sip_request("r"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  ConnectionId gone = b_sink.messages[0].connection;
  b->close(gone);
  ASSERT_TRUE(run_until(io, [&] { return !a_sink.closures.empty(); }));
  SendOptions on_gone;
  on_gone.connection = gone;
  b->send(a_end, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", on_gone, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 1; }));
  EXPECT_EQ(b->counters().connections_opened, 1u);
  EXPECT_EQ(a_sink.closures[0].reason, std::error_code());  // orderly close seen by A
}

TEST_F(TcpTransport, LargeMessageSurvivesPartialReadsAndWrites) {
  std::error_code ec;
  std::string big = sip_request("big", 300 * 1024);
  a->send(b_end, big, {}, ec);
  a->send(b_end, sip_request("after-big"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 2; }));
  EXPECT_EQ(b_sink.messages[0].bytes, big);
  EXPECT_EQ(b_sink.messages[1].bytes, sip_request("after-big"));
}

TEST_F(TcpTransport, FramingErrorClosesTheConnectionAndIsCounted) {
  tcp::socket s = raw_client();
  asio::write(s, asio::buffer(sip_request("good")));
  // No Content-Length on a stream: the message cannot be delimited (RFC 3261 §18.3).
  asio::write(s,
              asio::buffer(std::string("OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nCall-ID: n\r\n\r\n")));
  EXPECT_TRUE(closed_by_peer(s));
  EXPECT_EQ(b_sink.messages.size(), 1u);
  EXPECT_EQ(b->counters().framing_errors, 1u);
  EXPECT_EQ(b->counters().connections_closed, 1u);
  ASSERT_EQ(b_sink.closures.size(), 1u);
  EXPECT_EQ(b_sink.closures[0].reason, TransportError::framing_error);
  EXPECT_TRUE(b->connections().empty());
}

TEST_F(TcpTransport, OversizedHeaderIsAFramingError) {
  TransportConfig small = tcp_config(b_ip);
  small.limits.framer.max_header_bytes = 512;
  start(tcp_config(a_ip), small);
  tcp::socket s = raw_client();
  asio::write(s, asio::buffer("OPTIONS sip:x SIP/2.0\r\nX-Filler: " + std::string(1000, 'f')));
  EXPECT_TRUE(closed_by_peer(s));
  EXPECT_EQ(b->counters().framing_errors, 1u);
}

TEST_F(TcpTransport, DoubleCrlfPingIsAnsweredWithCrlf) {
  tcp::socket s = raw_client();
  asio::write(s, asio::buffer(std::string("\r\n\r\n")));
  std::string pong(2, '\0');
  bool done = false;
  asio::async_read(s, asio::buffer(pong),
                   [&](const boost::system::error_code&, std::size_t) { done = true; });
  ASSERT_TRUE(run_until(io, [&] { return done; }));
  EXPECT_EQ(pong, "\r\n");
  EXPECT_EQ(b->counters().keepalives_in, 1u);
  EXPECT_TRUE(b_sink.messages.empty());
}

TEST_F(TcpTransport, IdleConnectionsAreClosed) {
  TransportConfig idle = tcp_config(b_ip);
  idle.limits.idle_timeout = milliseconds(100);
  start(tcp_config(a_ip), idle);
  std::error_code ec;
  a->send(b_end, sip_request("then-silence"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  ASSERT_TRUE(run_until(
      io, [&] { return !a_sink.closures.empty(); }, milliseconds(2000)));
  EXPECT_EQ(b->counters().idle_closed, 1u);
  EXPECT_TRUE(b->connections().empty());
  EXPECT_TRUE(a->connections().empty());
  ASSERT_EQ(b_sink.closures.size(), 1u);
  EXPECT_EQ(b_sink.closures[0].reason, TransportError::idle_timeout);
  // The next request opens a fresh connection.
  a->send(b_end, sip_request("again"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 2; }));
  EXPECT_EQ(a->counters().connections_opened, 2u);
}

TEST_F(TcpTransport, ActiveConnectionsAreNotIdle) {
  TransportConfig idle = tcp_config(b_ip);
  idle.limits.idle_timeout = milliseconds(150);
  start(tcp_config(a_ip), idle);
  std::error_code ec;
  for (int i = 0; i < 8; ++i) {
    a->send(b_end, sip_request("tick" + std::to_string(i)), {}, ec);
    run_for(io, milliseconds(50));
  }
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 8; }));
  EXPECT_EQ(b->counters().idle_closed, 0u);
  EXPECT_EQ(b->counters().connections_accepted, 1u);
}

TEST_F(TcpTransport, PerPeerCapRefusesExtraConnectionsFromOneAddress) {
  TransportConfig capped = tcp_config(b_ip);
  capped.limits.max_connections_per_ip = 2;
  start(tcp_config(a_ip), capped);
  tcp::socket first = raw_client();
  tcp::socket second = raw_client();
  run_until(io, [&] { return b->connections().size() == 2; });
  tcp::socket third = raw_client();
  EXPECT_TRUE(closed_by_peer(third));
  EXPECT_EQ(b->counters().connections_refused, 1u);
  EXPECT_EQ(b->connection_count(), 2u);
  // The first two still work.
  asio::write(second, asio::buffer(sip_request("still-fine")));
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  // Another address is not affected by A's count.
  tcp::socket other(io);
  other.open(tcp::v4());
  other.bind(tcp::endpoint(asio::ip::make_address("127.0.0.9"), 0));  // outside 10..250
  other.connect(tcp::endpoint(asio::ip::make_address(b_end.address), b_end.port));
  EXPECT_TRUE(run_until(io, [&] { return b->connections().size() == 3; }));
}

TEST_F(TcpTransport, TotalConnectionLimitRefusesNewOutboundConnections) {
  TransportConfig one = tcp_config(a_ip);
  one.limits.max_connections = 1;
  start(one, tcp_config(b_ip));
  std::error_code ec;
  a->send(b_end, sip_request("first"), {}, ec);
  ASSERT_FALSE(ec);
  a->send(Endpoint{b_ip, static_cast<std::uint16_t>(b_end.port == 65535 ? 1 : b_end.port + 1),
                   Transport::tcp},
          sip_request("second"), {}, ec);
  EXPECT_EQ(ec, TransportError::connection_limit);
  a->send(b_end, sip_request("reuse"), {}, ec);  // the existing one still takes messages
  EXPECT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 2; }));
}

TEST_F(TcpTransport, ConnectRefusedIsReportedForEveryQueuedSend) {
  // A port nobody listens on: bind one, note it, close it.
  tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address(b_ip), 0));
  Endpoint dead{b_ip, probe.local_endpoint().port(), Transport::tcp};
  probe.close();
  std::error_code ec;
  SendId first = a->send(dead, sip_request("x1"), {}, ec);
  ASSERT_FALSE(ec);
  SendId second = a->send(dead, sip_request("x2"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.failures.size() == 2; }));
  EXPECT_EQ(a_sink.failures[0].send, first);
  EXPECT_EQ(a_sink.failures[1].send, second);
  EXPECT_EQ(a_sink.failures[0].to, dead);
  EXPECT_EQ(a_sink.failures[0].error, std::errc::connection_refused);
  EXPECT_EQ(a->counters().connect_failures, 1u);
  EXPECT_EQ(a->counters().send_failures, 2u);
  EXPECT_TRUE(a_sink.closures.empty());  // never established: no closure event
  EXPECT_TRUE(a->connections().empty());
}

TEST_F(TcpTransport, SendQueueLimitIsImmediate) {
  TransportConfig tight = tcp_config(a_ip);
  tight.limits.max_queued_bytes = 1000;
  start(tight, tcp_config(b_ip));
  std::error_code ec;
  a->send(b_end, sip_request("fits", 100), {}, ec);
  ASSERT_FALSE(ec);
  a->send(b_end, sip_request("too-much", 900), {}, ec);  // still connecting: queue holds both
  EXPECT_EQ(ec, TransportError::send_queue_full);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
}

TEST_F(TcpTransport, StopSilencesEverything) {
  std::error_code ec;
  a->send(b_end, sip_request("x"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  b->stop();
  run_for(io, milliseconds(50));
  EXPECT_TRUE(b_sink.closures.empty());
  EXPECT_EQ(a_sink.closures.size(), 1u);  // A sees B go away
  b->send(a_end, "x", {}, ec);
  EXPECT_EQ(ec, TransportError::stopped);
}

TEST_F(TcpTransport, StopFromInsideACallbackIsSafe) {
  std::error_code ec;
  b_sink.on_message_hook = [&](const InboundMessage&) { b->stop(); };
  a->send(b_end, sip_request("one") + sip_request("two"), {}, ec);
  run_for(io, milliseconds(50));
  EXPECT_EQ(b_sink.messages.size(), 1u);
}

}  // namespace
}  // namespace sipconf::sip
