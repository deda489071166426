#pragma once

#include <string>
#include <string_view>
#include <system_error>

#include "sip/transaction/transaction.h"

namespace sipconf::sip {

/// The INVITE server transaction of RFC 3261 §17.2.1 with RFC 6026's Accepted state:
///
///   Proceeding --300-699 from TU--> Completed --ACK--> Confirmed --Timer I--> Terminated
///       |                             |
///       |                             +--Timer H--> Terminated (TU told: no ACK)
///       +--2xx from TU--> Accepted --Timer L--> Terminated
///
/// 100 Trying goes out at once or after a delay (TransactionTimers::trying_after). Request
/// retransmissions get the last provisional response in Proceeding and the final response in
/// Completed, and are absorbed after that. Timer G retransmits a non-2xx final response
/// (unreliable transports only) doubling up to T2; Timer H (64*T1) gives up waiting for the
/// ACK. In Accepted the TU retransmits its 2xx through respond() and gets every ACK that
/// matches the transaction; Timer L (64*T1) ends it.
class ServerInviteTransaction final : public Transaction {
 public:
  enum class State : std::uint8_t { proceeding, completed, confirmed, accepted, terminated };

  /// `response_to` is where responses go (§18.2.2, see response_destination()).
  ServerInviteTransaction(TransactionId id, Message invite, Destination response_to,
                          const TransactionTimers& timers, TimerService& service,
                          TransactionOwner& owner);

  /// Sends or schedules 100 Trying, unless the TU has responded already. An error means the
  /// 100 could not be sent at all; the transaction then fails with a transport error.
  std::error_code start();
  /// A retransmission of the INVITE.
  void on_request_retransmission();
  /// An ACK matching this transaction: for a non-2xx response (absorbed here) or, in
  /// Accepted, for the 2xx (passed to the TU).
  void on_ack(const Message& ack);
  /// A response from the TU: provisional (101-199), 2xx (again and again while Accepted, the
  /// TU's 2xx retransmissions), or 300-699. A send that fails at once is returned; a final
  /// response that could not be sent terminates the transaction.
  std::error_code respond(const Message& response);
  void on_transport_error(std::error_code error) override;

  State state() const { return state_; }
  bool terminated() const override { return state_ == State::terminated; }
  std::string_view state_name() const override;
  /// No final response sent yet (a CANCEL still has an effect, §9.2).
  bool proceeding() const { return state_ == State::proceeding; }
  /// To tag of the last response sent with one: what an RFC 2543 ACK must carry (§17.2.3)
  /// and what the 200 to a CANCEL repeats (§9.2).
  const std::string& to_tag() const { return to_tag_; }

 private:
  void on_trying_timer();
  void on_timer_g();
  void on_timer_h();
  void on_timer_i();
  void on_timer_l();
  void fail(TransactionFailure failure, std::error_code error);
  void terminate();

  State state_ = State::proceeding;
  std::string provisional_bytes_;  ///< last provisional response sent, empty if none
  std::string final_bytes_;
  std::string to_tag_;
  Timer trying_timer_;
  Timer timer_g_;
  Timer timer_h_;
  Timer timer_i_;
  Timer timer_l_;
};

std::string_view to_string(ServerInviteTransaction::State state);

}  // namespace sipconf::sip
