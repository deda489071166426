#include "mediation/b2bua.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "mediation/leg_messages.h"
#include "sip/message/message_builders.h"
#include "sip/message/status_codes.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {

using sip::HeaderId;

namespace {

/// In-dialog-only methods: outside a dialog they name a dialog that does not exist.
bool needs_dialog(std::string_view method) {
  return method == "BYE" || method == "UPDATE" || method == "INFO" || method == "PRACK";
}

std::vector<std::string> allow_list() {
  return {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "UPDATE"};
}

}  // namespace

B2bua::B2bua(sip::TransactionLayer& layer, sip::TransportLayer& transport,
             std::shared_ptr<const RuntimeConfig> config, Metrics& metrics, EventLog& log,
             B2buaOptions options)
    : layer_(layer),
      transport_(transport),
      config_(std::move(config)),
      metrics_(metrics),
      log_(log),
      options_(std::move(options)),
      media_(options_.media != nullptr ? *options_.media : pass_through_),
      health_(layer, metrics, log, options_.user_agent) {
  invite_policy_.role = sip::ElementRole::user_agent;
  invite_policy_.accepted_content_types = {"application/sdp", "multipart/mixed",
                                           "multipart/alternative"};
  options_policy_.role = sip::ElementRole::user_agent;
  method_policy_.role = sip::ElementRole::user_agent;
  method_policy_.allowed_methods = allow_list();
}

B2bua::~B2bua() = default;

void B2bua::set_config(std::shared_ptr<const RuntimeConfig> config) {
  config_ = std::move(config);
  if (health_.running()) health_.start(config_);
}

// --- Inbound requests ----------------------------------------------------------------------

void B2bua::on_request(sip::TransactionId tx, const sip::Message& request,
                       const sip::Arrival& arrival) {
  const std::optional<Peer> peer = config_->peers().classify(arrival);
  if (!peer) {
    ++metrics_.untrusted_requests;
    log_.log(spdlog::level::warn, "untrusted-request", {}, {},
             fmt::format("{} from {}", request.method(), sip::to_string(arrival.remote)));
    reject(tx, request, 403);
    return;
  }
  // Requests toward this peer reuse the connection it opened (RFC 3261 §18, RFC 5923), so
  // a peer without a listener of its own still gets our BYE.
  if (arrival.connection != 0 && arrival.local.port != 0) {
    transport_.add_alias(arrival.connection, config_->address(*peer).next_hop);
  }
  // One parse of Call-ID, To and From serves both questions: in a dialog? which one?
  auto id = sip::dialog_id_of_request(request);
  if (id && !id->local_tag.empty()) {
    sip::Dialog* dialog = dialogs_.find(*id);
    if (dialog == nullptr || dialog->terminated()) {
      reject(tx, request, 481, &*peer);
      return;
    }
    on_in_dialog_request(tx, request, *dialog);
    return;
  }
  on_out_of_dialog_request(tx, request, arrival, *peer);
}

void B2bua::on_out_of_dialog_request(sip::TransactionId tx, const sip::Message& request,
                                     const sip::Arrival&, const Peer& peer) {
  const std::string_view method = request.method();
  if (method == "INVITE") {
    start_call(tx, request, peer);
    return;
  }
  if (method == "OPTIONS") {
    sip::RequestCheck check = sip::check_request_semantics(request, options_policy_);
    if (!check.ok()) {
      reject(tx, request, check, &peer);
      return;
    }
    answer_options(tx, request, peer);
    return;
  }
  sip::RequestCheck check = sip::check_request_semantics(request, method_policy_);
  if (!check.ok()) {
    reject(tx, request, check, &peer);
    return;
  }
  reject(tx, request, needs_dialog(method) ? 481 : 405, &peer);
}

void B2bua::reject(sip::TransactionId tx, const sip::Message& request, int status, const Peer* peer,
                   std::optional<DiagnosticCode> code) {
  sip::RequestCheck check;
  check.status = status;
  check.reason = std::string(sip::default_reason_phrase(status));
  if (status == 405 || status == 501) check.allow = allow_list();
  reject(tx, request, check, peer, code);
}

void B2bua::reject(sip::TransactionId tx, const sip::Message& request,
                   const sip::RequestCheck& check, const Peer* peer,
                   std::optional<DiagnosticCode> code) {
  ++metrics_.rejected_requests[check.status];
  auto response = sip::make_response(request, check.status, check.reason, layer_.ids().tag());
  if (!response) {
    layer_.respond(tx, check.status, check.reason, layer_.ids().tag());
    return;
  }
  if (!check.allow.empty()) response->append_header(HeaderId::allow, kAllow);
  if (!check.unsupported.empty()) {
    response->append_header(HeaderId::unsupported, sip::join_tokens(check.unsupported));
  }
  if (!check.accept.empty()) {
    response->append_header(HeaderId::accept, sip::join_tokens(check.accept));
  }
  if (peer != nullptr) add_identity(*response, config_->address(*peer), options_.user_agent);
  // Our own refusals say why on either side (SG-10; RT-07's 12004 to a trunk caller); a
  // source that is no known peer learns nothing.
  if (peer != nullptr) {
    add_ms_diagnostics(*response, code.value_or(refusal_code(check.status)),
                       config_->address(*peer).local.address);
  }
  if (log_.enabled(spdlog::level::debug)) {
    log_.log(spdlog::level::debug, "rejected", {}, peer ? to_string(peer->side) : "untrusted",
             fmt::format("{} {} {}", request.method(), check.status, check.detail));
  }
  layer_.respond(tx, *response);
}

void B2bua::answer_options(sip::TransactionId tx, const sip::Message& request, const Peer& peer) {
  auto response = sip::make_response(request, 200, {}, layer_.ids().tag());
  if (!response) return;
  const LegAddress& address = config_->address(peer);
  response->append_header(HeaderId::allow, kAllow);
  response->append_header(HeaderId::accept, "application/sdp");
  response->append_header(HeaderId::supported, "");
  response->append_header(HeaderId::contact, leg_contact(address).to_string());
  add_identity(*response, address, options_.user_agent);
  layer_.respond(tx, *response);
}

// --- Other transaction events --------------------------------------------------------------

void B2bua::on_ack(sip::TransactionId, const sip::Message& ack, const sip::Arrival&) {
  sip::Dialog* dialog = dialogs_.match_request(ack);
  if (dialog == nullptr) return;  // an ACK for a call already gone: nothing to do
  Call* call = find_call(call_of_dialog(dialog->user_data));
  if (call == nullptr) return;
  const LegRole from = role_of_dialog(dialog->user_data);
  Leg& leg = call->leg(from);
  if (leg.retransmitter) {
    leg.retransmitter->acknowledged();
    leg.retransmitter.reset();
    leg.retransmit_tx = 0;
  }
  const LegRole to = other(from);
  Leg& target = call->leg(to);
  if (target.unacked_2xx && target.dialog != nullptr) {
    std::string body(ack.body());
    const std::string content_type(ack.header(HeaderId::content_type).value_or(""));
    if (!body.empty() && !media(*call, to, SdpRole::answer, "ACK", 0, body, content_type)) {
      body.clear();
    }
    const sip::Message response = std::move(*target.unacked_2xx);
    target.unacked_2xx.reset();
    send_ack(*call, to, *target.dialog, response, body, content_type);
  }
  if (call->state == CallState::answered) {
    call->state = CallState::active;
    log_call(spdlog::level::debug, *call, from, "confirmed", "");
  }
}

void B2bua::on_cancel(sip::TransactionId invite_tx, const sip::Message&, const sip::Arrival&) {
  TxLink* l = link(invite_tx);
  if (l == nullptr) return;
  Call* call = find_call(l->call);
  if (call == nullptr) return;
  if (l->purpose == TxPurpose::caller_invite) {
    on_caller_cancel(*call);
    return;
  }
  if (l->purpose == TxPurpose::relay_server) {
    // A re-INVITE cancelled: cancel its copy and answer 487 now (RFC 3261 §9.2).
    if (l->peer != 0) layer_.cancel(l->peer);
    const sip::Message* request = layer_.request(invite_tx);
    if (request == nullptr) return;
    auto response = sip::make_response(*request, 487);
    if (!response) return;
    const LegAddress& from = *call->leg(l->leg).address;
    if (from.peer.side == Side::internal) {
      add_ms_diagnostics(*response, DiagnosticCode::kCancelled, from.local.address);
    }
    if (sip::Dialog* d = dialogs_.match_request(*request)) d->on_response_sent(*request, *response);
    std::erase(call->relays, invite_tx);
    layer_.respond(invite_tx, *response);
  }
}

void B2bua::on_response(sip::TransactionId tx, const sip::Message& response, const sip::Arrival&) {
  if (health_.owns(tx)) {
    health_.on_response(tx, response);
    return;
  }
  TxLink* l = link(tx);
  Call* call = l != nullptr ? find_call(l->call) : nullptr;
  if (call == nullptr) {
    ++metrics_.orphan_responses;
    return;
  }
  switch (l->purpose) {
    case TxPurpose::callee_invite:
      on_callee_response(*call, tx, response);
      return;
    case TxPurpose::abandoned_invite:
      on_abandoned_response(*call, tx, response);
      return;
    case TxPurpose::relay_client:
      on_relay_response(*call, *l, tx, response);
      return;
    case TxPurpose::bye:
    case TxPurpose::caller_invite:
    case TxPurpose::relay_server:
      return;
  }
}

void B2bua::on_stray_response(const sip::Message& response, const sip::Arrival&) {
  // A 2xx retransmission after its INVITE transaction ended: re-ACK it from the dialog
  // (RFC 3261 §13.2.2.4) if we ACKed it already.
  const auto& sequence = sip::cseq(response);
  if (response.status_code() / 100 != 2 || !sequence || sequence->method != "INVITE") return;
  sip::Dialog* dialog = dialogs_.match_response(response);
  if (dialog == nullptr) return;
  Call* call = find_call(call_of_dialog(dialog->user_data));
  if (call == nullptr) return;
  const LegRole role = role_of_dialog(dialog->user_data);
  if (call->leg(role).acked_cseq == sequence->number || dialog->terminated()) {
    send_ack(*call, role, *dialog, response);
  }
}

void B2bua::on_failure(sip::TransactionId tx, sip::TransactionFailure failure,
                       std::error_code error) {
  if (health_.owns(tx)) {
    health_.on_failure(tx, failure, error);
    return;
  }
  TxLink* l = link(tx);
  Call* call = l != nullptr ? find_call(l->call) : nullptr;
  if (call == nullptr) return;
  const int status = sip::failure_status(failure);
  switch (l->purpose) {
    case TxPurpose::callee_invite:
      log_call(spdlog::level::info, *call, LegRole::callee, "invite-failed", "{}: {}",
               sip::to_string(failure), error.message());
      on_callee_failure(*call, status, nullptr);
      return;
    case TxPurpose::relay_client:
      on_relay_failure(*call, *l, tx, status);
      return;
    case TxPurpose::caller_invite:
      // The caller never ACKed our failure, or could not be reached: stop the callee leg.
      if (!call->final_sent) {
        call->final_sent = true;
        call->result = CallResult::failed;
        if (!call->final_received && call->callee_invite != 0) layer_.cancel(call->callee_invite);
      }
      maybe_finish(*call);
      return;
    case TxPurpose::bye:
    case TxPurpose::relay_server:
    case TxPurpose::abandoned_invite:
      return;
  }
}

void B2bua::on_transaction_terminated(sip::TransactionId tx) {
  if (health_.owns(tx)) {
    health_.on_transaction_terminated(tx);
    return;
  }
  auto it = txs_.find(tx);
  if (it == txs_.end()) return;
  const TxLink l = it->second;
  txs_.erase(it);
  Call* call = find_call(l.call);
  if (call == nullptr) return;
  if (l.purpose == TxPurpose::callee_invite && tx == call->callee_invite) {
    call->callee_invite = 0;
    // Forks that never answered end with the INVITE transaction (RFC 3261 §13.2.2.4).
    dialogs_.end_early_forks(call->leg(LegRole::callee).call_id, call->leg(LegRole::callee).tag);
    if (!call->final_received) on_callee_failure(*call, 408, nullptr);
    return;
  }
  if (l.purpose == TxPurpose::abandoned_invite) {
    for (AbandonedAttempt& a : call->abandoned) a.ended = a.ended || a.tx == tx;
    maybe_finish(*call);
    return;
  }
  if (l.purpose == TxPurpose::relay_server) std::erase(call->relays, tx);
  if (l.purpose == TxPurpose::relay_client && std::erase(call->pending_invites, tx) != 0) {
    maybe_finish(*call);
  }
}

// --- Shutdown ------------------------------------------------------------------------------

void B2bua::end_all_calls(std::string_view why) {
  std::vector<std::uint64_t> ids;
  ids.reserve(calls_.size());
  for (const auto& [id, call] : calls_) ids.push_back(id);
  for (std::uint64_t id : ids) {
    Call* call = find_call(id);
    if (call == nullptr) continue;
    log_call(spdlog::level::info, *call, LegRole::caller, "ending", "{}", why);
    abandon_relays(*call);
    if (!call->final_sent) {
      answer_caller(*call, 503, DiagnosticCode::kShuttingDown);
    }
    if (!call->final_received && call->callee_invite != 0) layer_.cancel(call->callee_invite);
    Leg& callee = call->leg(LegRole::callee);
    if (callee.unacked_2xx && callee.dialog != nullptr) {
      const sip::Message response = std::move(*callee.unacked_2xx);
      callee.unacked_2xx.reset();
      send_ack(*call, LegRole::callee, *callee.dialog, response);
    }
    send_bye(*call, LegRole::caller);
    send_bye(*call, LegRole::callee);
    call->state = CallState::ending;
    maybe_finish(*call);
  }
}

std::size_t B2bua::unanswered_byes() const {
  std::size_t n = 0;
  for (const auto& [tx, l] : txs_) {
    if (l.purpose != TxPurpose::bye) continue;
    const std::string_view state = layer_.state_name(tx);
    if (state == "Trying" || state == "Proceeding") ++n;
  }
  return n;
}

// --- Lifecycle -----------------------------------------------------------------------------

Call* B2bua::find_call(std::uint64_t id) {
  auto it = calls_.find(id);
  return it == calls_.end() ? nullptr : it->second.get();
}

B2bua::TxLink* B2bua::link(sip::TransactionId tx) {
  auto it = txs_.find(tx);
  return it == txs_.end() ? nullptr : &it->second;
}

void B2bua::track(sip::TransactionId tx, const Call& call, LegRole leg, TxPurpose purpose,
                  sip::TransactionId peer) {
  txs_[tx] = TxLink{call.id, leg, purpose, peer, false};
}

bool B2bua::media(Call& call, LegRole toward, SdpRole role, std::string_view method, int status,
                  std::string& body, std::string_view content_type) {
  MediaContext context{call.id, call.toward(toward), call.trunk, role, method, status};
  if (auto ec = media_.on_body(context, body, content_type)) {
    log_call(spdlog::level::warn, call, toward, "media-refused", "{}", ec.message());
    return false;
  }
  return true;
}

void B2bua::maybe_finish(Call& call) {
  if (!call.final_sent || !call.final_received || !call.pending_invites.empty()) return;
  for (const AbandonedAttempt& a : call.abandoned) {
    if (!a.ended) return;
  }
  for (const Leg& leg : call.legs) {
    if (leg.dialog != nullptr && !leg.dialog->terminated()) return;
  }
  finish(call);
}

void B2bua::erase_dialogs(Call& call) {
  const Leg& callee = call.leg(LegRole::callee);
  for (sip::Dialog* d : dialogs_.forks(callee.call_id, callee.tag)) dialogs_.erase(d->id());
  for (const AbandonedAttempt& a : call.abandoned) {
    for (sip::Dialog* d : dialogs_.forks(a.call_id, a.tag)) dialogs_.erase(d->id());
  }
  const Leg& caller = call.leg(LegRole::caller);
  for (const Fork& fork : call.forks) {
    dialogs_.erase(sip::DialogId{caller.call_id, fork.caller_tag, caller.remote_tag});
  }
  if (!caller.tag.empty())
    dialogs_.erase(sip::DialogId{caller.call_id, caller.tag, caller.remote_tag});
  call.leg(LegRole::caller).dialog = nullptr;
  call.leg(LegRole::callee).dialog = nullptr;
}

void B2bua::finish(Call& call) {
  const std::uint64_t id = call.id;
  erase_dialogs(call);
  const CallResult result = call.result.value_or(CallResult::failed);
  ++metrics_.calls[static_cast<std::size_t>(result)];
  if (result != CallResult::answered && result != CallResult::no_route) {
    ++metrics_.trunks[call.config->trunk(call.trunk).name].failures;
  }
  media_.on_call_end(id);
  if (log_.enabled(spdlog::level::info)) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(layer_.timers().now() - call.started);
    log_call(spdlog::level::info, call, LegRole::caller, "call-end", "{} after {} ms",
             to_string(result), ms.count());
  }
  calls_.erase(id);
}

}  // namespace sipconf::mediation
