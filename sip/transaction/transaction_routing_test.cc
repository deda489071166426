#include "sip/transaction/transaction_routing.h"

#include <gtest/gtest.h>

#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_test_support.h"

namespace sipconf::sip {
namespace {

using transaction_testing::parse_or_die;

Message with_via(std::string_view via) {
  return parse_or_die(
      "OPTIONS sip:b@127.0.0.40 SIP/2.0\r\nVia: " + std::string(via) +
      "\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n"
      "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
}

Arrival arrival_from(std::string address, std::uint16_t port, Transport t = Transport::udp,
                     ConnectionId connection = 0) {
  Arrival a;
  a.remote = Endpoint{std::move(address), port, t};
  a.local = Endpoint{"127.0.0.40", 5060, t};
  a.connection = connection;
  return a;
}

TEST(StampTopVia, NothingToAddWhenSentByIsTheSource) {
  Message m = with_via("SIP/2.0/UDP 127.0.0.41:5062;branch=z9hG4bK1");
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 5062, Transport::udp}));
  EXPECT_EQ(*m.header(HeaderId::via), "SIP/2.0/UDP 127.0.0.41:5062;branch=z9hG4bK1");
}

TEST(StampTopVia, ReceivedWhenTheHostDiffersOrIsAName) {
  Message m = with_via("SIP/2.0/UDP pbx.example.com;branch=z9hG4bK1");
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 5099, Transport::udp}));
  auto via = top_via(m);
  EXPECT_EQ(via->received(), "127.0.0.41");
  EXPECT_FALSE(via->has_rport());
}

TEST(StampTopVia, BareRportGetsTheSourcePortAndReceivedAlways) {
  Message m = with_via(
      "SIP/2.0/UDP 127.0.0.41:5062;rport;branch=z9hG4bK1, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK0");
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 40000, Transport::udp}));
  auto all = vias(m);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].rport(), 40000);
  EXPECT_EQ((*all)[0].received(), "127.0.0.41");
  EXPECT_EQ((*all)[1].host(), "10.0.0.1");  // the rest of the line is untouched
  EXPECT_FALSE((*all)[1].received());
}

TEST(StampTopVia, AReceivedAlreadyThereIsWrittenBackInNormalForm) {
  Message m = with_via("SIP/2.0/UDP 127.0.0.41:5062 ; branch=z9hG4bK1 ; received=127.0.0.41");
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 5062, Transport::udp}));
  EXPECT_EQ(*m.header(HeaderId::via),
            "SIP/2.0/UDP 127.0.0.41:5062;branch=z9hG4bK1;received=127.0.0.41");
}

TEST(StampTopVia, TheMessageKeepsTheStampedViaAndStampingTwiceChangesNothing) {
  Message m = with_via("SIP/2.0/UDP pbx.example.com;rport;branch=z9hG4bK1");
  ASSERT_FALSE(top_via(m)->received());
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 40000, Transport::udp}));
  EXPECT_EQ(top_via(m)->received(), "127.0.0.41");
  EXPECT_EQ(top_via(m)->rport(), 40000);
  const std::string once(*m.header(HeaderId::via));
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"127.0.0.41", 40000, Transport::udp}));
  EXPECT_EQ(*m.header(HeaderId::via), once);
}

TEST(StampTopVia, AMalformedValueLaterOnTheLineIsStillAnError) {
  Message m = with_via("SIP/2.0/UDP pbx.example.com;branch=z9hG4bK1");
  m.set_header(HeaderId::via, "SIP/2.0/UDP pbx.example.com;branch=z9hG4bK1, nonsense");
  EXPECT_TRUE(top_via(m));
  EXPECT_TRUE(stamp_top_via(m, Endpoint{"127.0.0.41", 5060, Transport::udp}));
}

TEST(StampTopVia, Ipv6SentByMatchesTheSourceWithoutBrackets) {
  Message m = with_via("SIP/2.0/UDP [::1]:5062;branch=z9hG4bK1");
  EXPECT_FALSE(stamp_top_via(m, Endpoint{"::1", 5062, Transport::udp}));
  EXPECT_FALSE(top_via(m)->received());
}

TEST(ResponseDestination, UdpGoesToSourceAddressAndSentByPort) {
  auto via = Via::parse("SIP/2.0/UDP pbx.example.com:5070;branch=z9hG4bK1;received=127.0.0.41");
  Destination d = response_destination(*via, arrival_from("127.0.0.41", 40000));
  EXPECT_EQ(d.endpoint, (Endpoint{"127.0.0.41", 5070, Transport::udp}));
  EXPECT_EQ(d.options.local_address, "127.0.0.40");
  auto no_port = Via::parse("SIP/2.0/UDP pbx.example.com;branch=z9hG4bK1");
  EXPECT_EQ(response_destination(*no_port, arrival_from("127.0.0.41", 40000)).endpoint.port, 5060);
}

TEST(ResponseDestination, RportSendsBackToTheSourcePort) {
  auto via = Via::parse("SIP/2.0/UDP 127.0.0.41:5062;rport=40000;received=127.0.0.41;branch=z");
  Destination d = response_destination(*via, arrival_from("127.0.0.41", 40000));
  EXPECT_EQ(d.endpoint, (Endpoint{"127.0.0.41", 40000, Transport::udp}));
}

TEST(ResponseDestination, StreamsReuseTheConnectionWithSentByAsFallback) {
  auto via = Via::parse("SIP/2.0/TLS gw.example.com;branch=z9hG4bK1");
  Destination d = response_destination(*via, arrival_from("127.0.0.41", 51000, Transport::tls, 17));
  EXPECT_EQ(d.options.connection, 17u);
  EXPECT_EQ(d.endpoint, (Endpoint{"127.0.0.41", 5061, Transport::tls}));
  EXPECT_TRUE(d.reliable());
}

TEST(ResponseDestination, MaddrWins) {
  auto via = Via::parse("SIP/2.0/UDP 127.0.0.41:5062;maddr=127.0.0.42;branch=z9hG4bK1");
  Destination d = response_destination(*via, arrival_from("127.0.0.41", 40000));
  EXPECT_EQ(d.endpoint, (Endpoint{"127.0.0.42", 5062, Transport::udp}));
}

}  // namespace
}  // namespace sipconf::sip
