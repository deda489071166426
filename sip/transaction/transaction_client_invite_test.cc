#include "sip/transaction/transaction_client_invite.h"

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_test_support.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

using namespace transaction_testing;
using ClientInviteState = ClientInviteTransaction::State;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ClientInviteTest : public ::testing::Test {
 protected:
  std::shared_ptr<ClientInviteTransaction> make(Destination to = udp_peer(),
                                                TransactionTimers config = {}) {
    invite_ = request("INVITE");
    auto tx = std::make_shared<ClientInviteTransaction>(1, invite_, std::move(to), config, timers_,
                                                        owner_);
    EXPECT_FALSE(tx->start());
    return tx;
  }

  FakeTimerService timers_;
  RecordingOwner owner_{timers_};
  Message invite_;
};

TEST_F(ClientInviteTest, TimerARetransmitsDoublingWithoutCapUntilTimerB) {
  auto tx = make();
  timers_.advance(milliseconds(40000));
  // Timer A: T1, 2*T1, 4*T1, ... (not capped at T2 for INVITE, §17.1.1.2).
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0, 500, 1500, 3500, 7500, 15500, 31500));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));  // Timer B = 64*T1
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::timeout);
  EXPECT_EQ(failure_status(owner_.failures[0].failure), 408);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(32000)));
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
  EXPECT_FALSE(owner_.sends[0].retransmission);
  EXPECT_TRUE(owner_.sends[1].retransmission);
}

TEST_F(ClientInviteTest, TimersFollowConfiguredT1) {
  TransactionTimers config;
  config.t1 = milliseconds(100);
  auto tx = make(udp_peer(), config);
  timers_.advance(milliseconds(10000));
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0, 100, 300, 700, 1500, 3100, 6300));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(6400));
}

TEST_F(ClientInviteTest, ReliableTransportNeverRetransmitsButStillTimesOut) {
  auto tx = make(tcp_peer());
  timers_.advance(milliseconds(40000));
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));
}

TEST_F(ClientInviteTest, ProvisionalStopsRetransmissionsAndTimerB) {
  auto tx = make();
  timers_.advance(milliseconds(600));  // one retransmission at 500
  tx->on_response(response(invite_, 180));
  EXPECT_EQ(tx->state(), ClientInviteState::proceeding);
  EXPECT_TRUE(tx->cancellable());
  timers_.advance(milliseconds(60000));
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0, 500));
  EXPECT_THAT(owner_.failures, IsEmpty());
  EXPECT_EQ(tx->state(), ClientInviteState::proceeding);
  ASSERT_EQ(owner_.responses.size(), 1u);
  EXPECT_EQ(owner_.responses[0].status, 180);
}

TEST_F(ClientInviteTest, Non2xxFinalIsAckedAndRetransmissionsReAckedDuringTimerD) {
  auto tx = make();
  timers_.advance(milliseconds(100));
  tx->on_response(response(invite_, 486));
  EXPECT_EQ(tx->state(), ClientInviteState::completed);
  ASSERT_EQ(owner_.send_times("ACK"), std::vector<long>{100});
  // The ACK is the §17.1.1.3 one: same branch and Request-URI, To tag from the response.
  Message ack = parse_or_die(owner_.sends.back().bytes);
  EXPECT_EQ(ack.request_uri_text(), invite_.request_uri_text());
  EXPECT_EQ(top_via(ack)->branch(), top_via(invite_)->branch());
  EXPECT_EQ(to(ack)->tag(), "totag");
  EXPECT_EQ(cseq(ack)->number, 7u);
  EXPECT_EQ(cseq(ack)->method, "ACK");

  timers_.advance(milliseconds(1000));
  tx->on_response(response(invite_, 486));  // retransmitted: ACK again, not passed up
  timers_.advance(milliseconds(2000));
  tx->on_response(response(invite_, 486));
  EXPECT_THAT(owner_.send_times("ACK"), ElementsAre(100, 1100, 3100));
  ASSERT_EQ(owner_.responses.size(), 1u);
  EXPECT_EQ(owner_.responses[0].status, 486);
  EXPECT_EQ(owner_.absorbed_count, 2);
  // No INVITE retransmission after the final response.
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0));

  timers_.advance(milliseconds(32100 - 3100 - 1));
  EXPECT_EQ(tx->state(), ClientInviteState::completed);
  timers_.advance(milliseconds(1));  // Timer D = 32 s after the final response at 100
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(32100)));
  EXPECT_THAT(owner_.failures, IsEmpty());
}

TEST_F(ClientInviteTest, TimerDIsZeroOnReliableTransport) {
  auto tx = make(tcp_peer());
  timers_.advance(milliseconds(50));
  tx->on_response(response(invite_, 503));
  EXPECT_THAT(owner_.send_times("ACK"), ElementsAre(50));
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(50)));
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ClientInviteTest, Every2xxGoesToTheTuUntilTimerM) {
  auto tx = make();
  timers_.advance(milliseconds(700));
  tx->on_response(response(invite_, 200, "fork1"));
  EXPECT_EQ(tx->state(), ClientInviteState::accepted);
  timers_.advance(milliseconds(500));
  tx->on_response(response(invite_, 200, "fork1"));  // retransmission: TU re-ACKs
  tx->on_response(response(invite_, 200, "fork2"));  // another fork's 2xx
  tx->on_response(response(invite_, 486, "fork3"));  // non-2xx after 2xx: absorbed
  ASSERT_EQ(owner_.responses.size(), 3u);
  EXPECT_EQ(owner_.responses[2].status, 200);
  // The transaction never ACKs a 2xx and stops retransmitting the INVITE.
  EXPECT_THAT(owner_.send_times("ACK"), IsEmpty());
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0, 500));
  timers_.advance(milliseconds(32000 - 500 - 1));
  EXPECT_EQ(tx->state(), ClientInviteState::accepted);
  timers_.advance(milliseconds(1));  // Timer M = 64*T1 after the first 2xx at 700
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(32700)));
}

TEST_F(ClientInviteTest, TransportErrorWhileCallingIsReportedAs503) {
  auto tx = make();
  owner_.transport().fail(owner_.sends[0].id, make_error_code(TransportError::connection_closed));
  tx->on_transport_error(make_error_code(TransportError::connection_closed));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::transport_error);
  EXPECT_EQ(failure_status(owner_.failures[0].failure), 503);
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ClientInviteTest, RetransmissionThatFailsAtOnceEndsTheTransaction) {
  auto tx = make();
  owner_.transport().fail_next_send(std::make_error_code(std::errc::network_unreachable));
  timers_.advance(milliseconds(500));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].error, std::errc::network_unreachable);
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
}

TEST_F(ClientInviteTest, ImmediateSendFailureIsReturnedWithoutReport) {
  owner_.transport().fail_next_send(std::make_error_code(std::errc::connection_refused));
  auto tx = std::make_shared<ClientInviteTransaction>(1, request("INVITE"), tcp_peer(),
                                                      TransactionTimers{}, timers_, owner_);
  EXPECT_EQ(tx->start(), std::errc::connection_refused);
  EXPECT_TRUE(tx->terminated());
  EXPECT_THAT(owner_.failures, IsEmpty());
  EXPECT_EQ(owner_.terminated_at.size(), 1u);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ClientInviteTest, CancelGuardTimesOutAProceedingInvite) {
  auto tx = make();
  tx->on_response(response(invite_, 183));
  timers_.advance(milliseconds(1000));
  tx->on_cancel_sent();
  timers_.advance(milliseconds(31999));
  EXPECT_EQ(tx->state(), ClientInviteState::proceeding);
  timers_.advance(milliseconds(1));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(33000));
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::timeout);
}

TEST_F(ClientInviteTest, FinalResponseAfterCancelStopsTheGuard) {
  auto tx = make();
  tx->on_response(response(invite_, 180));
  tx->on_cancel_sent();
  timers_.advance(milliseconds(200));
  tx->on_response(response(invite_, 487));
  timers_.advance(milliseconds(64000));
  EXPECT_THAT(owner_.failures, IsEmpty());
  EXPECT_THAT(owner_.send_times("ACK"), ElementsAre(200));
  EXPECT_EQ(tx->state(), ClientInviteState::terminated);
}

TEST_F(ClientInviteTest, DestroyingTheTransactionCancelsItsTimers) {
  auto tx = make();
  EXPECT_EQ(timers_.pending(), 2u);  // A and B
  tx.reset();
  EXPECT_EQ(timers_.pending(), 0u);
  timers_.advance(milliseconds(40000));
  EXPECT_THAT(owner_.send_times("INVITE"), ElementsAre(0));
}

}  // namespace
}  // namespace sipconf::sip
