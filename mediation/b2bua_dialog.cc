// In-dialog requests: BYE, re-INVITE, UPDATE, INFO and any other method relayed from one leg
// to the other; ACK for 2xx per leg; 2xx retransmission; hanging up.
#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "mediation/b2bua.h"
#include "mediation/leg_messages.h"
#include "sip/dialog/dialog_glare.h"
#include "sip/message/message_builders.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {

using sip::HeaderId;

void B2bua::on_in_dialog_request(sip::TransactionId tx, const sip::Message& request,
                                 sip::Dialog& dialog) {
  Call* call = find_call(call_of_dialog(dialog.user_data));
  if (call == nullptr) {
    reject(tx, request, 481);
    return;
  }
  const LegRole from = role_of_dialog(dialog.user_data);
  const Peer peer = call->leg(from).address->peer;
  const sip::DialogRequestCheck check = dialog.on_request(request);
  if (!check.ok()) {
    ++metrics_.rejected_requests[check.status];
    auto response = sip::make_response(request, check.status, check.reason);
    if (!response) return;
    if (check.needs_retry_after) {
      response->append_header(HeaderId::retry_after,
                              std::to_string(sip::overlapping_invite_retry_after(layer_.ids())));
    }
    if (peer.side == Side::internal) {
      add_ms_diagnostics(*response, refusal_code(check.status),
                         call->leg(from).address->local.address);
    }
    layer_.respond(tx, *response);
    return;
  }
  if (request.method() == "BYE") {
    on_bye(*call, from, tx, request, dialog);
    return;
  }
  sip::RequestCheck semantic = sip::check_request_semantics(request, options_policy_);
  if (semantic.ok() && sip::max_forwards(request).value_or(70) == 0) {
    semantic.status = 483;
    semantic.reason = "Too Many Hops";
  }
  if (!semantic.ok()) {
    if (auto r = sip::make_response(request, semantic.status)) dialog.on_response_sent(request, *r);
    reject(tx, request, semantic, &peer);
    return;
  }
  relay_request(*call, from, tx, request, dialog);
}

void B2bua::on_bye(Call& c, LegRole from, sip::TransactionId tx, const sip::Message& request,
                   sip::Dialog& dialog) {
  auto ok = sip::make_response(request, 200);
  if (ok) {
    add_identity(*ok, *c.leg(from).address, options_.user_agent);
    layer_.respond(tx, *ok);
  }
  dialog.terminate();
  log_call(spdlog::level::info, c, from, "bye", "");
  abandon_relays(c);
  if (!c.final_sent) {
    // A BYE on an early dialog (the caller may send one, RFC 3261 §15): stop the callee.
    if (!c.final_received && c.callee_invite != 0) layer_.cancel(c.callee_invite);
    answer_caller(c, 487);
    c.result = CallResult::cancelled;
  }
  if (c.leg(from).retransmitter) {
    c.leg(from).retransmitter.reset();
    c.leg(from).retransmit_tx = 0;
  }
  const LegRole to = other(from);
  Leg& target = c.leg(to);
  if (target.unacked_2xx && target.dialog != nullptr) {
    const sip::Message response = std::move(*target.unacked_2xx);
    target.unacked_2xx.reset();
    send_ack(c, to, *target.dialog, response);
  }
  send_bye(c, to);
  c.state = CallState::ending;
  maybe_finish(c);
}

sip::Dialog* B2bua::paired_dialog(Call& c, LegRole from, const sip::Dialog& dialog) {
  const LegRole to = other(from);
  if (c.leg(to).dialog != nullptr && c.leg(from).dialog == &dialog) return c.leg(to).dialog;
  // Early dialogs pair through the fork table.
  const Leg& caller = c.leg(LegRole::caller);
  const Leg& callee = c.leg(LegRole::callee);
  for (const Fork& f : c.forks) {
    if (from == LegRole::caller && dialog.id().local_tag == f.caller_tag) {
      return dialogs_.find({callee.call_id, callee.tag, f.callee_tag});
    }
    if (from == LegRole::callee && dialog.id().remote_tag == f.callee_tag) {
      return dialogs_.find({caller.call_id, f.caller_tag, caller.remote_tag});
    }
  }
  return nullptr;
}

void B2bua::relay_request(Call& c, LegRole from, sip::TransactionId tx, const sip::Message& request,
                          sip::Dialog& dialog) {
  const LegRole to = other(from);
  const Peer peer = c.leg(from).address->peer;
  const std::string_view method = request.method();
  sip::Dialog* target = paired_dialog(c, from, dialog);
  auto refuse = [&](int status) {
    reject(tx, request, status, &peer);
    if (auto r = sip::make_response(request, status)) dialog.on_response_sent(request, *r);
  };
  if (target == nullptr || target->terminated()) {
    refuse(481);
    return;
  }
  // Glare across the B2BUA: the other leg has an INVITE of its own in progress (§14.1).
  if (method == "INVITE" && !target->can_send_invite()) {
    refuse(491);
    return;
  }
  std::string body(request.body());
  const std::string content_type(request.header(HeaderId::content_type).value_or(""));
  const bool answers_offer = method == "PRACK";
  if (!body.empty() && !media(c, to, answers_offer ? SdpRole::answer : SdpRole::offer, method, 0,
                              body, content_type)) {
    refuse(488);
    return;
  }
  sip::Message out = target->make_request(method);
  fill_relayed_request(out, request, sip::max_forwards(request).value_or(70) - 1,
                       c.policy_toward(to), *c.leg(to).address, options_.user_agent, body,
                       content_type);
  auto sent = send_on(*c.leg(to).address, out, hop(c, to, *target));
  if (!sent) {
    if (method == "INVITE") target->on_response(out, *sip::make_response(out, 503));
    refuse(503);
    return;
  }
  track(*sent, c, to, TxPurpose::relay_client, tx);
  track(tx, c, from, TxPurpose::relay_server, *sent);
  c.relays.push_back(tx);
  if (method == "INVITE") c.pending_invites.push_back(*sent);
  log_call(spdlog::level::debug, c, from, "relay", "{}", method);
}

void B2bua::on_relay_response(Call& c, TxLink& l, sip::TransactionId tx,
                              const sip::Message& response) {
  const int status = response.status_code();
  if (status == 100) return;
  const LegRole to = l.leg;  // the leg the relayed request went out on
  const LegRole from = other(to);
  const sip::Message* sent = layer_.request(tx);
  sip::Dialog* target = dialogs_.match_response(response);
  if (l.final_relayed) {
    // A 2xx retransmission of a relayed re-INVITE: re-ACK once we ACKed it.
    const auto& sequence = sip::cseq(response);
    if (status / 100 == 2 && target != nullptr && sequence &&
        c.leg(to).acked_cseq == sequence->number) {
      send_ack(c, to, *target, response);
    }
    return;
  }
  if (status >= 200) {
    l.final_relayed = true;
    if (target != nullptr && sent != nullptr) target->on_response(*sent, response);
  }
  const sip::TransactionId server_tx = l.peer;
  const sip::Message* received = layer_.request(server_tx);
  if (received == nullptr ||
      std::find(c.relays.begin(), c.relays.end(), server_tx) == c.relays.end()) {
    // The request on the other leg was answered meanwhile (cancelled, call ending).
    if (status / 100 == 2 && sent != nullptr && sent->method() == "INVITE" && target != nullptr) {
      send_ack(c, to, *target, response);
    }
    if (status >= 200 && std::erase(c.pending_invites, tx) != 0) maybe_finish(c);
    return;
  }
  if (status >= 200) std::erase(c.pending_invites, tx);
  sip::Dialog* source = dialogs_.match_request(*received);
  std::string body(response.body());
  const std::string content_type(response.header(HeaderId::content_type).value_or(""));
  const SdpRole role = received->body().empty() ? SdpRole::offer : SdpRole::answer;
  if (!body.empty() && !media(c, from, role, received->method(), status, body, content_type)) {
    body.clear();
  }
  auto relayed = make_relayed_response(
      *received, response, source != nullptr ? source->id().local_tag : "", *c.leg(from).address,
      c.policy_toward(from), options_.user_agent, body, content_type);
  if (!relayed) return;
  const LegAddress& toward = *c.leg(from).address;
  if (toward.peer.side == Side::internal) {
    add_ms_diagnostics(*relayed, DiagnosticCode::kPeerFailure, toward.local.address);
  }
  const bool invite = received->method() == "INVITE";
  // Dialog state first: a final response can end the server transaction (and its request)
  // before respond() returns.
  if (status >= 200) {
    std::erase(c.relays, server_tx);
    if (source != nullptr) source->on_response_sent(*received, *relayed);
  }
  layer_.respond(server_tx, *relayed);
  if (status < 200) return;
  if (status / 100 == 2 && invite && target != nullptr) {
    c.leg(to).unacked_2xx = std::make_unique<sip::Message>(response);
    start_2xx_retransmission(c, from, server_tx, *relayed);
  }
  if (target != nullptr && target->terminated()) {
    // 481 or 408: the dialog on that leg is gone, so is the call (§12.2.1.2).
    log_call(spdlog::level::info, c, to, "dialog-lost", "{}", status);
    send_bye(c, from);
    c.state = CallState::ending;
    maybe_finish(c);
  }
}

void B2bua::on_relay_failure(Call& c, TxLink& l, sip::TransactionId tx, int status) {
  const sip::Message* sent = layer_.request(tx);
  if (sent == nullptr) return;
  auto synthesized = sip::make_response(*sent, status);
  if (!synthesized) return;
  on_relay_response(c, l, tx, *synthesized);
}

void B2bua::send_ack_on(Call&, const LegAddress& address, sip::Dialog& dialog,
                        const sip::Message& response_2xx) {
  const sip::Endpoint next = hop_on(address, dialog);
  auto via = our_via(address, next);
  if (!via) return;
  layer_.send_stateless(dialog.ack_for(response_2xx, *via), next, address.send);
}

void B2bua::send_ack(Call& c, LegRole role, sip::Dialog& dialog, const sip::Message& response_2xx,
                     std::string_view body, std::string_view content_type) {
  const LegAddress& address = *c.leg(role).address;
  const sip::Endpoint next = hop(c, role, dialog);
  auto via = our_via(address, next);
  if (!via) return;
  const sip::Message& ack = dialog.ack_for(response_2xx, *via, body, content_type);
  layer_.send_stateless(ack, next, address.send);
  if (const auto& sequence = sip::cseq(response_2xx)) c.leg(role).acked_cseq = sequence->number;
}

void B2bua::start_2xx_retransmission(Call& c, LegRole role, sip::TransactionId tx,
                                     const sip::Message& response_2xx) {
  Leg& leg = c.leg(role);
  const std::uint64_t id = c.id;
  leg.retransmit_tx = tx;
  leg.retransmitter = std::make_unique<sip::Uas2xxRetransmitter>(
      layer_.timers(), layer_.config().timers,
      [this, tx, response = response_2xx] { layer_.respond(tx, response); },
      [this, id, role] { on_ack_timeout(id, role); });
  leg.retransmitter->start();
}

void B2bua::on_ack_timeout(std::uint64_t call_id, LegRole role) {
  Call* call = find_call(call_id);
  if (call == nullptr) return;
  Call& c = *call;
  log_call(spdlog::level::warn, c, role, "no-ack", "2xx never acknowledged: hanging up");
  // Destroying the retransmitter from inside its own callback is safe only after it returns:
  // hand it to the event loop by releasing it into a timer that runs at once.
  std::shared_ptr<sip::Uas2xxRetransmitter> expired(std::move(c.leg(role).retransmitter));
  layer_.timers().schedule(std::chrono::milliseconds(0), [expired] {});
  c.leg(role).retransmit_tx = 0;
  const LegRole to = other(role);
  Leg& target = c.leg(to);
  if (target.unacked_2xx && target.dialog != nullptr) {
    const sip::Message response = std::move(*target.unacked_2xx);
    target.unacked_2xx.reset();
    send_ack(c, to, *target.dialog, response);
  }
  send_bye(c, role);
  send_bye(c, to);
  c.state = CallState::ending;
  maybe_finish(c);
}

void B2bua::send_bye(Call& c, LegRole role) {
  Leg& leg = c.leg(role);
  if (leg.dialog == nullptr || !leg.dialog->confirmed()) return;
  sip::Message bye = leg.dialog->make_request("BYE");
  add_identity(bye, *leg.address, options_.user_agent);
  leg.dialog->terminate();
  leg.retransmitter.reset();
  leg.retransmit_tx = 0;
  auto tx = send_on(*leg.address, std::move(bye), hop(c, role, *leg.dialog));
  if (tx) track(*tx, c, role, TxPurpose::bye);
}

void B2bua::abandon_relays(Call& c) {
  const std::vector<sip::TransactionId> pending = std::move(c.relays);
  c.relays.clear();
  for (sip::TransactionId tx : pending) {
    const sip::Message* request = layer_.request(tx);
    if (request == nullptr) continue;
    auto response = sip::make_response(*request, 487);
    if (!response) continue;
    if (const TxLink* l = link(tx);
        l != nullptr && c.leg(l->leg).address->peer.side == Side::internal) {
      add_ms_diagnostics(*response, DiagnosticCode::kCancelled,
                         c.leg(l->leg).address->local.address);
    }
    if (sip::Dialog* d = dialogs_.match_request(*request)) d->on_response_sent(*request, *response);
    layer_.respond(tx, *response);
  }
}

sip::Result<sip::Via> B2bua::our_via(const LegAddress& address, const sip::Endpoint& hop) {
  auto via = layer_.make_via(hop, address.send);
  if (via && hop.transport == address.local.transport) via->set_port(address.local.port);
  return via;
}

sip::Result<sip::TransactionId> B2bua::send_on(const LegAddress& address, sip::Message request,
                                               const sip::Endpoint& hop) {
  auto via = our_via(address, hop);
  if (!via) return via.error();
  sip::push_via(request, *via);
  return layer_.send_request(std::move(request), hop, address.send);
}

sip::Endpoint B2bua::hop(const Call& c, LegRole role, const sip::Dialog& dialog) const {
  return hop_on(*c.leg(role).address, dialog);
}

sip::Endpoint B2bua::hop_on(const LegAddress& address, const sip::Dialog& dialog) {
  if (dialog.route_count() == 0) return address.next_hop;
  // A Record-Route from the peer's side names the next hop; keep the leg's transport.
  const sip::Uri first = dialog.next_hop();
  if (first.host_kind() != sip::HostKind::ipv4 && first.host_kind() != sip::HostKind::ipv6) {
    return address.next_hop;
  }
  std::string host = first.host();
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return sip::Endpoint{host, first.port().value_or(address.next_hop.port),
                       address.next_hop.transport};
}

}  // namespace sipconf::mediation
