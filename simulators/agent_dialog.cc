// The agent inside a dialog: BYE, re-INVITE and UPDATE (hold, resume, session refresh),
// REFER with its NOTIFY/sipfrag (RFC 3515), DTMF, and the actions scheduled once a call is up.
#include <algorithm>

#include <fmt/format.h>

#include "simulators/agent.h"
#include "sip/dialog/dialog_glare.h"
#include "sip/dialog/dialog_next_hop.h"
#include "sip/message/message_builders.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::simulators {

using sip::HeaderId;
using sip::Message;
using std::chrono::milliseconds;

namespace {

bool has_option_tag(const Message& m, HeaderId id, std::string_view tag) {
  const auto tags = sip::token_list(m, id);
  return tags && sip::contains_token(*tags, tag);
}

/// The status code of a message/sipfrag body (`SIP/2.0 200 OK`); 0 if it has none.
int sipfrag_status(std::string_view body) {
  if (!body.starts_with("SIP/2.0 ") || body.size() < 11) return 0;
  int status = 0;
  for (char c : body.substr(8, 3)) {
    if (c < '0' || c > '9') return 0;
    status = status * 10 + (c - '0');
  }
  return status;
}

}  // namespace

void Agent::on_in_dialog_request(sip::TransactionId tx, const Message& request,
                                 const sip::Arrival& arrival, sip::Dialog& dialog) {
  Call* call = call_of(dialog);
  const std::string_view method = request.method();
  track(tx, *call, TxPurpose::server);
  const sip::DialogRequestCheck check = dialog.on_request(request);
  if (!check.ok()) {
    Message reply = make_reply(request, arrival.local, check.status, {}, check.reason);
    if (check.needs_retry_after) {
      reply.append_header(HeaderId::retry_after,
                          std::to_string(sip::overlapping_invite_retry_after(layer_->ids())));
    }
    layer_->respond(tx, reply);
    return;
  }
  if (sip::is_stream(arrival.local.transport) && arrival.connection != 0) {
    call->connection = arrival.connection;
  }
  if (method == "BYE") {
    on_bye(tx, request, arrival, dialog, *call);
  } else if (method == "INVITE" || method == "UPDATE") {
    on_session_update(tx, request, arrival, dialog, *call);
  } else if (method == "REFER") {
    on_refer(tx, request, arrival, dialog, *call);
  } else if (method == "NOTIFY") {
    on_notify(tx, request, arrival, dialog, *call);
  } else if (method == "PRACK") {
    on_prack(tx, request, dialog, *call);
  } else {
    Message ok = make_reply(request, arrival.local, 200);  // INFO, OPTIONS
    layer_->respond(tx, ok);
    dialog.on_response_sent(request, ok);
  }
}

void Agent::on_bye(sip::TransactionId tx, const Message& request, const sip::Arrival& arrival,
                   sip::Dialog& dialog, Call& call) {
  Message ok = make_reply(request, arrival.local, 200);
  layer_->respond(tx, ok);
  dialog.on_response_sent(request, ok);
  if (call.role == sip::DialogRole::uas && !call.final_sent) {
    // BYE in an early dialog ends the INVITE too (RFC 3261 §15.1.2).
    layer_->respond(call.invite_tx,
                    make_reply(call.invite, call.arrival.local, 487, dialog.id().local_tag));
    call.final_sent = true;
    call.final_status = 487;
    ++summary_.final_statuses()[487];
  }
  end_call(call);
}

void Agent::on_session_update(sip::TransactionId tx, const Message& request,
                              const sip::Arrival& arrival, sip::Dialog& dialog, Call& call) {
  const bool invite = request.method() == "INVITE";
  ++(invite ? summary_.counters().reinvites_received : summary_.counters().updates_received);
  Message reply = make_reply(request, arrival.local, 200);
  if (!request.body().empty() && call.sdp) {
    base::Diagnostics diags;
    const auto wanted = call.local_hold ? sip::SdpDirection::sendonly : sip::SdpDirection::sendrecv;
    const sip::Result<sip::SessionDescription> offer = parse_body_sdp(request.body(), diags);
    const sip::Result<SdpAnswer> answer =
        offer ? call.sdp->answer(*offer, wanted, diags) : sip::Result<SdpAnswer>(offer.error());
    if (!answer) {
      Message refused = make_reply(request, arrival.local, 488);
      refused.append_header(HeaderId::warning,
                            fmt::format("304 sipsim \"{}\"", refusal_text(answer.error(), diags)));
      layer_->respond(tx, refused);
      dialog.on_response_sent(request, refused);
      return;
    }
    const RemoteMedia& remote = answer->remote;
    if (remote.hold && !call.remote_hold) ++summary_.counters().holds_received;
    call.remote_hold = remote.hold;
    apply_remote_media(call, remote);
    reply.set_body(answer->body, "application/sdp");
  } else if (invite && call.sdp) {
    // An INVITE without offer: ours goes in the 2xx, the answer comes in the ACK.
    reply.set_body(call.sdp->offer(call.sdp->direction()), "application/sdp");
  }
  if (const auto expires = sip::session_expires(request); expires && b_.session_timer) {
    ++summary_.counters().session_refreshes_received;
    ++call.refreshes_received;
    // `refresher` names a side of this transaction: uas is us.
    const sip::Refresher refresher = expires->refresher.value_or(sip::Refresher::uac);
    reply.append_header(HeaderId::session_expires,
                        fmt::format("{};refresher={}", expires->seconds,
                                    refresher == sip::Refresher::uac ? "uac" : "uas"));
    if (has_option_tag(request, HeaderId::supported, "timer")) {
      reply.append_header(HeaderId::require, "timer");
    }
    start_session_timer(call, expires->seconds, refresher == sip::Refresher::uas);
  }
  if (layer_->respond(tx, reply)) return;
  dialog.on_response_sent(request, reply);
  if (invite) {
    call.reinvite_ok = reply;
    call.reinvite_retransmitter = std::make_unique<sip::Uas2xxRetransmitter>(
        timers_, layer_->config().timers,
        [this, id = call.id, tx] {
          Call* c = find_call(id);
          if (c != nullptr && c->reinvite_ok) layer_->respond(tx, *c->reinvite_ok);
        },
        [] {});
    call.reinvite_retransmitter->start();
  }
  update_sending(call);
}

void Agent::on_refer(sip::TransactionId tx, const Message& request, const sip::Arrival& arrival,
                     sip::Dialog& dialog, Call& call) {
  ++summary_.counters().refer_received;
  if (b_.refer != ReferPolicy::accept) {
    const int status = b_.refer == ReferPolicy::reject_501 ? 501 : 603;
    Message refused = make_reply(request, arrival.local, status);
    layer_->respond(tx, refused);
    dialog.on_response_sent(request, refused);
    return;
  }
  const auto target = sip::refer_to(request);
  if (!target) {
    Message bad = make_reply(request, arrival.local, 400, {}, "Bad Refer-To");
    layer_->respond(tx, bad);
    dialog.on_response_sent(request, bad);
    return;
  }
  Message accepted = make_reply(request, arrival.local, 202);
  layer_->respond(tx, accepted);
  dialog.on_response_sent(request, accepted);
  notify_transfer(call.id, 100, "Trying");

  // The new call goes where the Refer-To says when it names an address we can reach with an
  // explicit port; otherwise through the peer that sent the REFER (the mediation).
  sip::Endpoint hop = hop_for(call, dialog);
  if (target->uri().port()) {
    if (auto direct = sip::next_hop_endpoint(target->uri());
        direct && listener(direct->transport)) {
      hop = *direct;
    }
  }
  const auto referred_by = request.header(HeaderId::referred_by);
  const std::string by = referred_by ? std::string(*referred_by) : dialog.remote_uri().to_string();
  const std::uint64_t referrer = call.id;
  if (Call* transfer = place_call(target->uri().to_string(), hop, by, referrer)) {
    if (Call* original = find_call(referrer)) original->transferred_to = transfer->id;
  } else {
    notify_transfer(referrer, 503, "Service Unavailable");
  }
}

void Agent::on_notify(sip::TransactionId tx, const Message& request, const sip::Arrival& arrival,
                      sip::Dialog& dialog, Call& call) {
  ++summary_.counters().notify_received;
  Message ok = make_reply(request, arrival.local, 200);
  layer_->respond(tx, ok);
  dialog.on_response_sent(request, ok);
  const auto event = request.header(HeaderId::event);
  if (!event || !event->starts_with("refer")) return;
  const int status = sipfrag_status(request.body());
  if (status < 200) return;
  if (status < 300) {
    ++summary_.counters().transfers_completed;
    if (!b_.expect_refer_accepted) call.fail("the transfer succeeded, a refusal was expected");
    send_bye(call.id);  // the transferor leaves (RFC 5589 §6)
  } else if (b_.expect_refer_accepted) {
    call.fail(fmt::format("the transfer failed: sipfrag {}", status));
  }
}

void Agent::on_in_dialog_response(Call& call, TxPurpose purpose, const Message& request,
                                  const Message& response) {
  const int status = response.status_code();
  sip::Dialog* dialog = purpose == TxPurpose::prack || purpose == TxPurpose::fork_bye
                            ? dialogs_.match_response(response)
                            : dialog_of(call);
  if (status < 200) return;
  if (dialog != nullptr) dialog->on_response(request, response);
  switch (purpose) {
    case TxPurpose::bye:
      if (status >= 300 && status != 481 && status != 408) {
        call.fail(fmt::format("BYE answered {}", status));
      }
      end_call(call);
      return;
    case TxPurpose::fork_bye:
      if (dialog != nullptr && dialog->terminated()) dialogs_.erase(sip::DialogId(dialog->id()));
      return;
    case TxPurpose::refer:
      if (status < 300) {
        ++summary_.counters().refer_accepted;
        call.refer_accepted = true;
      } else {
        ++summary_.counters().refer_rejected;
        if (b_.expect_refer_accepted) call.fail(fmt::format("REFER answered {}", status));
      }
      if (status >= 300 && !b_.expect_refer_accepted && b_.bye_after.count() == 0) {
        send_bye(call.id);  // the refusal was the point of the call
      }
      return;
    case TxPurpose::reinvite:
    case TxPurpose::update:
      break;
    default:
      return;  // NOTIFY, PRACK: nothing to do with the answer
  }
  if (dialog == nullptr || dialog->terminated()) {
    call.fail(fmt::format("{} answered {}: the dialog is gone", request.method(), status));
    end_call(call);
    return;
  }
  if (purpose == TxPurpose::reinvite && status < 300) send_ack(*dialog, call, response);
  if (status == 491) {
    // Glare (RFC 3261 §14.1): try again after the random wait.
    const milliseconds wait = sip::glare_retry_delay(dialog->call_id_owner(), layer_->ids());
    const std::uint64_t id = call.id;
    const bool hold = call.local_hold;
    const bool refresh = request.has(HeaderId::session_expires) && request.body().empty();
    call.hold_timer.start(wait, [this, id, hold, refresh] {
      if (refresh) {
        send_refresh(id);
      } else {
        send_hold(id, hold);
      }
    });
    return;
  }
  if (status >= 300) {
    call.fail(fmt::format("{} answered {}", request.method(), status));
    return;
  }
  if (!response.body().empty() && call.sdp) {
    base::Diagnostics ignored;  // an answer we cannot use leaves the media as it was
    if (auto sdp = parse_body_sdp(response.body(), ignored)) {
      if (auto remote = read_remote_media(*sdp, call.sdp->local(), ignored)) {
        apply_remote_media(call, *remote);
      }
    }
  }
  if (const auto expires = sip::session_expires(response); expires && call.session_interval) {
    start_session_timer(call, expires->seconds,
                        expires->refresher.value_or(sip::Refresher::uac) == sip::Refresher::uac);
  }
}

void Agent::call_established(Call& call) {
  const std::uint64_t id = call.id;
  const std::chrono::milliseconds bye_after =
      call.role == sip::DialogRole::uac ? b_.bye_after : b_.uas_bye_after;
  if (bye_after.count() > 0) call.bye_timer.start(bye_after, [this, id] { send_bye(id); });
  // Hold, DTMF and transfer are what a caller does: on the calls this endpoint placed itself.
  if (call.role == sip::DialogRole::uac && call.referred_by_call == 0) {
    if (b_.hold_after.count() > 0) {
      call.hold_timer.start(b_.hold_after, [this, id] { send_hold(id, true); });
    }
    if (!b_.dtmf.empty()) call.dtmf_timer.start(b_.dtmf_after, [this, id] { send_dtmf(id); });
    if (!b_.transfer_to.empty()) {
      call.transfer_timer.start(b_.transfer_after, [this, id] { send_refer(id); });
    }
  }
  if (call.session_interval != 0) start_session_timer(call, call.session_interval, call.we_refresh);
}

void Agent::send_bye(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->bye_sent || call->state == CallState::ended) return;
  if (call->state != CallState::answered) {
    if (call->role == sip::DialogRole::uac) cancel_call(call_id);
    return;
  }
  sip::Dialog* dialog = dialog_of(*call);
  call->bye_sent = true;
  call->stop_timers();
  if (call->stream) call->stream->set_sending(false);
  if (dialog == nullptr || !send_in_dialog(*call, *dialog, "BYE", TxPurpose::bye)) {
    call->fail("the BYE could not be sent");
    end_call(*call);
  }
}

void Agent::send_hold(std::uint64_t call_id, bool hold) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->state != CallState::answered || call->bye_sent || !call->sdp) {
    return;
  }
  sip::Dialog* dialog = dialog_of(*call);
  if (dialog == nullptr) return;
  if (!dialog->can_send_invite()) {
    call->hold_timer.start(milliseconds(200), [this, call_id, hold] { send_hold(call_id, hold); });
    return;
  }
  call->local_hold = hold;
  const std::string body =
      call->sdp->offer(hold ? sip::SdpDirection::sendonly : sip::SdpDirection::sendrecv);
  const bool sent = send_in_dialog(*call, *dialog, "INVITE", TxPurpose::reinvite, [&](Message& m) {
    if (call->session_interval != 0) {
      add_session_headers(*call, m, call->we_refresh);
    }
    m.set_body(body, "application/sdp");
  });
  if (!sent) return;
  ++(hold ? summary_.counters().holds_sent : summary_.counters().resumes_sent);
  if (hold && b_.resume_after.count() > 0) {
    call->resume_timer.start(b_.resume_after, [this, call_id] { send_hold(call_id, false); });
  }
}

void Agent::add_session_headers(Call& call, Message& message, bool refresher_is_uac) const {
  message.append_header(
      HeaderId::session_expires,
      fmt::format("{};refresher={}", call.session_interval, refresher_is_uac ? "uac" : "uas"));
  message.append_header(HeaderId::min_se, std::to_string(b_.min_se));
}

void Agent::send_refresh(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->state != CallState::answered || call->bye_sent) return;
  sip::Dialog* dialog = dialog_of(*call);
  if (dialog == nullptr) return;
  const bool update =
      b_.refresh_method == RefreshMethod::update && call->peer_allows_update && b_.allow_update;
  if (!update && !dialog->can_send_invite()) {
    call->session_timer.start(milliseconds(500), [this, call_id] { send_refresh(call_id); });
    return;
  }
  ++summary_.counters().session_refreshes_sent;
  ++call->refreshes_sent;
  send_in_dialog(*call, *dialog, update ? "UPDATE" : "INVITE",
                 update ? TxPurpose::update : TxPurpose::reinvite, [&](Message& m) {
                   add_session_headers(*call, m, true);
                   if (!update && call->sdp) {
                     // A re-INVITE needs an offer; the unchanged one keeps its version.
                     m.set_body(call->sdp->offer(call->sdp->direction()), "application/sdp");
                   }
                 });
  // The 2xx restarts the timer; until then the next refresh stays due at the same rate.
  call->session_timer.start(milliseconds(1000LL * call->session_interval / 2),
                            [this, call_id] { send_refresh(call_id); });
}

void Agent::start_session_timer(Call& call, std::uint32_t interval, bool we_refresh) {
  call.session_interval = interval;
  call.we_refresh = we_refresh;
  const std::uint64_t id = call.id;
  if (we_refresh) {
    call.session_timer.start(milliseconds(1000LL * interval / 2), [this, id] { send_refresh(id); });
  } else {
    // RFC 4028 §10: the other side gives up at interval - min(32 s, interval / 3).
    const std::uint32_t margin = std::min<std::uint32_t>(32, interval / 3);
    call.session_timer.start(milliseconds(1000LL * (interval - margin)),
                             [this, id] { on_session_expired(id); });
  }
}

void Agent::on_session_expired(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr) return;
  ++summary_.counters().sessions_expired;
  call->fail(fmt::format("session expired: no refresh within {} s", call->session_interval));
  send_bye(call_id);
}

void Agent::send_refer(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->state != CallState::answered || call->bye_sent) return;
  sip::Dialog* dialog = dialog_of(*call);
  if (dialog == nullptr) return;
  sip::Uri target;
  if (auto parsed = sip::Uri::parse(b_.transfer_to);
      parsed && (b_.transfer_to.starts_with("sip:") || b_.transfer_to.starts_with("sips:") ||
                 b_.transfer_to.starts_with("tel:"))) {
    target = std::move(*parsed);
  } else {
    const sip::Endpoint hop = hop_for(*call, *dialog);
    target = sip::Uri::sip(format_number(b_.transfer_to), hop.address);
    if (b_.user_phone) target.params().set("user", "phone");
  }
  ++summary_.counters().refer_sent;
  call->refer_sent = true;
  send_in_dialog(*call, *dialog, "REFER", TxPurpose::refer, [&](Message& m) {
    m.append_header(HeaderId::refer_to, sip::NameAddr(target).to_string());
    m.append_header(HeaderId::referred_by, dialog->local_uri().to_string());
  });
}

void Agent::send_dtmf(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->state != CallState::answered) return;
  if (!call->stream || !call->remote_media || call->remote_media->target.telephone_event == 0 ||
      !call->stream->send_dtmf(b_.dtmf, static_cast<std::uint32_t>(b_.dtmf_duration.count()))) {
    call->fail("DTMF not sent: no telephone-event negotiated or no RTP");
    return;
  }
  summary_.counters().dtmf_digits_sent += b_.dtmf.size();
}

void Agent::notify_transfer(std::uint64_t referrer_id, int status, std::string_view reason) {
  Call* call = find_call(referrer_id);
  if (call == nullptr || call->state != CallState::answered) return;
  sip::Dialog* dialog = dialog_of(*call);
  if (dialog == nullptr) return;
  const bool final = status >= 200;
  ++summary_.counters().notify_sent;
  send_in_dialog(*call, *dialog, "NOTIFY", TxPurpose::notify, [&](Message& m) {
    m.append_header(HeaderId::event, "refer");
    m.append_header(HeaderId::subscription_state,
                    final ? "terminated;reason=noresource" : "active;expires=60");
    m.set_body(fmt::format("SIP/2.0 {} {}\r\n", status, reason), "message/sipfrag;version=2.0");
  });
}

}  // namespace sipconf::simulators
