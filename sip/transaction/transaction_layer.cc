#include "sip/transaction/transaction_layer.h"

#include <utility>

#include "sip/message/message_builders.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_client_invite.h"
#include "sip/transaction/transaction_client_non_invite.h"
#include "sip/transaction/transaction_error.h"
#include "sip/transaction/transaction_key.h"
#include "sip/transaction/transaction_routing.h"
#include "sip/transaction/transaction_server_invite.h"
#include "sip/transaction/transaction_server_non_invite.h"

namespace sipconf::sip {
namespace {

std::size_t kind_index(TransactionKind kind) { return static_cast<std::size_t>(kind); }

/// What matching and routing need from a request (§8.1.1: the mandatory headers).
bool has_transaction_headers(const Message& m) {
  return top_via(m) && cseq(m) && call_id(m) && from(m) && to(m);
}

/// A response to a request that may lack headers: Via lines plus whatever of From, To,
/// Call-ID and CSeq it has, so that even insuf.dat-style requests get their 400.
Message error_response(const Message& request, int status, std::string_view reason) {
  Message out = Message::response(status, reason);
  for (std::string_view v : request.header_values(HeaderId::via))
    out.append_header(HeaderId::via, v);
  for (HeaderId id : {HeaderId::from, HeaderId::to, HeaderId::call_id, HeaderId::cseq}) {
    if (auto v = request.header(id)) out.append_header(id, *v);
  }
  return out;
}

}  // namespace

TransactionLayer::TransactionLayer(TimerService& timers, TransactionUser& user,
                                   TransactionLayerConfig config)
    : timers_(timers), user_(user), config_(config), ids_(config_.seed) {}

TransactionLayer::~TransactionLayer() = default;

TransactionLayer::Entry* TransactionLayer::entry(TransactionId id) {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

const TransactionLayer::Entry* TransactionLayer::entry(TransactionId id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second;
}

// --- Inbound -----------------------------------------------------------------------------

void TransactionLayer::on_message(InboundMessage&& message) {
  Arrival arrival{message.local, message.remote, message.connection, std::move(message.tls_peer),
                  message.received_at};
  ParseOptions options;
  options.mode = ParseMode::strict;
  options.framing = is_stream(message.remote.transport) ? Framing::stream : Framing::datagram;
  ParseResult parsed = parse_message(std::move(message.bytes), options);
  if (!parsed.ok()) {
    ++counters_.parse_errors;
    const SuggestedResponse suggestion = parsed.suggested_response();
    if (parsed.request && !suggestion.drop() && parsed.message &&
        parsed.message->method() != "ACK") {
      reject_statelessly(*parsed.message, suggestion.status, suggestion.reason, arrival);
    } else {
      ++counters_.malformed_dropped;
    }
    return;
  }
  const Arrival* outer = std::exchange(arrival_, &arrival);
  if (parsed.message->is_request()) {
    handle_request(std::move(*parsed.message), arrival);
  } else {
    handle_response(*parsed.message, arrival);
  }
  arrival_ = outer;
}

void TransactionLayer::reject_statelessly(const Message& request, int status,
                                          std::string_view reason, const Arrival& arrival) {
  if (!transport_) {
    ++counters_.malformed_dropped;
    return;
  }
  Destination reply_to;
  std::optional<Message> repaired;
  if (const Result<Via>& via = top_via(request)) {
    reply_to = response_destination(*via, arrival);
  } else {
    // A Via the strict parser refuses (RFC 4475 badinv01) says nothing trustworthy about
    // where to answer: the answer goes where the request came from, as rport would send it,
    // and carries the Vias as the lenient parser repairs them, so that it parses itself.
    reply_to.endpoint = arrival.remote;
    reply_to.options.local_address = arrival.local.address;
    reply_to.options.connection = arrival.connection;
    ParseOptions lenient;
    lenient.mode = ParseMode::lenient;
    ParseResult again = parse_message(serialize(request), lenient);
    if (again.message && top_via(*again.message)) repaired = std::move(again.message);
  }
  const Message& source = repaired ? *repaired : request;
  std::error_code ec;
  transport_->send(reply_to.endpoint, serialize(error_response(source, status, reason)),
                   reply_to.options, ec);
  if (ec) {
    ++counters_.stateless_send_failures;
    ++counters_.malformed_dropped;
    return;
  }
  ++counters_.stateless_sent;
  ++counters_.bad_requests_answered;
}

void TransactionLayer::handle_request(Message&& request, const Arrival& arrival) {
  if (!has_transaction_headers(request)) {
    ++counters_.parse_errors;
    if (request.method() == "ACK") {
      ++counters_.malformed_dropped;
    } else {
      reject_statelessly(request, 400, "Missing or Malformed Mandatory Header", arrival);
    }
    return;
  }
  // Matching uses the Via as the peer sent it; routing uses it stamped.
  auto key = server_transaction_key(request);
  if (!key || stamp_top_via(request, arrival.remote)) {
    ++counters_.malformed_dropped;
    return;
  }
  const Destination reply_to = response_destination(*top_via(request), arrival);
  const std::string_view method = request.method();

  if (method == "ACK") {
    handle_ack(request, key->key, !key->rfc3261, key->to_tag, arrival);
    return;
  }
  if (TransactionId id = find_server(key->key, !key->rfc3261, key->to_tag, false)) {
    std::shared_ptr<Transaction> tx = entry(id)->tx;
    if (tx->kind() == TransactionKind::server_invite) {
      std::static_pointer_cast<ServerInviteTransaction>(tx)->on_request_retransmission();
    } else {
      std::static_pointer_cast<ServerNonInviteTransaction>(tx)->on_request_retransmission();
    }
    return;
  }
  if (method == "CANCEL") {
    handle_cancel(std::move(request), *key, reply_to, arrival);
    return;
  }
  TransactionId id =
      create_server(std::move(request), key->key, !key->rfc3261, key->to_tag, reply_to, false);
  std::shared_ptr<Transaction> tx = entry(id)->tx;
  user_.on_request(id, tx->request(), arrival);
  // The 100 Trying follows the TU's own reaction, so that a B2BUA's INVITE toward the callee
  // leaves first (the 100 only stops retransmissions and can wait those microseconds), and a
  // request rejected at once gets its final response without a 100 before it.
  if (tx->kind() == TransactionKind::server_invite && entry(id) != nullptr) {
    if (std::static_pointer_cast<ServerInviteTransaction>(tx)->start()) {
      ++counters_.transport_errors;
    }
  }
}

TransactionId TransactionLayer::find_server(const std::string& key, bool legacy,
                                            const std::string& to_tag, bool for_ack) const {
  if (!legacy) {
    auto it = server_index_.find(key);
    return it == server_index_.end() ? 0 : it->second;
  }
  auto [first, last] = legacy_index_.equal_range(key);
  for (auto it = first; it != last; ++it) {
    const Entry* e = entry(it->second);
    if (e == nullptr) continue;
    if (for_ack) {
      if (e->tx->kind() == TransactionKind::server_invite &&
          static_cast<const ServerInviteTransaction&>(*e->tx).to_tag() == to_tag) {
        return it->second;
      }
    } else if (e->legacy_to_tag == to_tag) {
      return it->second;
    }
  }
  return 0;
}

TransactionId TransactionLayer::create_server(Message&& request, std::string key, bool legacy,
                                              std::string to_tag, const Destination& reply_to,
                                              bool internal) {
  const TransactionId id = next_id_++;
  const bool invite = request.method() == "INVITE";
  const TransactionKind kind =
      invite ? TransactionKind::server_invite : TransactionKind::server_non_invite;
  Entry e;
  if (invite) {
    e.tx = std::make_shared<ServerInviteTransaction>(id, std::move(request), reply_to,
                                                     config_.timers, timers_, as_owner());
  } else {
    e.tx = std::make_shared<ServerNonInviteTransaction>(id, std::move(request), reply_to,
                                                        config_.timers, timers_, as_owner());
  }
  e.key = std::move(key);
  e.legacy = legacy;
  e.legacy_to_tag = std::move(to_tag);
  e.internal = internal;
  if (legacy) {
    legacy_index_.emplace(e.key, id);
  } else {
    server_index_[e.key] = id;
  }
  std::shared_ptr<Transaction> tx = e.tx;
  entries_.emplace(id, std::move(e));
  ++counters_.created[kind_index(kind)];
  ++active_by_kind_[kind_index(kind)];
  return id;
}

void TransactionLayer::handle_ack(const Message& ack, const std::string& key, bool legacy,
                                  const std::string& to_tag, const Arrival& arrival) {
  if (TransactionId id = find_server(key, legacy, to_tag, true)) {
    std::shared_ptr<Transaction> tx = entry(id)->tx;
    if (tx->kind() == TransactionKind::server_invite) {
      std::static_pointer_cast<ServerInviteTransaction>(tx)->on_ack(ack);
      return;
    }
  }
  ++counters_.acks_passed;
  user_.on_ack(0, ack, arrival);
}

void TransactionLayer::handle_cancel(Message&& cancel, const ServerTransactionKey& key,
                                     const Destination& reply_to, const Arrival& arrival) {
  // §9.2: the CANCEL matches the INVITE it names by the INVITE server transaction's key.
  auto invite_key = server_transaction_key(cancel, "INVITE");
  std::shared_ptr<ServerInviteTransaction> invite;
  TransactionId invite_id = 0;
  if (invite_key) {
    invite_id = find_server(invite_key->key, !invite_key->rfc3261, invite_key->to_tag, false);
    if (const Entry* e = entry(invite_id);
        e != nullptr && e->tx->kind() == TransactionKind::server_invite) {
      invite = std::static_pointer_cast<ServerInviteTransaction>(e->tx);
    }
  }
  // The CANCEL has a transaction of its own, which the layer answers itself.
  const TransactionId cancel_id =
      create_server(std::move(cancel), key.key, !key.rfc3261, key.to_tag, reply_to, true);
  const Entry* cancel_entry = entry(cancel_id);
  if (cancel_entry == nullptr) return;
  std::shared_ptr<Transaction> cancel_tx = cancel_entry->tx;
  if (!invite) {
    ++counters_.cancels_unmatched;
    respond(cancel_id, 481, "Call/Transaction Does Not Exist");
    return;
  }
  // The 200 carries the To tag the INVITE's responses carry.
  respond(cancel_id, 200, {}, invite->to_tag());
  if (invite->proceeding()) user_.on_cancel(invite_id, cancel_tx->request(), arrival);
}

void TransactionLayer::handle_response(const Message& response, const Arrival& arrival) {
  auto all_vias = vias(response);
  auto key = client_transaction_key(response);
  if (!all_vias || !key || !cseq(response) || !to(response) || !from(response) ||
      !call_id(response)) {
    ++counters_.parse_errors;
    ++counters_.malformed_dropped;
    return;
  }
  if (all_vias->size() > 1) {
    ++counters_.responses_discarded;  // meant for a proxy upstream of us, not for a UA
    return;
  }
  auto it = client_index_.find(*key);
  if (it == client_index_.end()) {
    ++counters_.stray_responses;
    user_.on_stray_response(response, arrival);
    return;
  }
  const TransactionId id = it->second;
  std::shared_ptr<Transaction> tx = entry(id)->tx;
  if (tx->kind() == TransactionKind::client_non_invite) {
    std::static_pointer_cast<ClientNonInviteTransaction>(tx)->on_response(response);
    return;
  }
  auto invite = std::static_pointer_cast<ClientInviteTransaction>(tx);
  invite->on_response(response);
  Entry* e = entry(id);
  if (e != nullptr && e->cancel_pending && invite->cancellable()) {
    e->cancel_pending = false;
    send_cancel(id);
  }
}

void TransactionLayer::on_send_failed(const SendFailure& failure) {
  auto it = send_index_.find(failure.send);
  if (it == send_index_.end()) {
    ++counters_.stateless_send_failures;
    return;
  }
  const Entry* e = entry(it->second);
  if (e == nullptr) return;
  std::shared_ptr<Transaction> tx = e->tx;
  tx->on_transport_error(failure.error);
}

// --- Outbound ----------------------------------------------------------------------------

Result<Via> TransactionLayer::make_via(const Endpoint& to, const SendOptions& options) {
  if (transport_ == nullptr) return make_error_code(TransactionError::no_transport);
  std::optional<Endpoint> local;
  for (const Endpoint& e : transport_->local_endpoints()) {
    if (e.transport != to.transport) continue;
    if (options.local_address.empty() || e.address == options.local_address) {
      local = e;
      break;
    }
    if (!local) local = e;  // same transport on another address: its port, our address
  }
  if (!local) return make_error_code(TransactionError::no_local_address);
  if (!options.local_address.empty()) local->address = options.local_address;
  std::string host = local->address;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  Via via(std::string(to_string(to.transport)), std::move(host), local->port);
  via.set_branch(ids_.branch());
  if (config_.request_rport) via.set_rport(std::nullopt);
  return via;
}

Result<TransactionId> TransactionLayer::send_request(Message request, const Endpoint& to,
                                                     const SendOptions& options) {
  if (transport_ == nullptr) return make_error_code(TransactionError::no_transport);
  if (!request.is_request()) return make_error_code(TransactionError::not_a_request);
  if (request.method() == "ACK") return make_error_code(TransactionError::method_not_allowed);
  if (!request.has(HeaderId::via)) {
    auto via = make_via(to, options);
    if (!via) return via.error();
    push_via(request, *via);
  }
  if (!request.has(HeaderId::max_forwards)) request.append_header(HeaderId::max_forwards, "70");
  if (!has_transaction_headers(request)) return make_error_code(ParseError::header_missing);
  auto key = client_transaction_key(request);
  if (!key) return key.error();
  if (client_index_.count(*key) != 0) return make_error_code(TransactionError::duplicate_branch);

  const TransactionId id = next_id_++;
  const bool invite = request.method() == "INVITE";
  const TransactionKind kind =
      invite ? TransactionKind::client_invite : TransactionKind::client_non_invite;
  Destination destination{to, options};
  Entry e;
  if (invite) {
    e.tx = std::make_shared<ClientInviteTransaction>(id, std::move(request), destination,
                                                     config_.timers, timers_, as_owner());
  } else {
    e.tx = std::make_shared<ClientNonInviteTransaction>(id, std::move(request), destination,
                                                        config_.timers, timers_, as_owner());
  }
  e.key = *key;
  e.internal = true;  // quiet until started, see create_server()
  std::shared_ptr<Transaction> tx = e.tx;
  client_index_.emplace(*key, id);
  entries_.emplace(id, std::move(e));
  ++counters_.created[kind_index(kind)];
  ++active_by_kind_[kind_index(kind)];
  std::error_code ec = invite ? std::static_pointer_cast<ClientInviteTransaction>(tx)->start()
                              : std::static_pointer_cast<ClientNonInviteTransaction>(tx)->start();
  if (ec) {
    ++counters_.transport_errors;
    return ec;
  }
  if (Entry* started = entry(id)) started->internal = false;
  return id;
}

std::error_code TransactionLayer::respond(TransactionId id, const Message& response) {
  const Entry* e = entry(id);
  if (e == nullptr) return TransactionError::unknown_transaction;
  std::shared_ptr<Transaction> tx = e->tx;
  switch (tx->kind()) {
    case TransactionKind::server_invite:
      return std::static_pointer_cast<ServerInviteTransaction>(tx)->respond(response);
    case TransactionKind::server_non_invite:
      return std::static_pointer_cast<ServerNonInviteTransaction>(tx)->respond(response);
    case TransactionKind::client_invite:
    case TransactionKind::client_non_invite:
      break;
  }
  return TransactionError::wrong_kind;
}

std::error_code TransactionLayer::respond(TransactionId id, int status, std::string_view reason,
                                          std::string_view to_tag) {
  const Entry* e = entry(id);
  if (e == nullptr) return TransactionError::unknown_transaction;
  auto response = make_response(e->tx->request(), status, reason, to_tag);
  if (!response) return response.error();
  return respond(id, *response);
}

std::error_code TransactionLayer::cancel(TransactionId id) {
  Entry* e = entry(id);
  if (e == nullptr) return TransactionError::unknown_transaction;
  if (e->tx->kind() != TransactionKind::client_invite) return TransactionError::not_cancellable;
  auto invite = std::static_pointer_cast<ClientInviteTransaction>(e->tx);
  if (!invite->awaiting_final()) return TransactionError::not_cancellable;
  if (!invite->cancellable()) {
    e->cancel_pending = true;  // §9.1: wait for a provisional response
    return {};
  }
  send_cancel(id);
  return {};
}

void TransactionLayer::send_cancel(TransactionId invite_id) {
  const Entry* e = entry(invite_id);
  if (e == nullptr) return;
  auto invite = std::static_pointer_cast<ClientInviteTransaction>(e->tx);
  auto cancel = make_cancel(invite->request());
  if (!cancel) return;
  auto key = client_transaction_key(*cancel);
  if (!key || client_index_.count(*key) != 0) return;  // a CANCEL is already out

  const TransactionId id = next_id_++;
  Entry c;
  c.tx = std::make_shared<ClientNonInviteTransaction>(id, std::move(*cancel), invite->destination(),
                                                      config_.timers, timers_, as_owner());
  c.key = *key;
  c.internal = true;
  std::shared_ptr<Transaction> tx = c.tx;
  client_index_.emplace(*key, id);
  entries_.emplace(id, std::move(c));
  ++counters_.created[kind_index(TransactionKind::client_non_invite)];
  ++active_by_kind_[kind_index(TransactionKind::client_non_invite)];
  if (!std::static_pointer_cast<ClientNonInviteTransaction>(tx)->start()) {
    invite->on_cancel_sent();
  } else {
    ++counters_.transport_errors;
  }
}

std::error_code TransactionLayer::send_stateless(Message message, const Endpoint& to,
                                                 const SendOptions& options) {
  if (transport_ == nullptr) return TransactionError::no_transport;
  if (message.is_request() && !message.has(HeaderId::via)) {
    auto via = make_via(to, options);
    if (!via) return via.error();
    push_via(message, *via);
  }
  std::error_code ec;
  transport_->send(to, serialize(message), options, ec);
  if (ec) {
    ++counters_.stateless_send_failures;
    return ec;
  }
  ++counters_.stateless_sent;
  return {};
}

// --- Queries -----------------------------------------------------------------------------

const Message* TransactionLayer::request(TransactionId id) const {
  const Entry* e = entry(id);
  return e == nullptr ? nullptr : &e->tx->request();
}

std::optional<TransactionKind> TransactionLayer::kind(TransactionId id) const {
  const Entry* e = entry(id);
  if (e == nullptr) return std::nullopt;
  return e->tx->kind();
}

std::string_view TransactionLayer::state_name(TransactionId id) const {
  const Entry* e = entry(id);
  return e == nullptr ? std::string_view() : e->tx->state_name();
}

std::size_t TransactionLayer::active_transactions(TransactionKind kind) const {
  return active_by_kind_[kind_index(kind)];
}

// --- TransactionOwner --------------------------------------------------------------------

std::error_code TransactionLayer::send(TransactionId id, std::string bytes, const Destination& to,
                                       bool retransmission) {
  if (transport_ == nullptr) return TransactionError::no_transport;
  std::error_code ec;
  const SendId send_id = transport_->send(to.endpoint, std::move(bytes), to.options, ec);
  if (ec) return ec;
  if (Entry* e = entry(id)) {
    e->sends.push_back(send_id);
    send_index_.emplace(send_id, id);
  }
  if (retransmission) ++counters_.retransmissions_sent;
  return {};
}

void TransactionLayer::pass_response(TransactionId id, const Message& response) {
  const Entry* e = entry(id);
  if (e == nullptr || e->internal) return;
  static const Arrival kNone{};
  user_.on_response(id, response, arrival_ != nullptr ? *arrival_ : kNone);
}

void TransactionLayer::pass_ack(TransactionId id, const Message& ack) {
  ++counters_.acks_passed;
  static const Arrival kNone{};
  user_.on_ack(id, ack, arrival_ != nullptr ? *arrival_ : kNone);
}

void TransactionLayer::report_failure(TransactionId id, TransactionFailure failure,
                                      std::error_code error) {
  if (failure == TransactionFailure::timeout) {
    ++counters_.timeouts;
  } else {
    ++counters_.transport_errors;
  }
  const Entry* e = entry(id);
  if (e == nullptr || e->internal) return;
  user_.on_failure(id, failure, error);
}

void TransactionLayer::absorbed(TransactionId) { ++counters_.retransmissions_absorbed; }

void TransactionLayer::terminated(TransactionId id) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  const TransactionKind kind = e.tx->kind();
  const bool client =
      kind == TransactionKind::client_invite || kind == TransactionKind::client_non_invite;
  if (client) {
    client_index_.erase(e.key);
  } else if (e.legacy) {
    auto [first, last] = legacy_index_.equal_range(e.key);
    for (auto l = first; l != last; ++l) {
      if (l->second == id) {
        legacy_index_.erase(l);
        break;
      }
    }
  } else if (auto s = server_index_.find(e.key); s != server_index_.end() && s->second == id) {
    server_index_.erase(s);
  }
  for (SendId send_id : e.sends) send_index_.erase(send_id);
  --active_by_kind_[kind_index(kind)];
  const bool internal = e.internal;
  // The machine that reported this is kept alive by its caller; dropping it here is safe.
  entries_.erase(it);
  if (!internal) user_.on_transaction_terminated(id);
}

}  // namespace sipconf::sip
