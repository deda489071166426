#include "harness/analysis/transaction_index.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;
using testing::LegIds;
using testing::request;
using testing::response;

const Endpoint kPeerA = ep("10.0.0.1:5060");
const Endpoint kPeerB = ep("10.0.0.2:5060");
const Endpoint kC = ep("10.0.0.3:5060");

LegIds transaction_ids() {
  LegIds l;
  l.call_id = "t-1";
  l.via = kPeerA.to_string();
  return l;
}

TEST(TransactionIndex, RequestResponsesAndRetransmissions) {
  const std::string invite = request("INVITE", "sip:b@b", transaction_ids(), 1, "z9hG4bK-1");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerA, kPeerB, invite},
                        {500'000, kPeerA, kPeerB, invite},
                        {501'000, kPeerB, kPeerA, response(100, "Trying", invite, "")},
                        {600'000, kPeerB, kPeerA, response(180, "Ringing", invite, "x")},
                        {700'000, kPeerB, kPeerA, response(486, "Busy Here", invite, "x")},
                        {1'200'000, kPeerB, kPeerA, response(486, "Busy Here", invite, "x")}});
  ASSERT_EQ(trace.transactions().transactions().size(), 1u);
  const Transaction& t = trace.transactions().at(0);
  EXPECT_EQ(t.method, "INVITE");
  EXPECT_EQ(t.requests, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(t.responses, (std::vector<std::size_t>{2, 3, 4, 5}));
  EXPECT_EQ(t.first_provisional, 3u);
  EXPECT_EQ(t.first_final, 4u);
  EXPECT_EQ(t.client, kPeerA.ip);
  EXPECT_FALSE(t.request_missing);
  EXPECT_FALSE(trace.message(0).retransmission);
  EXPECT_TRUE(trace.message(1).retransmission);
  EXPECT_FALSE(trace.message(4).retransmission);
  EXPECT_TRUE(trace.message(5).retransmission);
}

TEST(TransactionIndex, AckOfAFailureJoinsTheInviteAndCancelHasItsOwn) {
  LegIds l = transaction_ids();
  const std::string invite = request("INVITE", "sip:b@b", l, 1, "z9hG4bK-1");
  const std::string cancel = request("CANCEL", "sip:b@b", l, 1, "z9hG4bK-1");
  l.to_tag = "x";
  const std::string ack = request("ACK", "sip:b@b", l, 1, "z9hG4bK-1");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerA, kPeerB, invite},
                        {10, kPeerA, kPeerB, cancel},
                        {20, kPeerB, kPeerA, response(200, "OK", cancel, "x")},
                        {30, kPeerB, kPeerA, response(487, "Request Terminated", invite, "x")},
                        {40, kPeerA, kPeerB, ack},
                        {50, kPeerA, kPeerB, ack}});
  const auto& all = trace.transactions().transactions();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].ack, 4u);
  EXPECT_EQ(all[0].first_final, 3u);
  EXPECT_EQ(all[1].method, "CANCEL");
  EXPECT_EQ(all[1].first_final, 2u);
  EXPECT_EQ(trace.message(4).transaction, 0u);
  EXPECT_TRUE(trace.message(5).retransmission);
  EXPECT_EQ(trace.transactions().find_invite(trace.message(1).facts(), kPeerA.ip, kPeerB.ip), 0u);
}

TEST(TransactionIndex, TheAckOfA2xxIsATransactionOfItsOwn) {
  LegIds l = transaction_ids();
  const std::string invite = request("INVITE", "sip:b@b", l, 1, "z9hG4bK-1");
  l.to_tag = "x";
  const std::string ack = request("ACK", "sip:b@b", l, 1, "z9hG4bK-2");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerA, kPeerB, invite},
                        {10, kPeerB, kPeerA, response(200, "OK", invite, "x")},
                        {20, kPeerA, kPeerB, ack},
                        {30, kPeerB, kPeerA, response(200, "OK", invite, "x")},
                        {40, kPeerA, kPeerB, ack}});
  const auto& all = trace.transactions().transactions();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[1].method, "ACK");
  EXPECT_EQ(all[0].ack, kNoIndex);
  EXPECT_TRUE(trace.message(3).retransmission);
  EXPECT_TRUE(trace.message(4).retransmission);
}

// The same request seen on two hops (relayed through a NAT, or captured on both sides
// of an element that keeps the branch) is one transaction per hop; a response finds its
// own hop.
TEST(TransactionIndex, OneTransactionPerHop) {
  const std::string hop1 = request("OPTIONS", "sip:c@c", transaction_ids(), 1, "z9hG4bK-a");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerA, kPeerB, hop1},
                        {10, kPeerB, kC, hop1},
                        {20, kC, kPeerB, response(200, "OK", hop1, "x")},
                        {30, kPeerB, kPeerA, response(200, "OK", hop1, "x")}});
  const auto& all = trace.transactions().transactions();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(trace.message(2).transaction, 1u);
  EXPECT_EQ(trace.message(3).transaction, 0u);
  EXPECT_FALSE(trace.message(1).retransmission);
  EXPECT_FALSE(trace.message(3).retransmission);
}

TEST(TransactionIndex, Rfc2543BranchesGroupByCallIdAndCSeq) {
  LegIds l = transaction_ids();
  const std::string first = request("INFO", "sip:b@b", l, 5, "0");
  const std::string second = request("INFO", "sip:b@b", l, 6, "0");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerA, kPeerB, first},
                        {10, kPeerA, kPeerB, second},
                        {20, kPeerB, kPeerA, response(200, "OK", second, "x")},
                        {30, kPeerB, kPeerA, response(200, "OK", first, "x")}});
  ASSERT_EQ(trace.transactions().transactions().size(), 2u);
  EXPECT_EQ(trace.message(2).transaction, 1u);
  EXPECT_EQ(trace.message(3).transaction, 0u);
}

TEST(TransactionIndex, AResponseWithoutItsRequest) {
  const std::string invite = request("BYE", "sip:b@b", transaction_ids(), 2, "z9hG4bK-9");
  SipTrace trace;
  testing::feed(trace, {{0, kPeerB, kPeerA, response(200, "OK", invite, "x")}});
  ASSERT_EQ(trace.transactions().transactions().size(), 1u);
  EXPECT_TRUE(trace.transactions().at(0).request_missing);
  EXPECT_EQ(trace.transactions().at(0).client, kPeerA.ip);
  EXPECT_EQ(trace.transactions().at(0).request(), kNoIndex);
}

// Responses that differ in To tag (forking) or RSeq (reliable provisionals) are not
// repeats.
TEST(TransactionIndex, DistinctResponsesAreNotRetransmissions) {
  const std::string invite = request("INVITE", "sip:b@b", transaction_ids(), 1, "z9hG4bK-1");
  SipTrace trace;
  testing::feed(trace,
                {{0, kPeerA, kPeerB, invite},
                 {1, kPeerB, kPeerA, response(180, "Ringing", invite, "fork1")},
                 {2, kPeerB, kPeerA, response(180, "Ringing", invite, "fork2")},
                 {3, kPeerB, kPeerA, response(183, "Progress", invite, "fork1", "", {"RSeq: 1"})},
                 {4, kPeerB, kPeerA, response(183, "Progress", invite, "fork1", "", {"RSeq: 2"})}});
  for (std::size_t i = 1; i < 5; ++i) EXPECT_FALSE(trace.message(i).retransmission) << i;
}

}  // namespace
}  // namespace sipconf::harness
