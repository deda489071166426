#include "sip/transaction/transaction_server_invite.h"

#include <algorithm>

#include "sip/message/message_builders.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_error.h"

namespace sipconf::sip {

std::string_view to_string(ServerInviteTransaction::State state) {
  using State = ServerInviteTransaction::State;
  switch (state) {
    case State::proceeding:
      return "Proceeding";
    case State::completed:
      return "Completed";
    case State::confirmed:
      return "Confirmed";
    case State::accepted:
      return "Accepted";
    case State::terminated:
      return "Terminated";
  }
  return "unknown";
}

ServerInviteTransaction::ServerInviteTransaction(TransactionId id, Message invite,
                                                 Destination response_to,
                                                 const TransactionTimers& timers,
                                                 TimerService& service, TransactionOwner& owner)
    : Transaction(id, TransactionKind::server_invite, std::move(invite), std::move(response_to),
                  timers, service, owner),
      trying_timer_(service),
      timer_g_(service),
      timer_h_(service),
      timer_i_(service),
      timer_l_(service) {}

std::string_view ServerInviteTransaction::state_name() const { return to_string(state_); }

std::error_code ServerInviteTransaction::start() {
  const auto& after = timers().trying_after;
  if (!after || state_ != State::proceeding || !provisional_bytes_.empty()) return {};
  if (after->count() > 0) {
    trying_timer_.start(*after, guarded(&ServerInviteTransaction::on_trying_timer));
    return {};
  }
  auto trying = make_response(request(), 100);
  if (!trying) return {};
  provisional_bytes_ = serialize(*trying);
  if (std::error_code ec = send(provisional_bytes_, false)) {
    fail(TransactionFailure::transport_error, ec);
    return ec;
  }
  return {};
}

void ServerInviteTransaction::on_trying_timer() {
  if (state_ != State::proceeding || !provisional_bytes_.empty()) return;
  auto trying = make_response(request(), 100);
  if (!trying) return;
  provisional_bytes_ = serialize(*trying);
  if (std::error_code ec = send(provisional_bytes_, false)) {
    fail(TransactionFailure::transport_error, ec);
  }
}

void ServerInviteTransaction::on_request_retransmission() {
  const std::string* again = nullptr;
  if (state_ == State::proceeding && !provisional_bytes_.empty()) again = &provisional_bytes_;
  if (state_ == State::completed) again = &final_bytes_;
  if (again == nullptr) {
    owner().absorbed(id());
    return;
  }
  if (std::error_code ec = send(*again, true)) fail(TransactionFailure::transport_error, ec);
}

void ServerInviteTransaction::on_ack(const Message& ack) {
  switch (state_) {
    case State::completed:
      state_ = State::confirmed;
      timer_g_.stop();
      timer_h_.stop();
      start_or_run(timer_i_, timers().timer_i(reliable()), &ServerInviteTransaction::on_timer_i);
      return;
    case State::accepted:
      owner().pass_ack(id(), ack);
      return;
    case State::proceeding:
    case State::confirmed:
    case State::terminated:
      owner().absorbed(id());
      return;
  }
}

std::error_code ServerInviteTransaction::respond(const Message& response) {
  if (!response.is_response()) return TransactionError::not_a_response;
  const int status = response.status_code();
  if (status < 100 || status > 699) return TransactionError::status_out_of_range;
  const bool is_2xx = status >= 200 && status < 300;
  if (state_ == State::accepted) {
    // RFC 6026 §7.1: the TU retransmits its 2xx through the transaction.
    if (!is_2xx) return TransactionError::final_response_sent;
    return send(serialize(response), true);
  }
  if (state_ != State::proceeding) return TransactionError::final_response_sent;

  trying_timer_.stop();
  std::string bytes = serialize(response);
  if (const auto& to_value = to(response); to_value && to_value->tag()) {
    to_tag_ = std::string(*to_value->tag());
  }
  if (status < 200) {
    std::error_code ec = send(bytes, false);
    if (!ec) provisional_bytes_ = std::move(bytes);
    return ec;
  }
  if (std::error_code ec = send(bytes, false)) {
    terminate();
    return ec;
  }
  if (is_2xx) {
    state_ = State::accepted;
    timer_l_.start(timers().timeout(), guarded(&ServerInviteTransaction::on_timer_l));
    return {};
  }
  state_ = State::completed;
  final_bytes_ = std::move(bytes);
  if (!reliable()) timer_g_.start(timers().t1, guarded(&ServerInviteTransaction::on_timer_g));
  timer_h_.start(timers().timeout(), guarded(&ServerInviteTransaction::on_timer_h));
  return {};
}

void ServerInviteTransaction::on_timer_g() {
  if (state_ != State::completed) return;
  const auto next = std::min(2 * timer_g_.interval(), timers().t2);
  if (std::error_code ec = send(final_bytes_, true)) {
    fail(TransactionFailure::transport_error, ec);
    return;
  }
  timer_g_.start(next, guarded(&ServerInviteTransaction::on_timer_g));
}

void ServerInviteTransaction::on_timer_h() {
  if (state_ == State::completed) fail(TransactionFailure::timeout, {});
}

void ServerInviteTransaction::on_timer_i() {
  if (state_ == State::confirmed) terminate();
}

void ServerInviteTransaction::on_timer_l() {
  if (state_ == State::accepted) terminate();
}

void ServerInviteTransaction::on_transport_error(std::error_code error) {
  switch (state_) {
    case State::proceeding:
    case State::completed:
      fail(TransactionFailure::transport_error, error);
      return;
    case State::accepted:
      // The TU owns 2xx delivery; it learns the 2xx did not get through and may stop.
      owner().report_failure(id(), TransactionFailure::transport_error, error);
      return;
    case State::confirmed:
    case State::terminated:
      return;
  }
}

void ServerInviteTransaction::fail(TransactionFailure failure, std::error_code error) {
  if (terminated()) return;
  state_ = State::terminated;
  owner().report_failure(id(), failure, error);
  terminate();
}

void ServerInviteTransaction::terminate() {
  state_ = State::terminated;
  trying_timer_.stop();
  timer_g_.stop();
  timer_h_.stop();
  timer_i_.stop();
  timer_l_.stop();
  owner().terminated(id());
}

}  // namespace sipconf::sip
