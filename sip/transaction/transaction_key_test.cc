#include "sip/transaction/transaction_key.h"

#include <gtest/gtest.h>

#include "sip/message/message_builders.h"
#include "sip/message/rfc4475_corpus.h"
#include "sip/transaction/transaction_test_support.h"

namespace sipconf::sip {
namespace {

using transaction_testing::parse_or_die;
using transaction_testing::request;
using transaction_testing::response;

TEST(ClientTransactionKey, ResponseMatchesItsRequestByBranchAndCSeqMethod) {
  Message invite = request("INVITE", "z9hG4bKabc");
  Message cancel = *make_cancel(invite);
  EXPECT_EQ(*client_transaction_key(invite), *client_transaction_key(response(invite, 180)));
  // Same branch, different CSeq method: the CANCEL's 200 must not reach the INVITE.
  EXPECT_NE(*client_transaction_key(invite), *client_transaction_key(response(cancel, 200)));
  EXPECT_NE(*client_transaction_key(invite),
            *client_transaction_key(request("INVITE", "z9hG4bKabd")));
}

TEST(ClientTransactionKey, NeedsABranch) {
  Message m = parse_or_die(testing::rfc4475_message("inv2543"));
  EXPECT_FALSE(client_transaction_key(m));
}

TEST(ServerTransactionKey, Rfc3261KeyIsBranchSentByAndMethodWithAckAsInvite) {
  Message invite = request("INVITE", "z9hG4bK77");
  auto k = server_transaction_key(invite);
  ASSERT_TRUE(k);
  EXPECT_TRUE(k->rfc3261);
  EXPECT_EQ(k->key, server_transaction_key(request("ACK", "z9hG4bK77"))->key);
  EXPECT_EQ(k->key, server_transaction_key(request("CANCEL", "z9hG4bK77"), "INVITE")->key);
  EXPECT_NE(k->key, server_transaction_key(request("CANCEL", "z9hG4bK77"))->key);
  EXPECT_NE(k->key, server_transaction_key(request("INVITE", "z9hG4bK78"))->key);
}

TEST(ServerTransactionKey, SentByIsPartOfTheKeyWithDefaultPortAndCaseFolded) {
  Message a = request("OPTIONS", "z9hG4bKsame");
  Message b = request("OPTIONS", "z9hG4bKsame");
  b.set_header(HeaderId::via, "SIP/2.0/UDP 127.0.0.99:5060;branch=z9hG4bKsame");
  EXPECT_NE(server_transaction_key(a)->key, server_transaction_key(b)->key);
  Message c = request("OPTIONS", "z9hG4bKsame");
  Message d = request("OPTIONS", "z9hG4bKsame");
  c.set_header(HeaderId::via, "SIP/2.0/UDP Host.Example.COM;branch=z9hG4bKsame");
  d.set_header(HeaderId::via, "SIP/2.0/UDP host.example.com:5060;branch=z9hG4bKsame;rport");
  EXPECT_EQ(server_transaction_key(c)->key, server_transaction_key(d)->key);
}

TEST(ServerTransactionKey, Rfc2543RequestsFallBackToTheOldRules) {
  Message invite = parse_or_die(testing::rfc4475_message("inv2543"));
  auto k = server_transaction_key(invite);
  ASSERT_TRUE(k);
  EXPECT_FALSE(k->rfc3261);
  EXPECT_EQ(k->to_tag, "");
  // The ACK for a non-2xx response: same Request-URI, From, Call-ID, CSeq number and Via,
  // To tag from the response. Same key; the To tag is compared separately.
  Message ack = invite;
  ack.set_method("ACK");
  ack.set_header(HeaderId::cseq, "56 ACK");
  ack.set_header(HeaderId::to, "sip:+16505552222@ss1.example.net;user=phone;tag=resp1");
  auto ack_key = server_transaction_key(ack);
  ASSERT_TRUE(ack_key);
  EXPECT_EQ(ack_key->key, k->key);
  EXPECT_EQ(ack_key->to_tag, "resp1");
  // Another CSeq or Request-URI is another transaction.
  Message next = invite;
  next.set_header(HeaderId::cseq, "57 INVITE");
  EXPECT_NE(server_transaction_key(next)->key, k->key);
  Message elsewhere = invite;
  elsewhere.set_request_uri_text("sip:UserC@example.com");
  EXPECT_NE(server_transaction_key(elsewhere)->key, k->key);
}

TEST(ServerTransactionKey, BareMagicCookieBranchUsesTheFallback) {
  Message m = parse_or_die(testing::rfc4475_message("badbranch"));
  auto k = server_transaction_key(m);
  ASSERT_TRUE(k);
  EXPECT_FALSE(k->rfc3261);
}

}  // namespace
}  // namespace sipconf::sip
