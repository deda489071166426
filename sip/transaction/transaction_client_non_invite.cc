#include "sip/transaction/transaction_client_non_invite.h"

#include <algorithm>

#include "sip/message/message_writer.h"

namespace sipconf::sip {

std::string_view to_string(ClientNonInviteTransaction::State state) {
  using State = ClientNonInviteTransaction::State;
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

ClientNonInviteTransaction::ClientNonInviteTransaction(TransactionId id, Message request,
                                                       Destination to,
                                                       const TransactionTimers& timers,
                                                       TimerService& service,
                                                       TransactionOwner& owner)
    : Transaction(id, TransactionKind::client_non_invite, std::move(request), std::move(to), timers,
                  service, owner),
      timer_e_(service),
      timer_f_(service),
      timer_k_(service) {}

std::string_view ClientNonInviteTransaction::state_name() const { return to_string(state_); }

std::error_code ClientNonInviteTransaction::start() {
  request_bytes_ = serialize(request());
  if (std::error_code ec = send(request_bytes_, false)) {
    terminate();
    return ec;
  }
  if (!reliable()) timer_e_.start(timers().t1, guarded(&ClientNonInviteTransaction::on_timer_e));
  timer_f_.start(timers().timeout(), guarded(&ClientNonInviteTransaction::on_timer_f));
  return {};
}

void ClientNonInviteTransaction::on_timer_e() {
  if (state_ != State::trying && state_ != State::proceeding) return;
  // §17.1.2.2: doubling up to T2 while Trying, T2 flat once a provisional response arrived.
  const auto next =
      state_ == State::trying ? std::min(2 * timer_e_.interval(), timers().t2) : timers().t2;
  if (std::error_code ec = send(request_bytes_, true)) {
    fail(TransactionFailure::transport_error, ec);
    return;
  }
  timer_e_.start(next, guarded(&ClientNonInviteTransaction::on_timer_e));
}

void ClientNonInviteTransaction::on_timer_f() {
  if (state_ == State::trying || state_ == State::proceeding) {
    fail(TransactionFailure::timeout, {});
  }
}

void ClientNonInviteTransaction::on_response(const Message& response) {
  switch (state_) {
    case State::trying:
    case State::proceeding:
      if (response.status_code() < 200) {
        state_ = State::proceeding;
        owner().pass_response(id(), response);
        return;
      }
      state_ = State::completed;
      timer_e_.stop();
      timer_f_.stop();
      owner().pass_response(id(), response);
      if (terminated()) return;
      start_or_run(timer_k_, timers().timer_k(reliable()), &ClientNonInviteTransaction::on_timer_k);
      return;
    case State::completed:
      owner().absorbed(id());
      return;
    case State::terminated:
      return;
  }
}

void ClientNonInviteTransaction::on_timer_k() {
  if (state_ == State::completed) terminate();
}

void ClientNonInviteTransaction::on_transport_error(std::error_code error) {
  if (state_ == State::trying || state_ == State::proceeding) {
    fail(TransactionFailure::transport_error, error);
  }
}

void ClientNonInviteTransaction::fail(TransactionFailure failure, std::error_code error) {
  if (terminated()) return;
  state_ = State::terminated;
  owner().report_failure(id(), failure, error);
  terminate();
}

void ClientNonInviteTransaction::terminate() {
  state_ = State::terminated;
  timer_e_.stop();
  timer_f_.stop();
  timer_k_.stop();
  owner().terminated(id());
}

}  // namespace sipconf::sip
