#include "sip/transport/connection_table.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

const Endpoint kPeer{"127.0.0.20", 40000, Transport::tcp};
const Endpoint kPeerListener{"127.0.0.20", 5060, Transport::tcp};

TEST(ConnectionTable, FindsByRemoteAndTransport) {
  ConnectionTable table;
  table.insert(1, kPeer, true);
  EXPECT_EQ(table.find(kPeer), 1u);
  EXPECT_EQ(table.find(Endpoint{"127.0.0.20", 40000, Transport::tls}), std::nullopt);
  EXPECT_EQ(table.find(kPeerListener), std::nullopt);
  EXPECT_EQ(table.size(), 1u);
}

TEST(ConnectionTable, AliasLeadsToTheConnectionUntilItIsErased) {
  ConnectionTable table;
  table.insert(1, kPeer, true);
  table.add_alias(1, kPeerListener);
  table.add_alias(1, kPeerListener);
  EXPECT_EQ(table.find(kPeerListener), 1u);
  table.add_alias(99, Endpoint{"127.0.0.99", 1, Transport::tcp});  // unknown id: ignored
  EXPECT_EQ(table.find(Endpoint{"127.0.0.99", 1, Transport::tcp}), std::nullopt);
  table.erase(1);
  EXPECT_EQ(table.find(kPeer), std::nullopt);
  EXPECT_EQ(table.find(kPeerListener), std::nullopt);
  EXPECT_EQ(table.size(), 0u);
}

TEST(ConnectionTable, MostRecentConnectionWins) {
  ConnectionTable table;
  table.insert(1, kPeerListener, false);
  table.insert(2, kPeer, true);
  table.add_alias(2, kPeerListener);
  EXPECT_EQ(table.find(kPeerListener), 2u);
  table.erase(2);
  EXPECT_EQ(table.find(kPeerListener), 1u);
}

TEST(ConnectionTable, CountsInboundConnectionsPerIp) {
  ConnectionTable table;
  table.insert(1, kPeer, true);
  table.insert(2, Endpoint{"127.0.0.20", 40001, Transport::tls}, true);
  table.insert(3, Endpoint{"127.0.0.20", 5060, Transport::tcp}, false);
  table.insert(4, Endpoint{"127.0.0.21", 40000, Transport::tcp}, true);
  EXPECT_EQ(table.inbound_from("127.0.0.20"), 2u);
  EXPECT_EQ(table.inbound_from("127.0.0.21"), 1u);
  EXPECT_EQ(table.inbound_from("127.0.0.22"), 0u);
  table.erase(1);
  table.erase(1);
  EXPECT_EQ(table.inbound_from("127.0.0.20"), 1u);
  table.erase(2);
  EXPECT_EQ(table.inbound_from("127.0.0.20"), 0u);
}

}  // namespace
}  // namespace sipconf::sip
