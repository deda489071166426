// Call setup: the caller's INVITE, the callee leg's INVITE and its responses, CANCEL.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "mediation/b2bua.h"
#include "mediation/leg_messages.h"
#include "mediation/routing/response_code_translation.h"
#include "mediation/routing/retry_decision.h"
#include "sip/message/message_builders.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_error.h"

namespace sipconf::mediation {

using sip::HeaderId;

namespace {

std::string content_type_of(const sip::Message& m) {
  return std::string(m.header(HeaderId::content_type).value_or(""));
}

bool over_tls(const Leg& leg) { return leg.address->next_hop.transport == sip::Transport::tls; }

}  // namespace

void B2bua::start_call(sip::TransactionId tx, const sip::Message& request, const Peer& peer) {
  if (draining_) {
    ++metrics_.calls[static_cast<std::size_t>(CallResult::refused)];
    reject(tx, request, 503, &peer, DiagnosticCode::kShuttingDown);
    return;
  }
  if (calls_.size() >= config_->config().limits.max_calls) {
    ++metrics_.calls[static_cast<std::size_t>(CallResult::refused)];
    reject(tx, request, 503, &peer, DiagnosticCode::kCallLimit);
    return;
  }
  sip::RequestCheck check = sip::check_request_semantics(request, invite_policy_);
  if (!check.ok()) {
    reject(tx, request, check, &peer);
    return;
  }
  const std::uint32_t max_forwards = sip::max_forwards(request).value_or(70);
  if (max_forwards == 0) {
    reject(tx, request, 483, &peer);
    return;
  }

  auto call = std::make_unique<Call>();
  call->id = next_call_++;
  call->config = config_;
  call->started = layer_.timers().now();
  Peer callee_peer{Side::internal, 0};
  // Calls from the internal side are routed by the voice policy; calls from a trunk with
  // PstnUsages by those usages to another trunk (RT-07); other trunk calls go to Lync.
  const std::vector<std::string>* usages =
      peer.side == Side::trunk && !config_->trunk(peer.trunk).settings.pstn_usages.empty()
          ? &config_->trunk(peer.trunk).settings.pstn_usages
          : nullptr;
  if (peer.side == Side::internal || usages != nullptr) {
    auto ruri = request.request_uri();
    const std::string number = ruri ? dialed_number(*ruri) : std::string();
    call->candidates = usages != nullptr ? config_->routes().select(number, *usages)
                                         : config_->routes().select(number);
    if (call->candidates.empty()) {
      ++metrics_.calls[static_cast<std::size_t>(CallResult::no_route)];
      reject(tx, request, 404, &peer, DiagnosticCode::kNoRoute);
      return;
    }
    // Trunks that OPTIONS health has down are skipped (HF-01); none left is HF-02.
    std::erase_if(call->candidates.trunks, [this](std::size_t t) { return !health_.up(t); });
    if (call->candidates.empty()) {
      ++metrics_.calls[static_cast<std::size_t>(CallResult::failed)];
      reject(tx, request, 503, &peer, DiagnosticCode::kNoGatewayLeft);
      return;
    }
    callee_peer = Peer{Side::trunk, call->candidates.trunks.front()};
    call->trunk = callee_peer.trunk;
    call->outbound = Direction::to_trunk;
  } else {
    call->trunk = peer.trunk;
    call->outbound = Direction::to_internal;
  }
  // The legs point into the call's own configuration, which the call keeps alive: a reload
  // swaps config_, never what a call in progress was set up with.
  Leg& caller = call->leg(LegRole::caller);
  caller.address = &call->config->address(peer);
  caller.call_id = std::string(sip::call_id(request).value_or(""));
  caller.remote_tag = std::string(sip::from(request)->tag().value_or(""));
  call->leg(LegRole::callee).address = &call->config->address(callee_peer);
  call->caller_invite = tx;
  call->offer = std::string(request.body());
  call->offer_type = content_type_of(request);

  Call& c = *call;
  calls_.emplace(c.id, std::move(call));
  track(tx, c, LegRole::caller, TxPurpose::caller_invite);
  if (peer.side == Side::trunk) ++metrics_.trunks[config_->trunk(peer.trunk).name].calls_in;
  if (c.outbound == Direction::to_trunk) ++metrics_.trunks[config_->trunk(c.trunk).name].calls_out;
  log_call(spdlog::level::info, c, LegRole::caller, "call-start", "{} -> {} via trunk {}",
           request.request_uri_text(), to_string(c.leg(LegRole::callee).address->peer.side),
           config_->trunk(c.trunk).name);

  if (!c.offer.empty() &&
      !media(c, LegRole::callee, SdpRole::offer, "INVITE", 0, c.offer, c.offer_type)) {
    answer_caller(c, 488);
    c.final_received = true;
    maybe_finish(c);
    return;
  }
  if (auto ec = send_callee_invite(c)) {
    log_call(spdlog::level::warn, c, LegRole::callee, "invite-not-sent", "{}", ec.message());
    c.final_received = true;
    if (c.outbound == Direction::to_trunk && try_next_trunk(c)) return;
    answer_caller(c, 503,
                  c.outbound == Direction::to_trunk ? DiagnosticCode::kNoGatewayLeft
                                                    : DiagnosticCode::kPeerUnreachable);
    maybe_finish(c);
  }
}

std::error_code B2bua::send_callee_invite(Call& c) {
  const sip::Message* incoming = layer_.request(c.caller_invite);
  if (incoming == nullptr) return sip::TransactionError::unknown_transaction;
  Leg& callee = c.leg(LegRole::callee);
  Leg& caller = c.leg(LegRole::caller);
  LegIds ids{layer_.ids().call_id(callee.address->local.address), layer_.ids().tag(),
             layer_.ids().initial_cseq()};
  callee.call_id = ids.call_id;
  callee.tag = ids.tag;
  const std::uint32_t max_forwards = sip::max_forwards(*incoming).value_or(70) - 1;
  // Translation acts on the leg toward the chosen trunk, after route selection (decision 6.9).
  const bool to_trunk = callee.address->peer.side == Side::trunk;
  const sip::Message invite = make_callee_invite(
      CalleeInvite{*incoming, *callee.address, *caller.address, ids, max_forwards,
                   c.policy_toward(LegRole::callee), options_.user_agent, c.offer, c.offer_type,
                   to_trunk ? &c.config->numbering(callee.address->peer.trunk) : nullptr});
  auto tx = send_on(*callee.address, invite, callee.address->next_hop);
  if (!tx) return tx.error();
  c.callee_invite = *tx;
  track(*tx, c, LegRole::callee, TxPurpose::callee_invite);
  if (to_trunk) {
    if (!c.failover) c.failover = std::make_unique<FastFailoverTimer>(layer_.timers());
    const std::uint64_t id = c.id;
    const sip::TransactionId attempt = *tx;
    c.failover->arm(c.config->trunk(callee.address->peer.trunk).settings,
                    [this, id, attempt] { on_fast_failover(id, attempt); });
  }
  return {};
}

void B2bua::on_callee_response(Call& c, sip::TransactionId tx, const sip::Message& response) {
  const int status = response.status_code();
  if (tx == c.callee_invite && c.failover) c.failover->on_response(status);
  if (status == 100) return;
  const sip::Message* request = layer_.request(tx);
  if (status < 200) {
    if (request != nullptr && !c.final_sent) on_callee_provisional(c, *request, response);
    return;
  }
  if (status < 300) {
    on_callee_2xx(c, request, response);
    return;
  }
  if (request != nullptr) dialogs_.on_uac_response(*request, response);
  if (tx != c.callee_invite) return;  // a failed earlier attempt, already handled
  on_callee_failure(c, status, &response);
}

void B2bua::on_callee_provisional(Call& c, const sip::Message& request,
                                  const sip::Message& response) {
  const sip::Message* caller_request = layer_.request(c.caller_invite);
  if (caller_request == nullptr) return;
  Leg& callee = c.leg(LegRole::callee);
  Leg& caller = c.leg(LegRole::caller);
  std::string caller_tag;
  sip::Dialog* early = dialogs_.on_uac_response(request, response, over_tls(callee));
  if (early != nullptr) {
    early->user_data = dialog_tag(c.id, LegRole::callee);
    const std::string callee_tag = early->id().remote_tag;
    Fork* fork = c.fork_by_callee_tag(callee_tag);
    if (fork == nullptr) {
      // Past MaxEarlyDialogs a fork is not shown to a trunk caller (TC-06).
      const auto relayed =
          std::count_if(c.forks.begin(), c.forks.end(), [](const Fork& f) { return f.relayed; });
      const bool limited = caller.address->peer.side == Side::trunk &&
                           relayed >= c.config->trunk(c.trunk).settings.max_early_dialogs;
      c.forks.push_back(Fork{callee_tag, layer_.ids().tag(), !limited});
      fork = &c.forks.back();
    }
    if (!fork->relayed) return;
    caller_tag = fork->caller_tag;
  }
  std::string body(response.body());
  const std::string content_type = content_type_of(response);
  const SdpRole role = request.body().empty() ? SdpRole::offer : SdpRole::answer;
  if (!body.empty() &&
      !media(c, LegRole::caller, role, "INVITE", response.status_code(), body, content_type)) {
    return;  // an early answer we cannot use: the final response will still come
  }
  auto relayed = make_relayed_response(*caller_request, response, caller_tag, *caller.address,
                                       c.policy_toward(LegRole::caller), options_.user_agent, body,
                                       content_type);
  if (!relayed) return;
  if (layer_.respond(c.caller_invite, *relayed)) return;
  c.provisional_relayed = true;
  if (caller_tag.empty()) return;
  const sip::DialogId id{caller.call_id, caller_tag, caller.remote_tag};
  if (dialogs_.find(id) == nullptr) {
    auto dialog = sip::Dialog::from_uas(*caller_request, *relayed, over_tls(caller),
                                        layer_.ids().initial_cseq());
    if (dialog) dialogs_.add(std::move(*dialog)).user_data = dialog_tag(c.id, LegRole::caller);
  }
}

void B2bua::on_callee_2xx(Call& c, const sip::Message* request, const sip::Message& response) {
  Leg& callee = c.leg(LegRole::callee);
  sip::Dialog* dialog = request != nullptr
                            ? dialogs_.on_uac_response(*request, response, over_tls(callee))
                            : dialogs_.match_response(response);
  if (dialog == nullptr) return;
  dialog->user_data = dialog_tag(c.id, LegRole::callee);
  const auto& sequence = sip::cseq(response);
  if (dialog == callee.dialog) {
    // A retransmission of the 2xx we relayed: re-ACK once we ACKed it.
    if (sequence && callee.acked_cseq == sequence->number)
      send_ack(c, LegRole::callee, *dialog, response);
    return;
  }
  if (dialog->terminated()) {
    send_ack(c, LegRole::callee, *dialog, response);
    return;
  }
  if (callee.dialog != nullptr || c.final_sent) {
    // Another fork answered too, or the caller is gone (cancelled, failed): ACK and hang up.
    c.final_received = true;
    ack_and_bye(c, *dialog, response, *callee.address);
    maybe_finish(c);
    return;
  }
  const sip::Message* caller_request = layer_.request(c.caller_invite);
  if (caller_request == nullptr) {
    c.final_received = true;
    ack_and_bye(c, *dialog, response, *callee.address);
    maybe_finish(c);
    return;
  }
  c.final_received = true;
  Leg& caller = c.leg(LegRole::caller);
  const std::string& callee_tag = dialog->id().remote_tag;
  Fork* fork = c.fork_by_callee_tag(callee_tag);
  if (fork == nullptr) {
    c.forks.push_back(Fork{callee_tag, layer_.ids().tag(), true});
    fork = &c.forks.back();
  }
  std::string body(response.body());
  const std::string content_type = content_type_of(response);
  const SdpRole role = c.offer.empty() ? SdpRole::offer : SdpRole::answer;
  if (!body.empty() &&
      !media(c, LegRole::caller, role, "INVITE", response.status_code(), body, content_type)) {
    ack_and_bye(c, *dialog, response, *callee.address);
    answer_caller(c, 488);
    maybe_finish(c);
    return;
  }
  auto relayed = make_relayed_response(*caller_request, response, fork->caller_tag, *caller.address,
                                       c.policy_toward(LegRole::caller), options_.user_agent, body,
                                       content_type);
  if (!relayed || layer_.respond(c.caller_invite, *relayed)) {
    ack_and_bye(c, *dialog, response, *callee.address);
    answer_caller(c, 500);
    maybe_finish(c);
    return;
  }
  c.final_sent = true;
  c.result = CallResult::answered;
  c.state = CallState::answered;
  // No retry is possible any more: the offer kept for one goes (memory per held call).
  std::string().swap(c.offer);
  std::string().swap(c.offer_type);
  callee.dialog = dialog;
  callee.unacked_2xx = std::make_unique<sip::Message>(response);
  caller.tag = fork->caller_tag;
  const sip::DialogId caller_id{caller.call_id, caller.tag, caller.remote_tag};
  sip::Dialog* caller_dialog = dialogs_.find(caller_id);
  if (caller_dialog != nullptr) {
    caller_dialog->on_response_sent(*caller_request, *relayed);
  } else if (auto created = sip::Dialog::from_uas(*caller_request, *relayed, over_tls(caller),
                                                  layer_.ids().initial_cseq())) {
    caller_dialog = &dialogs_.add(std::move(*created));
  }
  if (caller_dialog != nullptr) {
    caller_dialog->user_data = dialog_tag(c.id, LegRole::caller);
    caller.dialog = caller_dialog;
  }
  // The other forks are over on both legs. Their early dialogs go at once, so that a 2xx
  // one of them may still send makes a new dialog, which is ACKed and hung up.
  for (sip::Dialog* d : dialogs_.forks(callee.call_id, callee.tag)) {
    if (d != dialog && d->early()) dialogs_.erase(d->id());
  }
  for (const Fork& f : c.forks) {
    if (f.caller_tag != caller.tag)
      dialogs_.erase({caller.call_id, f.caller_tag, caller.remote_tag});
  }
  // Confirmed dialogs pair directly; the fork table and the route candidates are done with.
  std::vector<Fork>().swap(c.forks);
  std::vector<std::size_t>().swap(c.candidates.trunks);
  c.failover.reset();
  start_2xx_retransmission(c, LegRole::caller, c.caller_invite, *relayed);
  log_call(spdlog::level::info, c, LegRole::callee, "answered", "{} {}", response.status_code(),
           response.reason_phrase());
}

void B2bua::on_callee_failure(Call& c, int status, const sip::Message* response) {
  c.final_received = true;
  if (c.failover) c.failover->stop();
  const Leg& callee = c.leg(LegRole::callee);
  dialogs_.end_early_forks(callee.call_id, callee.tag);
  if (c.final_sent) {
    maybe_finish(c);
    return;
  }
  // A trunk's failure counts as its translated code (TC-14) for the retry decision and
  // toward the caller; what the transaction layer reports (408, 503) is not translated.
  const bool routed = c.outbound == Direction::to_trunk;
  const TrunkConfig& trunk = c.config->trunk(c.trunk);
  const int counted = routed && response != nullptr
                          ? translate_response_code(trunk.settings.response_code_translation_rules,
                                                    status, isup_cause(*response))
                          : status;
  if (routed && !c.provisional_relayed && moves_to_next_trunk(counted)) {
    log_call(spdlog::level::info, c, LegRole::callee, "attempt-failed", "{} from trunk {}{}",
             status, trunk.name, counted != status ? fmt::format(" (counts as {})", counted) : "");
    if (try_next_trunk(c)) return;
    // HF-02, decision 6.4: every candidate failed over.
    c.final_received = true;
    answer_caller(c, 503, DiagnosticCode::kNoGatewayLeft);
    maybe_finish(c);
    return;
  }
  const sip::Message* caller_request = layer_.request(c.caller_invite);
  if (response == nullptr || caller_request == nullptr) {
    const bool timeout = status == 408;
    answer_caller(c, status,
                  timeout ? DiagnosticCode::kPeerTimeout : DiagnosticCode::kPeerUnreachable);
    maybe_finish(c);
    return;
  }
  std::string tag;
  if (const auto& to_value = sip::to(*response); to_value && to_value->tag()) {
    if (Fork* fork = c.fork_by_callee_tag(*to_value->tag())) tag = fork->caller_tag;
  }
  if (tag.empty()) tag = layer_.ids().tag();
  const LegAddress& caller = *c.leg(LegRole::caller).address;
  auto relayed =
      make_relayed_response(*caller_request, *response, tag, caller,
                            c.policy_toward(LegRole::caller), options_.user_agent, {}, {});
  if (relayed) {
    if (counted != status) relayed->set_status(counted);
    if (caller.peer.side == Side::internal) {
      add_ms_diagnostics(*relayed, DiagnosticCode::kPeerFailure, caller.local.address);
    }
    layer_.respond(c.caller_invite, *relayed);
  }
  c.final_sent = true;
  c.result = result_of_status(counted);
  c.state = CallState::ending;
  for (const Fork& f : c.forks) {
    const Leg& caller_leg = c.leg(LegRole::caller);
    if (sip::Dialog* d = dialogs_.find({caller_leg.call_id, f.caller_tag, caller_leg.remote_tag})) {
      d->terminate();
    }
  }
  log_call(spdlog::level::info, c, LegRole::callee, "failed", "{} {}", counted,
           response->reason_phrase());
  maybe_finish(c);
}

bool B2bua::try_next_trunk(Call& c) {
  while (c.attempt + 1 < c.candidates.trunks.size()) {
    const std::string& failed = c.config->trunk(c.trunk).name;
    ++metrics_.trunks[failed].failures;
    Leg& callee = c.leg(LegRole::callee);
    for (sip::Dialog* d : dialogs_.forks(callee.call_id, callee.tag)) dialogs_.erase(d->id());
    c.attempt += 1;
    c.trunk = c.candidates.trunks[c.attempt];
    c.final_received = false;
    c.forks.clear();
    c.leg(LegRole::callee) = Leg{};
    c.leg(LegRole::callee).address = &c.config->address(Peer{Side::trunk, c.trunk});
    ++metrics_.trunks[c.config->trunk(c.trunk).name].calls_out;
    log_call(spdlog::level::info, c, LegRole::callee, "retry", "from trunk {} to trunk {}", failed,
             c.config->trunk(c.trunk).name);
    const std::error_code ec = send_callee_invite(c);
    if (!ec) return true;
    log_call(spdlog::level::warn, c, LegRole::callee, "invite-not-sent", "{}", ec.message());
    c.final_received = true;
  }
  return false;
}

void B2bua::on_fast_failover(std::uint64_t call_id, sip::TransactionId attempt) {
  Call* call = find_call(call_id);
  if (call == nullptr) return;
  Call& c = *call;
  if (c.callee_invite != attempt || c.final_sent || c.final_received) return;
  const Leg& callee = c.leg(LegRole::callee);
  log_call(spdlog::level::info, c, LegRole::callee, "fast-failover",
           "no progress from trunk {} within {} ms", c.config->trunk(c.trunk).name,
           c.config->trunk(c.trunk).settings.fast_failover_after.count());
  // The attempt is cancelled but lives on until the trunk answers the CANCEL.
  layer_.cancel(attempt);
  if (TxLink* l = link(attempt)) l->purpose = TxPurpose::abandoned_invite;
  c.abandoned.push_back(AbandonedAttempt{attempt, c.trunk, callee.call_id, callee.tag, false});
  c.callee_invite = 0;
  c.final_received = true;
  if (try_next_trunk(c)) return;
  answer_caller(c, 503, DiagnosticCode::kNoGatewayLeft);
  maybe_finish(c);
}

void B2bua::on_abandoned_response(Call& c, sip::TransactionId tx, const sip::Message& response) {
  if (response.status_code() / 100 != 2) return;  // the 487 (ACKed by the layer) or a failure
  auto attempt = std::find_if(c.abandoned.begin(), c.abandoned.end(),
                              [tx](const AbandonedAttempt& a) { return a.tx == tx; });
  if (attempt == c.abandoned.end()) return;
  const LegAddress& address = c.config->address(Peer{Side::trunk, attempt->trunk});
  const sip::Message* request = layer_.request(tx);
  sip::Dialog* dialog = request != nullptr ? dialogs_.on_uac_response(
                                                 *request, response,
                                                 address.next_hop.transport == sip::Transport::tls)
                                           : dialogs_.match_response(response);
  if (dialog == nullptr) return;
  dialog->user_data = 0;  // no call: a request in it gets 481
  if (dialog->terminated()) {
    send_ack_on(c, address, *dialog, response);  // a retransmission: ACK it again
    return;
  }
  ack_and_bye(c, *dialog, response, address);
}

void B2bua::on_caller_cancel(Call& c) {
  c.cancelled = true;
  log_call(spdlog::level::info, c, LegRole::caller, "cancelled", "");
  if (!c.final_received && c.callee_invite != 0) layer_.cancel(c.callee_invite);
  if (!c.final_sent) answer_caller(c, 487);
  c.result = CallResult::cancelled;
  c.state = CallState::ending;
  maybe_finish(c);
}

void B2bua::answer_caller(Call& c, int status, std::optional<DiagnosticCode> code) {
  if (c.failover) c.failover->stop();
  if (c.final_sent) return;
  c.final_sent = true;
  c.result = result_of_status(status);
  c.state = CallState::ending;
  const sip::Message* request = layer_.request(c.caller_invite);
  Leg& caller = c.leg(LegRole::caller);
  for (const Fork& f : c.forks) {
    if (sip::Dialog* d = dialogs_.find({caller.call_id, f.caller_tag, caller.remote_tag})) {
      d->terminate();
    }
  }
  if (request == nullptr) return;
  const std::string tag = c.forks.empty() ? layer_.ids().tag() : c.forks.front().caller_tag;
  auto response = sip::make_response(*request, status, {}, tag);
  if (!response) return;
  add_identity(*response, *caller.address, options_.user_agent);
  add_ms_diagnostics(*response, code.value_or(refusal_code(status)), caller.address->local.address);
  layer_.respond(c.caller_invite, *response);
}

void B2bua::ack_and_bye(Call& c, sip::Dialog& dialog, const sip::Message& response_2xx,
                        const LegAddress& address) {
  send_ack_on(c, address, dialog, response_2xx);
  sip::Message bye = dialog.make_request("BYE");
  add_identity(bye, address, options_.user_agent);
  dialog.terminate();
  auto tx = send_on(address, std::move(bye), hop_on(address, dialog));
  if (tx) track(*tx, c, LegRole::callee, TxPurpose::bye);
}

Fork* Call::fork_by_callee_tag(std::string_view tag) {
  for (Fork& f : forks) {
    if (f.callee_tag == tag) return &f;
  }
  return nullptr;
}

}  // namespace sipconf::mediation
