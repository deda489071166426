#include "sip/transport/transport_fake.h"

#include <gtest/gtest.h>

#include "sip/transport/transport_error.h"
#include "sip/transport/transport_test_support.h"

namespace sipconf::sip {
namespace {

TEST(FakeTransport, RecordsSendsAndCountsThem) {
  testing::RecordingSink sink;
  FakeTransport transport(sink, {{"127.0.0.10", 5060, Transport::udp}});
  std::error_code ec;
  Endpoint to{"127.0.0.11", 5068, Transport::tcp};
  SendId id = transport.send(to, "INVITE", SendOptions{7, "", ""}, ec);
  EXPECT_FALSE(ec);
  ASSERT_EQ(transport.sent().size(), 1u);
  EXPECT_EQ(transport.sent()[0].id, id);
  EXPECT_EQ(transport.sent()[0].to, to);
  EXPECT_EQ(transport.sent()[0].bytes, "INVITE");
  EXPECT_EQ(transport.sent()[0].options.connection, 7u);
  EXPECT_EQ(transport.counters().tcp.messages_out, 1u);
  EXPECT_EQ(transport.counters().tcp.bytes_out, 6u);
  EXPECT_EQ(transport.local_endpoints().size(), 1u);
}

TEST(FakeTransport, ImmediateFailureIsReturnedOnce) {
  testing::RecordingSink sink;
  FakeTransport transport(sink);
  transport.fail_next_send(TransportError::connection_limit);
  std::error_code ec;
  EXPECT_EQ(transport.send({"127.0.0.11", 5068, Transport::tcp}, "x", {}, ec), 0u);
  EXPECT_EQ(ec, TransportError::connection_limit);
  EXPECT_TRUE(transport.sent().empty());
  transport.send({"127.0.0.11", 5068, Transport::tcp}, "x", {}, ec);
  EXPECT_FALSE(ec);
}

TEST(FakeTransport, DeliversMessagesAndLaterFailuresToTheSink) {
  testing::RecordingSink sink;
  FakeTransport transport(sink);
  transport.deliver(InboundMessage{"OPTIONS", {}, {"127.0.0.12", 1, Transport::udp}, 0, {}, {}});
  ASSERT_EQ(sink.messages.size(), 1u);
  EXPECT_EQ(sink.messages[0].bytes, "OPTIONS");
  EXPECT_EQ(transport.counters().udp.messages_in, 1u);

  std::error_code ec;
  Endpoint to{"127.0.0.13", 5067, Transport::tls};
  SendId id = transport.send(to, "INVITE", {}, ec);
  transport.fail(id, TransportError::tls_handshake_failed);
  ASSERT_EQ(sink.failures.size(), 1u);
  EXPECT_EQ(sink.failures[0].send, id);
  EXPECT_EQ(sink.failures[0].to, to);
  EXPECT_EQ(sink.failures[0].error, TransportError::tls_handshake_failed);
}

TEST(FakeTransport, RecordsAliasesAndCloses) {
  testing::RecordingSink sink;
  FakeTransport transport(sink);
  transport.add_alias(3, {"127.0.0.14", 5060, Transport::tcp});
  transport.close(3);
  ASSERT_EQ(transport.aliases().size(), 1u);
  EXPECT_EQ(transport.aliases()[0].first, 3u);
  EXPECT_EQ(transport.closed(), std::vector<ConnectionId>{3});
}

TEST(Transport, NamesAndEndpoints) {
  EXPECT_EQ(to_string(Transport::tls), "TLS");
  EXPECT_EQ(transport_from_string("tcp"), Transport::tcp);
  EXPECT_EQ(transport_from_string("Udp"), Transport::udp);
  EXPECT_EQ(transport_from_string("sctp"), std::nullopt);
  EXPECT_EQ(to_string(Endpoint{"127.0.0.1", 5060, Transport::udp}), "udp:127.0.0.1:5060");
  EXPECT_EQ(to_string(Endpoint{"::1", 5061, Transport::tls}), "tls:[::1]:5061");
  EXPECT_TRUE(is_stream(Transport::tcp));
  EXPECT_FALSE(is_stream(Transport::udp));
  EndpointHash hash;
  EXPECT_NE(hash({"127.0.0.1", 5060, Transport::udp}), hash({"127.0.0.1", 5060, Transport::tcp}));
  EXPECT_EQ(make_error_code(TransportError::connect_timeout).category().name(),
            std::string("sipconf.transport"));
}

}  // namespace
}  // namespace sipconf::sip
