#include "sip/transaction/transaction_client_invite.h"

#include "sip/message/message_builders.h"
#include "sip/message/message_writer.h"

namespace sipconf::sip {

std::string_view to_string(ClientInviteTransaction::State state) {
  using State = ClientInviteTransaction::State;
  switch (state) {
    case State::calling:
      return "Calling";
    case State::proceeding:
      return "Proceeding";
    case State::completed:
      return "Completed";
    case State::accepted:
      return "Accepted";
    case State::terminated:
      return "Terminated";
  }
  return "unknown";
}

ClientInviteTransaction::ClientInviteTransaction(TransactionId id, Message invite, Destination to,
                                                 const TransactionTimers& timers,
                                                 TimerService& service, TransactionOwner& owner)
    : Transaction(id, TransactionKind::client_invite, std::move(invite), std::move(to), timers,
                  service, owner),
      timer_a_(service),
      timer_b_(service),
      timer_d_(service),
      timer_m_(service),
      cancel_guard_(service) {}

std::string_view ClientInviteTransaction::state_name() const { return to_string(state_); }

std::error_code ClientInviteTransaction::start() {
  invite_bytes_ = serialize(request());
  if (std::error_code ec = send(invite_bytes_, false)) {
    terminate();
    return ec;
  }
  if (!reliable()) timer_a_.start(timers().t1, guarded(&ClientInviteTransaction::on_timer_a));
  timer_b_.start(timers().timeout(), guarded(&ClientInviteTransaction::on_timer_b));
  return {};
}

void ClientInviteTransaction::on_timer_a() {
  if (state_ != State::calling) return;
  const auto next = 2 * timer_a_.interval();
  if (std::error_code ec = send(invite_bytes_, true)) {
    fail(TransactionFailure::transport_error, ec);
    return;
  }
  timer_a_.start(next, guarded(&ClientInviteTransaction::on_timer_a));
}

void ClientInviteTransaction::on_timer_b() {
  if (state_ == State::calling) fail(TransactionFailure::timeout, {});
}

void ClientInviteTransaction::on_cancel_sent() {
  if (!awaiting_final() || cancel_guard_.running()) return;
  cancel_guard_.start(timers().timeout(), guarded(&ClientInviteTransaction::on_cancel_guard));
}

void ClientInviteTransaction::on_cancel_guard() {
  if (awaiting_final()) fail(TransactionFailure::timeout, {});
}

void ClientInviteTransaction::on_response(const Message& response) {
  const int status = response.status_code();
  switch (state_) {
    case State::calling:
    case State::proceeding:
      if (status < 200) {
        if (state_ == State::calling) {
          state_ = State::proceeding;
          timer_a_.stop();
          timer_b_.stop();
        }
        owner().pass_response(id(), response);
      } else if (status < 300) {
        // RFC 6026 §7.2: the 2xx goes to the TU, and the transaction stays to pass on its
        // retransmissions (and those of other forks) until Timer M.
        state_ = State::accepted;
        timer_a_.stop();
        timer_b_.stop();
        cancel_guard_.stop();
        timer_m_.start(timers().timeout(), guarded(&ClientInviteTransaction::on_timer_m));
        owner().pass_response(id(), response);
      } else {
        on_non2xx_final(response);
      }
      return;
    case State::completed:
      if (status >= 300) {
        // A retransmitted final response: our ACK was lost; send it again (§17.1.1.2).
        if (std::error_code ec = send(ack_bytes_, true)) {
          fail(TransactionFailure::transport_error, ec);
          return;
        }
      }
      owner().absorbed(id());
      return;
    case State::accepted:
      if (status >= 200 && status < 300) {
        owner().pass_response(id(), response);
      } else {
        owner().absorbed(id());
      }
      return;
    case State::terminated:
      return;
  }
}

void ClientInviteTransaction::on_non2xx_final(const Message& response) {
  state_ = State::completed;
  timer_a_.stop();
  timer_b_.stop();
  cancel_guard_.stop();
  auto ack = make_ack_for_non2xx(request(), response);
  if (ack) {
    ack_bytes_ = serialize(*ack);
    if (std::error_code ec = send(ack_bytes_, false)) {
      owner().pass_response(id(), response);
      fail(TransactionFailure::transport_error, ec);
      return;
    }
  }
  owner().pass_response(id(), response);
  if (terminated()) return;
  start_or_run(timer_d_, timers().timer_d(reliable()), &ClientInviteTransaction::on_timer_d);
}

void ClientInviteTransaction::on_timer_d() {
  if (state_ == State::completed) terminate();
}

void ClientInviteTransaction::on_timer_m() {
  if (state_ == State::accepted) terminate();
}

void ClientInviteTransaction::on_transport_error(std::error_code error) {
  // In Accepted the transaction sends nothing; a late failure of the INVITE is moot.
  if (awaiting_final() || state_ == State::completed) {
    fail(TransactionFailure::transport_error, error);
  }
}

void ClientInviteTransaction::fail(TransactionFailure failure, std::error_code error) {
  if (terminated()) return;
  state_ = State::terminated;
  owner().report_failure(id(), failure, error);
  terminate();
}

void ClientInviteTransaction::terminate() {
  state_ = State::terminated;
  timer_a_.stop();
  timer_b_.stop();
  timer_d_.stop();
  timer_m_.stop();
  cancel_guard_.stop();
  owner().terminated(id());
}

}  // namespace sipconf::sip
