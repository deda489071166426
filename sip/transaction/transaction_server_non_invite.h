#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "sip/transaction/transaction.h"

namespace sipconf::sip {

/// The non-INVITE server transaction of RFC 3261 §17.2.2:
///
///   Trying --1xx from TU--> Proceeding --200-699 from TU--> Completed --Timer J--> Terminated
///     +-------------200-699 from TU-------------^
///
/// Request retransmissions are absorbed while Trying, answered with the last provisional
/// response while Proceeding and with the final response while Completed. Timer J (64*T1,
/// zero on reliable transports) keeps the final response for retransmissions.
class ServerNonInviteTransaction final : public Transaction {
 public:
  enum class State : std::uint8_t { trying, proceeding, completed, terminated };

  ServerNonInviteTransaction(TransactionId id, Message request, Destination response_to,
                             const TransactionTimers& timers, TimerService& service,
                             TransactionOwner& owner);

  void on_request_retransmission();
  /// A response from the TU. A send that fails at once is returned; a final response that
  /// could not be sent terminates the transaction.
  std::error_code respond(const Message& response);
  void on_transport_error(std::error_code error) override;

  State state() const { return state_; }
  bool terminated() const override { return state_ == State::terminated; }
  std::string_view state_name() const override;
  bool final_response_sent() const {
    return state_ == State::completed || state_ == State::terminated;
  }

 private:
  void on_timer_j();
  void fail(TransactionFailure failure, std::error_code error);
  void terminate();

  State state_ = State::trying;
  std::string last_response_bytes_;
  Timer timer_j_;
};

std::string_view to_string(ServerNonInviteTransaction::State state);

}  // namespace sipconf::sip
