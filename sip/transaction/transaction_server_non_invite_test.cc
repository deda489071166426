#include "sip/transaction/transaction_server_non_invite.h"

#include <memory>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/transaction/transaction_error.h"
#include "sip/transaction/transaction_test_support.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

using namespace transaction_testing;
using ServerNonInviteState = ServerNonInviteTransaction::State;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class ServerNonInviteTest : public ::testing::Test {
 protected:
  std::shared_ptr<ServerNonInviteTransaction> make(Destination to = udp_peer()) {
    bye_ = request("BYE", "z9hG4bKbye", to.reliable() ? "TCP" : "UDP", "totag");
    return std::make_shared<ServerNonInviteTransaction>(4, bye_, std::move(to), TransactionTimers{},
                                                        timers_, owner_);
  }

  FakeTimerService timers_;
  RecordingOwner owner_{timers_};
  Message bye_;
};

TEST_F(ServerNonInviteTest, RetransmissionsAbsorbedWhileTryingThenAnsweredWithLastResponse) {
  auto tx = make();
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.sends, IsEmpty());
  EXPECT_EQ(owner_.absorbed_count, 1);
  EXPECT_FALSE(tx->respond(response(bye_, 100)));
  EXPECT_EQ(tx->state(), ServerNonInviteState::proceeding);
  timers_.advance(milliseconds(500));
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.send_times("SIP/2.0 100"), ElementsAre(0, 500));
  timers_.advance(milliseconds(500));
  EXPECT_FALSE(tx->respond(response(bye_, 200)));
  EXPECT_EQ(tx->state(), ServerNonInviteState::completed);
  timers_.advance(milliseconds(1000));
  tx->on_request_retransmission();
  EXPECT_THAT(owner_.send_times("SIP/2.0 200"), ElementsAre(1000, 2000));
  EXPECT_TRUE(owner_.sends.back().retransmission);
  EXPECT_EQ(tx->respond(response(bye_, 200)), TransactionError::final_response_sent);
}

TEST_F(ServerNonInviteTest, TimerJKeepsTheFinalResponseFor64T1) {
  auto tx = make();
  timers_.advance(milliseconds(250));
  EXPECT_FALSE(tx->respond(response(bye_, 481)));
  timers_.advance(milliseconds(31999));
  EXPECT_EQ(tx->state(), ServerNonInviteState::completed);
  timers_.advance(milliseconds(1));
  EXPECT_EQ(tx->state(), ServerNonInviteState::terminated);
  EXPECT_THAT(owner_.terminated_at, ElementsAre(milliseconds(32250)));
  EXPECT_THAT(owner_.send_times("SIP/2.0 481"), ElementsAre(250));  // no timer retransmits
}

TEST_F(ServerNonInviteTest, TimerJIsZeroOnReliableTransport) {
  auto tx = make(tcp_peer());
  EXPECT_FALSE(tx->respond(response(bye_, 200)));
  EXPECT_EQ(tx->state(), ServerNonInviteState::terminated);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(ServerNonInviteTest, TransportErrorAfterAResponseIsReported) {
  auto tx = make();
  tx->on_transport_error(make_error_code(TransportError::connection_closed));
  EXPECT_THAT(owner_.failures, IsEmpty());  // nothing was sent yet
  EXPECT_FALSE(tx->respond(response(bye_, 200)));
  tx->on_transport_error(make_error_code(TransportError::connection_closed));
  ASSERT_EQ(owner_.failures.size(), 1u);
  EXPECT_EQ(owner_.failures[0].failure, TransactionFailure::transport_error);
  EXPECT_EQ(tx->state(), ServerNonInviteState::terminated);
}

TEST_F(ServerNonInviteTest, RejectsWhatIsNotAResponse) {
  auto tx = make();
  EXPECT_EQ(tx->respond(bye_), TransactionError::not_a_response);
  Message odd = response(bye_, 200);
  odd.set_status(99);
  EXPECT_EQ(tx->respond(odd), TransactionError::status_out_of_range);
  EXPECT_EQ(tx->state(), ServerNonInviteState::trying);
}

}  // namespace
}  // namespace sipconf::sip
