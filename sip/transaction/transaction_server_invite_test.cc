#include "sip/transaction/transaction_server_invite.h"

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/transaction/transaction_error.h"
#include "sip/transaction/transaction_test_support.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

using namespace transaction_testing;
using ServerInviteState = ServerInviteTransaction::State;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ServerInviteTest : public ::testing::Test {
 protected:
  std::shared_ptr<ServerInviteTransaction> make(Destination to = udp_peer(),
                                                TransactionTimers config = {}) {
    invite_ = request("INVITE");
    auto tx = std::make_shared<ServerInviteTransaction>(3, invite_, std::move(to), config, timers_,
                                                        owner_);
    EXPECT_FALSE(tx->start());
    return tx;
  }

  FakeTimerService timers_;
  RecordingOwner owner_{timers_};
  Message invite_;
};

TEST_F(ServerInviteTest, SendsTryingAtOnceByDefault) {
  auto tx = make();
  EXPECT_THAT(owner_.send_times("SIP/2.0 100"), ElementsAre(0));
  // A retransmitted INVITE gets the last provisional again.
  timers_.advance(milliseconds(500));
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.send_times("SIP/2.0 100"), ElementsAre(0, 500));
}

TEST_F(ServerInviteTest, DelayedTryingIsSkippedWhenTheTuAnswersFirst) {
  TransactionTimers config;
  config.trying_after = milliseconds(200);
  auto tx = make(udp_peer(), config);
  timers_.advance(milliseconds(150));
  EXPECT_FALSE(tx->respond(response(invite_, 180)));
  timers_.advance(milliseconds(1000));
  EXPECT_THAT(owner_.send_times("SIP/2.0 100"), IsEmpty());
  EXPECT_THAT(owner_.send_times("SIP/2.0 180"), ElementsAre(150));
}

TEST_F(ServerInviteTest, DelayedTryingGoesOutAfter200ms) {
  TransactionTimers config;
  config.trying_after = milliseconds(200);
  auto tx = make(udp_peer(), config);
  timers_.advance(milliseconds(1000));
  EXPECT_THAT(owner_.send_times("SIP/2.0 100"), ElementsAre(200));
}

TEST_F(ServerInviteTest, NoTryingWhenDisabled) {
  TransactionTimers config;
  config.trying_after = std::nullopt;
  auto tx = make(udp_peer(), config);
  timers_.advance(milliseconds(1000));
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.sends, IsEmpty());
  EXPECT_EQ(owner_.absorbed_count, 1);
}

TEST_F(ServerInviteTest, TimerGRetransmitsNon2xxDoublingToT2UntilTimerH) {
  auto tx = make();
  EXPECT_FALSE(tx->respond(response(invite_, 486)));
  EXPECT_EQ(tx->state(), ServerInviteState::completed);
  timers_.advance(milliseconds(40000));
  EXPECT_THAT(owner_.send_times("SIP/2.0 486"),
              ElementsAre(0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));  // Timer H: the ACK never came
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::timeout);
  EXPECT_EQ(tx->state(), ServerInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ServerInviteTest, AckConfirmsAndTimerIAbsorbsAcks) {
  auto tx = make();
  timers_.advance(milliseconds(100));
  EXPECT_FALSE(tx->respond(response(invite_, 404)));
  EXPECT_EQ(tx->to_tag(), "totag");
  timers_.advance(milliseconds(600));  // G at 600
  tx->on_request_retransmission();     // INVITE again: final response again
  EXPECT_THAT(owner_.send_times("SIP/2.0 404"), ElementsAre(100, 600, 700));
  tx->on_ack(request("ACK", "z9hG4bKtest1", "UDP", "totag"));
  EXPECT_EQ(tx->state(), ServerInviteState::confirmed);
  timers_.advance(milliseconds(1000));
  tx->on_ack(request("ACK", "z9hG4bKtest1", "UDP", "totag"));
  tx->on_request_retransmission();
  EXPECT_EQ(owner_.absorbed_count, 2);
  EXPECT_THAT(owner_.send_times("SIP/2.0 404"), ElementsAre(100, 600, 700));  // G stopped
  EXPECT_THAT(owner_.acks, IsEmpty());  // ACK for non-2xx stays in the transaction
  timers_.advance(milliseconds(5000 - 1000 - 1));
  EXPECT_EQ(tx->state(), ServerInviteState::confirmed);
  timers_.advance(milliseconds(1));  // Timer I = T4 after the ACK at 700
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(5700)));
  EXPECT_THAT(owner_.failures, IsEmpty());
}

TEST_F(ServerInviteTest, ReliableTransportHasNoTimerGAndZeroTimerI) {
  auto tx = make(tcp_peer());
  EXPECT_FALSE(tx->respond(response(invite_, 600)));
  timers_.advance(milliseconds(10000));
  EXPECT_THAT(owner_.send_times("SIP/2.0 600"), ElementsAre(0));
  tx->on_ack(request("ACK", "z9hG4bKtest1", "TCP", "totag"));
  EXPECT_EQ(tx->state(), ServerInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(10000)));
}

TEST_F(ServerInviteTest, ReliableTransportStillHasTimerH) {
  auto tx = make(tcp_peer());
  EXPECT_FALSE(tx->respond(response(invite_, 480)));
  timers_.advance(milliseconds(32000));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));
}

TEST_F(ServerInviteTest, AcceptedPasses2xxRetransmissionsAndAcksUntilTimerL) {
  auto tx = make();
  EXPECT_FALSE(tx->respond(response(invite_, 180)));
  timers_.advance(milliseconds(300));
  EXPECT_FALSE(tx->respond(response(invite_, 200)));
  EXPECT_EQ(tx->state(), ServerInviteState::accepted);
  // The transaction does not retransmit the 2xx itself (RFC 6026: the TU does)...
  timers_.advance(milliseconds(4000));
  EXPECT_THAT(owner_.send_times("SIP/2.0 200"), ElementsAre(300));
  // ...but passes the TU's retransmissions, absorbs INVITE retransmissions, and hands the
  // ACK for the 2xx to the TU.
  EXPECT_FALSE(tx->respond(response(invite_, 200)));
  tx->on_request_retransmission();
  tx->on_ack(request("ACK", "z9hG4bKtest1", "UDP", "totag"));
  EXPECT_THAT(owner_.send_times("SIP/2.0 200"), ElementsAre(300, 4300));
  EXPECT_TRUE(owner_.sends.back().retransmission);
  EXPECT_EQ(owner_.absorbed_count, 1);
  ASSERT_EQ(owner_.acks.size(), 1u);
  EXPECT_EQ(owner_.acks[0].at, milliseconds(4300));
  // A non-2xx after the 2xx is refused.
  EXPECT_EQ(tx->respond(response(invite_, 500)), TransactionError::final_response_sent);
  timers_.advance(milliseconds(32300 - 4300 - 1));
  EXPECT_EQ(tx->state(), ServerInviteState::accepted);
  timers_.advance(milliseconds(1));  // Timer L = 64*T1 after the 2xx at 300
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(32300)));
}

TEST_F(ServerInviteTest, ProvisionalsAreResentOnRetransmissionAndFinalCanOnlyComeOnce) {
  auto tx = make();
  EXPECT_FALSE(tx->respond(response(invite_, 183)));
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.send_times("SIP/2.0 183"), ElementsAre(0, 0));
  EXPECT_FALSE(tx->respond(response(invite_, 487)));
  EXPECT_EQ(tx->respond(response(invite_, 200)), TransactionError::final_response_sent);
  EXPECT_EQ(tx->respond(invite_), TransactionError::not_a_response);
}

TEST_F(ServerInviteTest, TransportErrorIsReportedInProceedingAndCompleted) {
  auto tx = make();
  EXPECT_FALSE(tx->respond(response(invite_, 500)));
  tx->on_transport_error(make_error_code(TransportError::connection_closed));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::transport_error);
  EXPECT_EQ(tx->state(), ServerInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ServerInviteTest, FinalResponseThatCannotBeSentTerminates) {
  auto tx = make();
  owner_.transport().fail_next_send(std::make_error_code(std::errc::connection_reset));
  EXPECT_EQ(tx->respond(response(invite_, 486)), std::errc::connection_reset);
  EXPECT_EQ(tx->state(), ServerInviteState::terminated);
  EXPECT_THAT(owner_.failures, IsEmpty());  // returned, not reported twice
}

}  // namespace
}  // namespace sipconf::sip
