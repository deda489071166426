// The agent as UAC: the call generator (N calls at a rate, a concurrency cap), the INVITE
// with the profile's identity headers (PAI, Diversion or History-Info, session timer, 100rel),
// the responses from every fork, PRACK, ACK and CANCEL.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "simulators/agent.h"
#include "sip/dialog/dialog_next_hop.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::simulators {

using sip::HeaderId;
using sip::Message;

namespace {

bool uac_has_option_tag(const Message& m, HeaderId id, std::string_view tag) {
  const auto tags = sip::token_list(m, id);
  return tags && sip::contains_token(*tags, tag);
}

bool looks_like_uri(std::string_view target) {
  return target.starts_with("sip:") || target.starts_with("sips:") || target.starts_with("tel:");
}

}  // namespace

void Agent::place_next_call() {
  if (shutting_down_ || calls_to_place_ <= 0) return;
  const std::uint64_t total = static_cast<std::uint64_t>(b_.calls);
  const double elapsed = std::chrono::duration<double>(timers_.now() - start_time_).count();
  // How many calls the rate allows by now (the first goes at once).
  const std::uint64_t due =
      std::min<std::uint64_t>(total, static_cast<std::uint64_t>(elapsed * b_.rate) + 1);
  std::size_t active_uac = 0;
  for (const auto& [id, call] : calls_) {
    if (call->role == sip::DialogRole::uac && call->referred_by_call == 0) ++active_uac;
  }
  std::uint64_t placed = total - static_cast<std::uint64_t>(calls_to_place_);
  while (placed < due && calls_to_place_ > 0) {
    if (b_.max_concurrent > 0 && active_uac >= static_cast<std::size_t>(b_.max_concurrent)) {
      return;  // a call's end restarts the generator
    }
    --calls_to_place_;
    ++placed;
    ++active_uac;
    place_call(b_.called, *config_.remote, {}, 0);
    if (shutting_down_) return;
  }
  if (calls_to_place_ > 0) {
    const double next_at = static_cast<double>(placed) / b_.rate;
    const auto delay = std::chrono::milliseconds(
        static_cast<long long>(std::ceil(std::max(0.0, next_at - elapsed) * 1000.0)));
    generator_.start(delay, [this] { place_next_call(); });
  }
  check_finished();
}

Call* Agent::place_call(const std::string& target, const sip::Endpoint& hop,
                        const std::string& referred_by, std::uint64_t referrer) {
  Call& call = new_call(sip::DialogRole::uac);
  call.next_hop = hop;
  call.referred_by_call = referrer;
  call.referred_by = referred_by;
  if (referrer == 0) {
    ++summary_.counters().calls_placed;
  } else {
    ++summary_.counters().transfer_calls;
  }
  const sip::Endpoint* local = listener(hop.transport);
  if (local == nullptr) {
    call.fail(fmt::format("no {} listener to call {} from", sip::to_string(hop.transport),
                          sip::to_string(hop)));
    end_call(call);
    return nullptr;
  }
  call.call_id = layer_->ids().call_id(local->address);

  auto phone_uri = [&](std::string_view number, const std::string& host,
                       std::optional<std::uint16_t> port) {
    sip::Uri uri = sip::Uri::sip(format_number(number), host, port);
    if (b_.user_phone) uri.params().set("user", "phone");
    return uri;
  };
  sip::Uri request_uri;
  sip::Uri to_uri;
  if (looks_like_uri(target)) {
    auto parsed = sip::Uri::parse(target);
    if (!parsed) {
      call.fail(fmt::format("target `{}` is not a URI", target));
      end_call(call);
      return nullptr;
    }
    request_uri = std::move(*parsed);
    request_uri.headers().clear();  // Refer-To may carry ?Replaces=...; not part of the R-URI
    to_uri = request_uri;
  } else {
    request_uri = phone_uri(target, hop.address, hop.port);
    if (hop.transport == sip::Transport::tcp) request_uri.params().set("transport", "tcp");
    if (hop.transport == sip::Transport::tls) request_uri.params().set("transport", "tls");
    to_uri = phone_uri(target, hop.address, std::nullopt);
  }

  Message invite = Message::request("INVITE", request_uri);
  sip::NameAddr from(phone_uri(b_.calling, local->address, std::nullopt), b_.calling_name);
  from.set_tag(layer_->ids().tag());
  invite.append_header(HeaderId::from, from.to_string());
  invite.append_header(HeaderId::to, sip::NameAddr(to_uri).to_string());
  invite.append_header(HeaderId::call_id, call.call_id);
  invite.append_header(HeaderId::cseq, fmt::format("{} INVITE", layer_->ids().initial_cseq()));
  invite.append_header(HeaderId::contact, contact_for(*local));
  invite.append_header(HeaderId::max_forwards, "70");
  invite.append_header(HeaderId::user_agent, b_.user_agent);
  invite.append_header(HeaderId::allow, allow_value());
  if (const std::string supported = supported_value(); !supported.empty()) {
    invite.append_header(HeaderId::supported, supported);
  }
  if (b_.rel100 == Rel100::required) invite.append_header(HeaderId::require, "100rel");
  if (b_.session_timer) {
    invite.append_header(HeaderId::session_expires, std::to_string(b_.session_expires));
    invite.append_header(HeaderId::min_se, std::to_string(b_.min_se));
  }
  if (b_.pai) {
    const std::string& number = b_.pai_number.empty() ? b_.calling : b_.pai_number;
    invite.append_header(
        HeaderId::p_asserted_identity,
        sip::NameAddr(phone_uri(number, local->address, std::nullopt), b_.calling_name)
            .to_string());
  }
  switch (b_.call_history) {
    case CallHistory::none:
      break;
    case CallHistory::diversion:
      invite.append_header(
          HeaderId::diversion,
          sip::NameAddr(phone_uri(b_.redirecting_number, local->address, std::nullopt))
                  .to_string() +
              ";reason=unconditional;counter=1");
      break;
    case CallHistory::history_info: {
      // RFC 7044: the original target, then the retargeted one with the cause (302).
      sip::Uri original = phone_uri(b_.redirecting_number, local->address, std::nullopt);
      sip::Uri retargeted = to_uri;
      retargeted.headers().push_back({"Reason", std::string("SIP%3Bcause%3D302")});
      invite.append_header(HeaderId::history_info,
                           sip::NameAddr(original).to_string() + ";index=1");
      invite.append_header(HeaderId::history_info,
                           sip::NameAddr(retargeted).to_string() + ";index=1.1");
      break;
    }
  }
  if (!referred_by.empty()) invite.append_header(HeaderId::referred_by, referred_by);
  if (!open_media(call, local->address)) {
    end_call(call);
    return nullptr;
  }
  call.local_body = call.sdp->offer(sip::SdpDirection::sendrecv);
  invite.set_body(call.local_body, "application/sdp");

  auto tx = layer_->send_request(std::move(invite), hop, send_options(call));
  if (!tx) {
    on_uac_failure(call, 503, tx.error().message());
    return nullptr;
  }
  call.invite_tx = *tx;
  call.invite = *layer_->request(*tx);
  track(*tx, call, TxPurpose::invite);
  if (b_.cancel_after.count() > 0) {
    const std::uint64_t id = call.id;
    call.cancel_timer.start(b_.cancel_after, [this, id] { cancel_call(id); });
  }
  return &call;
}

void Agent::on_invite_response(Call& call, const Message& response, const sip::Arrival& arrival) {
  if (call.state == CallState::ended) return;
  if (sip::is_stream(arrival.local.transport) && arrival.connection != 0) {
    call.connection = arrival.connection;
  }
  const int status = response.status_code();
  const bool tls = call.next_hop.transport == sip::Transport::tls;
  if (status < 200) {
    sip::Dialog* dialog = nullptr;
    if (status > 100) {
      ++summary_.counters().provisionals_received;
      dialog = dialogs_.on_uac_response(call.invite, response, tls);
    }
    on_uac_provisional(call, response, dialog);
    return;
  }
  if (status < 300) {
    sip::Dialog* dialog = dialogs_.on_uac_response(call.invite, response, tls);
    if (dialog == nullptr) {
      call.fail("a 2xx that does not make a dialog");
      return;
    }
    on_uac_2xx(call, response, *dialog);
    return;
  }
  dialogs_.on_uac_response(call.invite, response, tls);
  for (std::string_view value : response.header_values("ms-diagnostics")) {
    call.ms_diagnostics.emplace_back(value);
  }
  on_uac_failure(call, status, response.reason_phrase());
}

void Agent::on_uac_provisional(Call& call, const Message& response, sip::Dialog* dialog) {
  if (dialog == nullptr) return;
  dialog->user_data = call.id;
  call.remote_tags.insert(dialog->id().remote_tag);
  call.early_dialogs = static_cast<std::uint32_t>(call.remote_tags.size());
  summary_.counters().early_dialogs_max =
      std::max<std::uint64_t>(summary_.counters().early_dialogs_max, call.early_dialogs);
  if (call.state == CallState::calling) call.state = CallState::early;
  if (call.cancel_sent) return;

  // Early media: the first SDP answer tells where the peer's stream comes from.
  if (!response.body().empty() && !call.remote_media && call.sdp) {
    base::Diagnostics ignored;  // the final answer's SDP is the one that must be usable
    if (auto sdp = parse_body_sdp(response.body(), ignored)) {
      if (auto remote = read_remote_media(*sdp, call.sdp->local(), ignored)) {
        apply_remote_media(call, *remote);
      }
    }
  }
  // RFC 3262: acknowledge each reliable provisional once; retransmissions are dropped.
  if (!uac_has_option_tag(response, HeaderId::require, "100rel")) return;
  const auto rseq = sip::rseq(response);
  const auto cs = sip::cseq(response);
  if (!rseq || !cs) return;
  if (!call.pracked.insert({dialog->id().remote_tag, *rseq}).second) return;
  ++summary_.counters().prack_sent;
  send_in_dialog(call, *dialog, "PRACK", TxPurpose::prack, [&](Message& prack) {
    prack.append_header(HeaderId::rack, fmt::format("{} {} INVITE", *rseq, cs->number));
  });
}

void Agent::on_uac_2xx(Call& call, const Message& response, sip::Dialog& dialog) {
  dialog.user_data = call.id;
  call.remote_tags.insert(dialog.id().remote_tag);
  call.early_dialogs = static_cast<std::uint32_t>(call.remote_tags.size());
  if (call.dialog && *call.dialog != dialog.id()) {
    // Another fork answered too: acknowledge and release it (RFC 3261 §13.2.2.4).
    send_ack(dialog, call, response);
    send_in_dialog(call, dialog, "BYE", TxPurpose::fork_bye);
    return;
  }
  if (call.state == CallState::answered || call.state == CallState::ended) {
    send_ack(dialog, call, response);  // a retransmission: the same ACK again
    return;
  }
  call.dialog = dialog.id();
  call.state = CallState::answered;
  call.answered_at = timers_.now();
  call.final_status = response.status_code();
  call.cancel_timer.stop();
  ++summary_.final_statuses()[call.final_status];
  ++summary_.counters().calls_answered;
  const auto allow = sip::token_list(response, HeaderId::allow);
  call.peer_allows_update = allow && sip::contains_token(*allow, "UPDATE");

  const int expected = call.referred_by_call != 0 ? 200 : b_.expect_status;
  if (call.final_status != expected && !(expected == 200 && call.final_status < 300)) {
    call.fail(fmt::format("answered {}, expected {}", call.final_status, expected));
  }
  if (call.cancel_sent) {
    // CANCEL and 2xx crossed: the call exists; hang it up.
    send_ack(dialog, call, response);
    call.acknowledged = true;
    send_bye(call.id);
    return;
  }
  if (!response.body().empty() && call.sdp) {
    base::Diagnostics diags;
    const sip::Result<sip::SessionDescription> sdp = parse_body_sdp(response.body(), diags);
    const sip::Result<RemoteMedia> remote = sdp ? read_remote_media(*sdp, call.sdp->local(), diags)
                                                : sip::Result<RemoteMedia>(sdp.error());
    if (remote) {
      apply_remote_media(call, *remote);
    } else {
      call.fail("SDP answer not usable: " + refusal_text(remote.error(), diags));
    }
  } else if (!call.remote_media) {
    call.fail("2xx without SDP answer");
  }
  if (b_.session_timer) {
    if (const auto expires = sip::session_expires(response)) {
      call.session_interval = expires->seconds;
      call.we_refresh = expires->refresher.value_or(sip::Refresher::uac) == sip::Refresher::uac;
    }
  }
  send_ack(dialog, call, response);
  call.acknowledged = true;
  call.media_active = true;
  update_sending(call);
  if (call.referred_by_call != 0) {
    notify_transfer(call.referred_by_call, call.final_status, response.reason_phrase());
  }
  call_established(call);
}

void Agent::on_uac_failure(Call& call, int status, std::string_view detail) {
  if (call.state == CallState::ended) return;
  call.final_status = status;
  ++summary_.final_statuses()[status];
  ++summary_.counters().calls_rejected;
  if (call.cancel_sent && status == 487) {
    call.cancelled = true;
    ++summary_.counters().calls_cancelled;
  } else {
    const int expected = call.referred_by_call != 0 ? 200 : b_.expect_status;
    if (status != expected) {
      call.fail(fmt::format("final {} {}, expected {}", status, detail, expected));
    }
  }
  if (call.referred_by_call != 0) notify_transfer(call.referred_by_call, status, detail);
  end_call(call);
}

void Agent::send_ack(const sip::Dialog& dialog, Call& call, const Message& response,
                     std::string_view body) {
  sip::Dialog* mutable_dialog = dialogs_.find(dialog.id());
  if (mutable_dialog == nullptr) return;
  const sip::Endpoint hop = hop_for(call, dialog);
  const sip::SendOptions options = send_options(call);
  auto via = layer_->make_via(hop, options);
  if (!via) return;
  const Message& ack =
      mutable_dialog->ack_for(response, *via, body, body.empty() ? "" : "application/sdp");
  layer_->send_stateless(ack, hop, options);
}

void Agent::cancel_call(std::uint64_t call_id) {
  Call* call = find_call(call_id);
  if (call == nullptr || call->cancel_sent || call->state == CallState::ended) return;
  if (call->state == CallState::answered) {
    send_bye(call_id);
    return;
  }
  call->cancel_sent = true;
  if (layer_->cancel(call->invite_tx)) {
    call->fail("the INVITE could not be cancelled");
    end_call(*call);
  }
}

}  // namespace sipconf::simulators
