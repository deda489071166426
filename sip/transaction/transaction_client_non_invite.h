#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "sip/transaction/transaction.h"

namespace sipconf::sip {

/// The non-INVITE client transaction of RFC 3261 §17.1.2:
///
///   Trying --1xx--> Proceeding --200-699--> Completed --Timer K--> Terminated
///     +---------200-699----------^
///
/// Timer E retransmits the request (unreliable transports only) at T1, then doubling up to
/// T2, and every T2 once a provisional response arrived; Timer F (64*T1) times out Trying and
/// Proceeding. Retransmitted final responses are absorbed during Timer K (T4, zero on
/// reliable transports).
class ClientNonInviteTransaction final : public Transaction {
 public:
  enum class State : std::uint8_t { trying, proceeding, completed, terminated };

  ClientNonInviteTransaction(TransactionId id, Message request, Destination to,
                             const TransactionTimers& timers, TimerService& service,
                             TransactionOwner& owner);

  /// Sends the request and starts Timers E and F. An error means the transport refused it at
  /// once; the transaction is then terminated without a failure report.
  std::error_code start();
  void on_response(const Message& response);
  void on_transport_error(std::error_code error) override;

  State state() const { return state_; }
  bool terminated() const override { return state_ == State::terminated; }
  std::string_view state_name() const override;

 private:
  void on_timer_e();
  void on_timer_f();
  void on_timer_k();
  void fail(TransactionFailure failure, std::error_code error);
  void terminate();

  State state_ = State::trying;
  std::string request_bytes_;
  Timer timer_e_;
  Timer timer_f_;
  Timer timer_k_;
};

std::string_view to_string(ClientNonInviteTransaction::State state);

}  // namespace sipconf::sip
