#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "sip/transaction/transaction.h"

namespace sipconf::sip {

/// The INVITE client transaction of RFC 3261 §17.1.1 with RFC 6026's Accepted state:
///
///   Calling --1xx--> Proceeding --300-699--> Completed --Timer D--> Terminated
///      |                 |
///      +------2xx--------+--> Accepted --Timer M--> Terminated
///
/// Timer A retransmits the INVITE (unreliable transports only) at T1, 2*T1, 4*T1, ... with
/// no cap; Timer B (64*T1) times out the Calling state. A non-2xx final response is ACKed
/// here (and re-ACKed on every retransmission during Timer D); every 2xx, retransmissions
/// included, goes to the TU, which ACKs it itself (§13.2.2.4).
class ClientInviteTransaction final : public Transaction {
 public:
  enum class State : std::uint8_t { calling, proceeding, completed, accepted, terminated };

  ClientInviteTransaction(TransactionId id, Message invite, Destination to,
                          const TransactionTimers& timers, TimerService& service,
                          TransactionOwner& owner);

  /// Sends the INVITE and starts Timers A and B. An error means the transport refused it at
  /// once; the transaction is then terminated without a failure report.
  std::error_code start();
  void on_response(const Message& response);
  void on_transport_error(std::error_code error) override;
  /// A CANCEL for this INVITE was sent (§9.1): without a final response within 64*T1 the
  /// transaction gives up with a timeout.
  void on_cancel_sent();

  State state() const { return state_; }
  bool terminated() const override { return state_ == State::terminated; }
  std::string_view state_name() const override;
  /// A provisional response arrived: a CANCEL may be sent now (§9.1).
  bool cancellable() const { return state_ == State::proceeding; }
  /// No final response yet: a CANCEL is still meaningful.
  bool awaiting_final() const { return state_ == State::calling || state_ == State::proceeding; }

 private:
  void on_timer_a();
  void on_timer_b();
  void on_timer_d();
  void on_timer_m();
  void on_cancel_guard();
  void on_non2xx_final(const Message& response);
  void fail(TransactionFailure failure, std::error_code error);
  void terminate();

  State state_ = State::calling;
  std::string invite_bytes_;
  std::string ack_bytes_;
  Timer timer_a_;
  Timer timer_b_;
  Timer timer_d_;
  Timer timer_m_;
  Timer cancel_guard_;
};

std::string_view to_string(ClientInviteTransaction::State state);

}  // namespace sipconf::sip
