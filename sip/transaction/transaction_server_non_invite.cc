#include "sip/transaction/transaction_server_non_invite.h"

#include "sip/message/message_writer.h"
#include "sip/transaction/transaction_error.h"

namespace sipconf::sip {

std::string_view to_string(ServerNonInviteTransaction::State state) {
  using State = ServerNonInviteTransaction::State;
  switch (state) {
    case State::trying:
      return "Trying";
    case State::proceeding:
      return "Proceeding";
    case State::completed:
      return "Completed";
    case State::terminated:
      return "Terminated";
  }
  return "unknown";
}

ServerNonInviteTransaction::ServerNonInviteTransaction(TransactionId id, Message request,
                                                       Destination response_to,
                                                       const TransactionTimers& timers,
                                                       TimerService& service,
                                                       TransactionOwner& owner)
    : Transaction(id, TransactionKind::server_non_invite, std::move(request),
                  std::move(response_to), timers, service, owner),
      timer_j_(service) {}

std::string_view ServerNonInviteTransaction::state_name() const { return to_string(state_); }

void ServerNonInviteTransaction::on_request_retransmission() {
  if ((state_ != State::proceeding && state_ != State::completed) || last_response_bytes_.empty()) {
    owner().absorbed(id());
    return;
  }
  if (std::error_code ec = send(last_response_bytes_, true)) {
    fail(TransactionFailure::transport_error, ec);
  }
}

std::error_code ServerNonInviteTransaction::respond(const Message& response) {
  if (!response.is_response()) return TransactionError::not_a_response;
  const int status = response.status_code();
  if (status < 100 || status > 699) return TransactionError::status_out_of_range;
  if (state_ != State::trying && state_ != State::proceeding) {
    return TransactionError::final_response_sent;
  }
  std::string bytes = serialize(response);
  if (std::error_code ec = send(bytes, false)) {
    if (status >= 200) terminate();
    return ec;
  }
  last_response_bytes_ = std::move(bytes);
  if (status < 200) {
    state_ = State::proceeding;
    return {};
  }
  state_ = State::completed;
  start_or_run(timer_j_, timers().timer_j(reliable()), &ServerNonInviteTransaction::on_timer_j);
  return {};
}

void ServerNonInviteTransaction::on_timer_j() {
  if (state_ == State::completed) terminate();
}

void ServerNonInviteTransaction::on_transport_error(std::error_code error) {
  if (state_ == State::proceeding || state_ == State::completed) {
    fail(TransactionFailure::transport_error, error);
  }
}

void ServerNonInviteTransaction::fail(TransactionFailure failure, std::error_code error) {
  if (terminated()) return;
  state_ = State::terminated;
  owner().report_failure(id(), failure, error);
  terminate();
}

void ServerNonInviteTransaction::terminate() {
  state_ = State::terminated;
  timer_j_.stop();
  owner().terminated(id());
}

}  // namespace sipconf::sip
