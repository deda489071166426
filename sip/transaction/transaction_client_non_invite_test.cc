#include "sip/transaction/transaction_client_non_invite.h"

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/transaction/transaction_test_support.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

using namespace transaction_testing;
using ClientNonInviteState = ClientNonInviteTransaction::State;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ClientNonInviteTest : public ::testing::Test {
 protected:
  std::shared_ptr<ClientNonInviteTransaction> make(Destination to = udp_peer(),
                                                   TransactionTimers config = {}) {
    options_ = request("OPTIONS");
    auto tx = std::make_shared<ClientNonInviteTransaction>(2, options_, std::move(to), config,
                                                           timers_, owner_);
    EXPECT_FALSE(tx->start());
    return tx;
  }

  FakeTimerService timers_;
  RecordingOwner owner_{timers_};
  Message options_;
};

TEST_F(ClientNonInviteTest, TimerEDoublesUpToT2UntilTimerF) {
  auto tx = make();
  timers_.advance(milliseconds(40000));
  // Timer E: 500, 1000, 2000, 4000 (= T2), 4000, ... between sends; F at 64*T1 = 32 s.
  EXPECT_THAT(owner_.send_times("OPTIONS"),
              ElementsAre(0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::timeout);
  EXPECT_EQ(tx->state(), ClientNonInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ClientNonInviteTest, ConfiguredT2CapsTheInterval) {
  TransactionTimers config;
  config.t2 = milliseconds(1000);
  auto tx = make(udp_peer(), config);
  timers_.advance(milliseconds(5000));
  EXPECT_THAT(owner_.send_times("OPTIONS"), ElementsAre(0, 500, 1500, 2500, 3500, 4500));
}

TEST_F(ClientNonInviteTest, ProvisionalSwitchesTimerEToT2) {
  auto tx = make();
  timers_.advance(milliseconds(600));  // sends at 0, 500; E pending for 1500
  tx->on_response(response(options_, 100));
  EXPECT_EQ(tx->state(), ClientNonInviteState::proceeding);
  timers_.advance(milliseconds(12000));
  // The pending E still fires at 1500, then every T2 (§17.1.2.2 Proceeding).
  EXPECT_THAT(owner_.send_times("OPTIONS"), ElementsAre(0, 500, 1500, 5500, 9500));
  EXPECT_EQ(owner_.responses.size(), 1u);
}

TEST_F(ClientNonInviteTest, TimerFAlsoEndsProceeding) {
  auto tx = make();
  tx->on_response(response(options_, 100));
  timers_.advance(milliseconds(32000));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].at, milliseconds(32000));
}

TEST_F(ClientNonInviteTest, FinalResponseAbsorbsRetransmissionsDuringTimerK) {
  auto tx = make();
  timers_.advance(milliseconds(800));
  tx->on_response(response(options_, 200));
  EXPECT_EQ(tx->state(), ClientNonInviteState::completed);
  timers_.advance(milliseconds(1000));
  tx->on_response(response(options_, 200));
  tx->on_response(response(options_, 200));
  EXPECT_EQ(owner_.responses.size(), 1u);
  EXPECT_EQ(owner_.absorbed_count, 2);
  timers_.advance(milliseconds(5000 - 1000 - 1));
  EXPECT_EQ(tx->state(), ClientNonInviteState::completed);
  timers_.advance(milliseconds(1));  // Timer K = T4 after the final response at 800
  EXPECT_EQ(tx->state(), ClientNonInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(5800)));
  EXPECT_THAT(owner_.send_times("OPTIONS"), ElementsAre(0, 500));
  EXPECT_THAT(owner_.failures, IsEmpty());
}

TEST_F(ClientNonInviteTest, ReliableTransportHasNoRetransmissionsAndZeroTimerK) {
  auto tx = make(tcp_peer());
  timers_.advance(milliseconds(10000));
  EXPECT_THAT(owner_.send_times("OPTIONS"), ElementsAre(0));
  tx->on_response(response(options_, 404));
  EXPECT_EQ(tx->state(), ClientNonInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(10000)));
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ClientNonInviteTest, ReliableTimeoutIsStill64T1) {
  auto tx = make(tcp_peer());
  timers_.advance(milliseconds(31999));
  EXPECT_THAT(owner_.failures, IsEmpty());
  timers_.advance(milliseconds(1));
  ASSERT_EQ(owner_.failures.size(), 1u);
}

TEST_F(ClientNonInviteTest, LateTransportErrorIsReported) {
  auto tx = make(tcp_peer());
  tx->on_transport_error(make_error_code(TransportError::connect_timeout));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::transport_error);
  EXPECT_EQ(owner_.failures[0].error, make_error_code(TransportError::connect_timeout));
  EXPECT_EQ(tx->state(), ClientNonInviteState::terminated);
  // A transport error after completion changes nothing.
  tx->on_transport_error(make_error_code(TransportError::connect_timeout));
  EXPECT_EQ(owner_.failures.size(), 1u);
}

}  // namespace
}  // namespace sipconf::sip
