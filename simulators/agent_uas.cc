// The agent as UAS of an initial INVITE: ringing (180, or 183 with early media) once per
// fork, the final response after answer_after_ms, reliable provisionals (RFC 3262), session
// timer negotiation (RFC 4028), and the 2xx retransmitted until its ACK.
#include <algorithm>

#include <fmt/format.h>

#include "simulators/agent.h"
#include "sip/message/message_builders.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::simulators {

using sip::HeaderId;
using sip::Message;

namespace {

bool uas_has_option_tag(const Message& m, HeaderId id, std::string_view tag) {
  const auto tags = sip::token_list(m, id);
  return tags && sip::contains_token(*tags, tag);
}

bool is_sdp(const Message& m) {
  const auto type = sip::content_type(m);
  return type && type->matches("application", "sdp");
}

}  // namespace

void Agent::on_initial_invite(sip::TransactionId tx, const Message& request,
                              const sip::Arrival& arrival) {
  ++summary_.counters().calls_received;
  Call& call = new_call(sip::DialogRole::uas);
  call.invite_tx = tx;
  call.invite = request;
  call.arrival = arrival;
  call.call_id = std::string(sip::call_id(request).value_or(""));
  if (sip::is_stream(arrival.local.transport)) call.connection = arrival.connection;
  uas_invites_[tx] = call.id;
  track(tx, call, TxPurpose::invite);

  auto refuse = [&](int status, std::string_view reason, const std::function<void(Message&)>& fill,
                    bool intended) {
    Message reply = make_reply(request, arrival.local, status, layer_->ids().tag(), reason);
    if (fill) fill(reply);
    layer_->respond(tx, reply);
    call.final_sent = true;
    call.final_status = status;
    ++summary_.final_statuses()[status];
    ++summary_.counters().calls_rejected;
    if (!intended) call.fail(fmt::format("answered {} {}", status, reason));
    end_call(call);
  };

  if (shutting_down_) {
    refuse(503, "Service Unavailable", {}, false);
    return;
  }
  const bool peer_rel100 = uas_has_option_tag(request, HeaderId::supported, "100rel") ||
                           uas_has_option_tag(request, HeaderId::require, "100rel");
  if (b_.rel100 == Rel100::required && !peer_rel100 && b_.answer != AnswerMode::silent &&
      b_.answer != AnswerMode::trying_only) {
    refuse(
        421, "Extension Required", [](Message& m) { m.append_header(HeaderId::require, "100rel"); },
        true);
    return;
  }
  call.reliable = b_.rel100 != Rel100::unsupported && peer_rel100;
  if (b_.session_timer && request.has(HeaderId::session_expires)) {
    const auto expires = sip::session_expires(request);
    if (expires && expires->seconds < b_.min_se) {
      refuse(
          422, "Session Interval Too Small",
          [this](Message& m) { m.append_header(HeaderId::min_se, std::to_string(b_.min_se)); },
          true);
      return;
    }
  }
  if (!request.body().empty()) {
    if (!is_sdp(request)) {
      refuse(
          415, "Unsupported Media Type",
          [](Message& m) { m.append_header(HeaderId::accept, "application/sdp"); }, false);
      return;
    }
    base::Diagnostics ignored;  // the 400 says it: Bad SDP
    if (!parse_body_sdp(request.body(), ignored)) {
      refuse(400, "Bad SDP", {}, false);
      return;
    }
  }
  if (!open_media(call, arrival.local.address)) {
    refuse(503, "Service Unavailable", {}, false);  // no RTP port: the problem says why
    return;
  }
  for (int i = 0; i < b_.early_dialogs; ++i) call.fork_tags.push_back(layer_->ids().tag());

  const std::uint64_t id = call.id;
  switch (b_.answer) {
    case AnswerMode::silent:       // the layer was told not to send 100 Trying
    case AnswerMode::trying_only:  // the layer sent it; nothing follows
      return;
    case AnswerMode::never:
    case AnswerMode::final:
      break;
  }
  if (b_.ring != RingMode::none) {
    call.ring_timer.start(b_.ring_after, [this, id] { send_ringing(id); });
  }
  if (b_.answer == AnswerMode::final) {
    call.answer_timer.start(b_.answer_after, [this, id] { answer_call(id); });
  }
}

std::optional<std::string> Agent::uas_answer_body(Call& call, const sip::Endpoint& local) {
  if (!call.local_body.empty()) return call.local_body;
  if (!call.sdp) return std::nullopt;
  if (call.invite.body().empty()) {
    call.local_body = call.sdp->offer(sip::SdpDirection::sendrecv);  // late offer: ours
    return call.local_body;
  }
  base::Diagnostics diags;
  const sip::Result<sip::SessionDescription> offer = parse_body_sdp(call.invite.body(), diags);
  const sip::Result<SdpAnswer> answer =
      offer ? call.sdp->answer(*offer, sip::SdpDirection::sendrecv, diags)
            : sip::Result<SdpAnswer>(offer.error());
  if (!answer) {
    const std::string why = refusal_text(answer.error(), diags);
    Message reply = make_reply(call.invite, local, 488, layer_->ids().tag());
    reply.append_header(HeaderId::warning, fmt::format("304 sipsim \"{}\"", why));
    layer_->respond(call.invite_tx, reply);
    call.final_sent = true;
    call.final_status = 488;
    ++summary_.final_statuses()[488];
    ++summary_.counters().calls_rejected;
    call.fail("offer not acceptable: " + why);
    end_call(call);
    return std::nullopt;
  }
  call.local_body = answer->body;
  apply_remote_media(call, answer->remote);
  return call.local_body;
}

void Agent::send_ringing(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->final_sent) return;
  const bool with_sdp = b_.ring == RingMode::progress;
  for (const std::string& tag : std::vector<std::string>(call->fork_tags)) {
    if (call->state == CallState::ended) return;
    send_provisional(*call, tag, with_sdp);
  }
}

void Agent::send_provisional(Call& call, const std::string& tag, bool with_sdp) {
  const int status = with_sdp ? 183 : 180;
  Message reply = make_reply(call.invite, call.arrival.local, status, tag);
  if (with_sdp) {
    std::optional<std::string> body = uas_answer_body(call, call.arrival.local);
    if (!body) return;  // 488 sent, call ended
    reply.set_body(*body, "application/sdp");
  }
  if (call.reliable) {
    reply.append_header(HeaderId::require, "100rel");
    const std::uint32_t rseq = call.next_rseq++;
    reply.append_header(HeaderId::rseq, std::to_string(rseq));
    call.reliable_queue.push_back({reply, rseq, std::chrono::milliseconds(0)});
    ++summary_.counters().reliable_provisionals_sent;
    if (call.reliable_queue.size() == 1) send_next_reliable(call);
  } else if (layer_->respond(call.invite_tx, reply)) {
    return;  // the transaction is gone (CANCEL raced us)
  }
  ++summary_.counters().provisionals_sent;
  const bool tls = call.arrival.local.transport == sip::Transport::tls;
  if (auto dialog = sip::Dialog::from_uas(call.invite, reply, tls, layer_->ids().initial_cseq())) {
    dialog->user_data = call.id;
    dialogs_.add(std::move(*dialog));
  }
  call.state = CallState::early;
  call.early_dialogs = static_cast<std::uint32_t>(call.fork_tags.size());
  summary_.counters().early_dialogs_max =
      std::max<std::uint64_t>(summary_.counters().early_dialogs_max, call.early_dialogs);
  if (with_sdp) {
    call.media_active = true;  // early media (SG-06)
    update_sending(call);
  }
}

void Agent::send_next_reliable(Call& call) {
  if (call.reliable_queue.empty()) {
    if (call.answer_due) {
      call.answer_due = false;
      send_final(call);
    }
    return;
  }
  ReliableProvisional& next = call.reliable_queue.front();
  layer_->respond(call.invite_tx, next.response);
  next.interval = layer_->config().timers.t1;
  call.reliable_sent_at = timers_.now();
  const std::uint64_t id = call.id;
  call.reliable_timer.start(next.interval, [this, id] { on_reliable_timer(id); });
}

void Agent::on_reliable_timer(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->reliable_queue.empty() || call->final_sent) return;
  const sip::TransactionTimers& timers = layer_->config().timers;
  if (timers_.now() - call->reliable_sent_at >= timers.timeout()) {
    // RFC 3262 §3: no PRACK within 64*T1: reject the INVITE with a 5xx.
    call->reliable_queue.clear();
    Message reply =
        make_reply(call->invite, call->arrival.local, 504, call->fork_tags.front(), "No PRACK");
    layer_->respond(call->invite_tx, reply);
    call->final_sent = true;
    call->final_status = 504;
    ++summary_.final_statuses()[504];
    call->fail("no PRACK for a reliable provisional response");
    end_call(*call);
    return;
  }
  ReliableProvisional& pending = call->reliable_queue.front();
  layer_->respond(call->invite_tx, pending.response);
  pending.interval *= 2;
  call->reliable_timer.start(pending.interval, [this, call_id] { on_reliable_timer(call_id); });
}

void Agent::on_prack(sip::TransactionId tx, const Message& request, sip::Dialog& dialog,
                     Call& call) {
  ++summary_.counters().prack_received;
  const auto rack = sip::rack(request);
  const auto invite_cseq = sip::cseq(call.invite);
  if (!rack || !invite_cseq || call.reliable_queue.empty() ||
      rack->rseq != call.reliable_queue.front().rseq || rack->cseq != invite_cseq->number) {
    reject(tx, request, 481, "No Matching Provisional Response");
    return;
  }
  call.reliable_timer.stop();
  call.reliable_queue.pop_front();
  Message ok = make_reply(request, call.arrival.local, 200);
  layer_->respond(tx, ok);
  dialog.on_response_sent(request, ok);
  // The answer to an offer we made in a reliable provisional comes in the PRACK.
  if (!request.body().empty() && !call.remote_media && call.sdp) {
    base::Diagnostics ignored;  // an answer we cannot use leaves the media as it was
    if (auto sdp = parse_body_sdp(request.body(), ignored)) {
      if (auto remote = read_remote_media(*sdp, call.sdp->local(), ignored)) {
        apply_remote_media(call, *remote);
      }
    }
  }
  send_next_reliable(call);
}

void Agent::answer_call(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->final_sent) return;
  call->ring_timer.stop();
  if (!call->reliable_queue.empty()) {
    call->answer_due = true;  // after the PRACK (RFC 3262 §3)
    return;
  }
  send_final(*call);
}

void Agent::send_final(Call& call) {
  const int status = b_.final_status;
  const std::size_t fork = static_cast<std::size_t>(b_.answer_dialog - 1);
  const std::string tag = call.fork_tags.empty()         ? layer_->ids().tag()
                          : fork < call.fork_tags.size() ? call.fork_tags[fork]
                                                         : call.fork_tags.back();
  Message reply = make_reply(call.invite, call.arrival.local, status, tag);
  if (status >= 300) {
    if (b_.q850_cause != 0) {
      reply.append_header(HeaderId::reason, fmt::format("Q.850;cause={}", b_.q850_cause));
    }
    if (!b_.ms_diagnostics.empty()) reply.append_header("ms-diagnostics", b_.ms_diagnostics);
    layer_->respond(call.invite_tx, reply);
    call.final_sent = true;
    call.final_status = status;
    ++summary_.final_statuses()[status];
    ++summary_.counters().calls_rejected;
    end_call(call);  // the behaviour asked for this failure: as intended
    return;
  }
  std::optional<std::string> body = uas_answer_body(call, call.arrival.local);
  if (!body) return;
  reply.set_body(*body, "application/sdp");
  if (b_.pai_on_answer) {
    const auto uri = call.invite.request_uri();
    sip::Uri pai =
        sip::Uri::sip(format_number(uri && uri->has_user() ? uri->user_unescaped() : "sipsim"),
                      call.arrival.local.address);
    if (b_.user_phone) pai.params().set("user", "phone");
    reply.append_header(HeaderId::p_asserted_identity, sip::NameAddr(pai).to_string());
  }
  // Session timer (RFC 4028 §9): take the UAC's interval, or offer ours if it supports timers.
  const bool uac_timer = uas_has_option_tag(call.invite, HeaderId::supported, "timer") ||
                         uas_has_option_tag(call.invite, HeaderId::require, "timer");
  if (b_.session_timer) {
    std::uint32_t interval = 0;
    std::optional<sip::Refresher> refresher;
    if (const auto asked = sip::session_expires(call.invite)) {
      interval = std::max(asked->seconds, b_.min_se);
      refresher = asked->refresher;
    } else if (uac_timer) {
      interval = b_.session_expires;
    }
    if (interval != 0) {
      if (!refresher || !uac_timer) {
        refresher =
            uac_timer && b_.refresher == Party::uac ? sip::Refresher::uac : sip::Refresher::uas;
      }
      reply.append_header(HeaderId::session_expires,
                          fmt::format("{};refresher={}", interval,
                                      *refresher == sip::Refresher::uac ? "uac" : "uas"));
      if (uac_timer) reply.append_header(HeaderId::require, "timer");
      call.session_interval = interval;
      call.we_refresh = *refresher == sip::Refresher::uas;
    }
  }
  if (layer_->respond(call.invite_tx, reply)) return;
  call.final_sent = true;
  call.final_status = status;
  ++summary_.final_statuses()[status];
  ++summary_.counters().calls_answered;
  const auto allow = sip::token_list(call.invite, HeaderId::allow);
  call.peer_allows_update = allow && sip::contains_token(*allow, "UPDATE");

  const auto from = sip::from(call.invite);
  const std::string from_tag(from && from->tag() ? *from->tag() : std::string_view());
  sip::Dialog* dialog = dialogs_.find(sip::DialogId{call.call_id, tag, from_tag});  // early?
  if (dialog == nullptr) {
    const bool tls = call.arrival.local.transport == sip::Transport::tls;
    auto created = sip::Dialog::from_uas(call.invite, reply, tls, layer_->ids().initial_cseq());
    if (!created) {
      call.fail("the 2xx does not make a dialog");
      end_call(call);
      return;
    }
    created->user_data = call.id;
    dialog = &dialogs_.add(std::move(*created));
  }
  dialog->on_response_sent(call.invite, reply);
  call.dialog = dialog->id();
  // The other forks' early dialogs end with this answer.
  for (const std::string& other : call.fork_tags) {
    if (other != tag) dialogs_.erase(sip::DialogId{call.call_id, other, from_tag});
  }
  call.state = CallState::answered;
  call.answered_at = timers_.now();
  call.media_active = true;
  update_sending(call);
  call.ok_response = reply;
  const std::uint64_t id = call.id;
  call.ok_retransmitter = std::make_unique<sip::Uas2xxRetransmitter>(
      timers_, layer_->config().timers,
      [this, id] {
        Call* c = find_call(id);
        if (c != nullptr && c->ok_response) layer_->respond(c->invite_tx, *c->ok_response);
      },
      [this, id] {
        Call* c = find_call(id);
        if (c == nullptr) return;
        c->fail("no ACK for the 2xx within 64*T1");
        c->acknowledged = true;  // give up waiting; hang up as RFC 3261 §13.3.1.4 says
        send_bye(id);
      });
  call.ok_retransmitter->start();
}

void Agent::on_uas_acknowledged(Call& call) {
  if (call.acknowledged || call.state != CallState::answered) return;
  call.acknowledged = true;
  if (call.ok_retransmitter) call.ok_retransmitter->acknowledged();
  call_established(call);
}

}  // namespace sipconf::simulators
