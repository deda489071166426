#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "sip/base/result.h"
#include "sip/base/timer.h"
#include "sip/message/message.h"
#include "sip/message/via.h"
#include "sip/transaction/transaction.h"
#include "sip/transaction/transaction_ids.h"
#include "sip/transaction/transaction_key.h"
#include "sip/transaction/transaction_timers.h"
#include "sip/transport/transport.h"

namespace sipconf::sip {

/// What the transaction layer tells the element above it (the B2BUA core, a simulated
/// endpoint). Called on the event-loop thread; a callback may call back into the layer.
class TransactionUser {
 public:
  virtual ~TransactionUser() = default;
  /// A new request and its server transaction (never an ACK or a retransmission). The
  /// request's top Via already carries received/rport. Answer with TransactionLayer::respond.
  virtual void on_request(TransactionId tx, const Message& request, const Arrival& arrival) = 0;
  /// An ACK the layer does not absorb: the ACK for a 2xx. `invite_tx` is the INVITE server
  /// transaction in its Accepted state when the ACK matched one (RFC 6026), else 0 (an ACK
  /// for 2xx normally has a branch of its own).
  virtual void on_ack(TransactionId invite_tx, const Message& ack, const Arrival& arrival) = 0;
  /// A CANCEL matched `invite_tx`, which has no final response yet; the layer has answered
  /// the CANCEL with 200 (§9.2). The TU should answer the INVITE, normally with 487.
  virtual void on_cancel(TransactionId invite_tx, const Message& cancel,
                         const Arrival& arrival) = 0;
  /// A response of a client transaction: provisional, final, and (RFC 6026) every 2xx to an
  /// INVITE including retransmissions and other forks' 2xx, which the TU must ACK.
  virtual void on_response(TransactionId tx, const Message& response, const Arrival& arrival) = 0;
  /// A well-formed response that matches no transaction, e.g. a 2xx retransmission after
  /// Timer M: a UAC re-ACKs it from its dialog state (§13.2.2.4).
  virtual void on_stray_response(const Message& response, const Arrival& arrival) = 0;
  /// A transaction failed: a client one will get no final response (act as if 408 or 503
  /// arrived, failure_status()); an INVITE server one got no ACK (Timer H) or could not
  /// deliver a response.
  virtual void on_failure(TransactionId tx, TransactionFailure failure, std::error_code error) = 0;
  /// The transaction is gone; its id is not valid any more.
  virtual void on_transaction_terminated(TransactionId) {}
};

struct TransactionLayerConfig {
  TransactionTimers timers;
  /// Seed of the branch/tag generator; 0 picks a random one.
  std::uint64_t seed = 0;
  /// Put a bare `rport` in the Vias of our requests (RFC 3581).
  bool request_rport = true;
};

/// Counters for metrics; they only grow.
struct TransactionCounters {
  std::array<std::uint64_t, kTransactionKindCount> created{};  ///< by TransactionKind
  std::uint64_t retransmissions_sent = 0;      ///< requests and responses sent again
  std::uint64_t retransmissions_absorbed = 0;  ///< retransmissions received and not passed up
  std::uint64_t timeouts = 0;                  ///< Timers B, F, H and the CANCEL guard
  std::uint64_t transport_errors = 0;          ///< failures reported to transactions
  std::uint64_t parse_errors = 0;  ///< inbound messages that did not parse or lack Via/CSeq/...
  std::uint64_t bad_requests_answered = 0;  ///< malformed requests answered statelessly (400...)
  std::uint64_t malformed_dropped = 0;      ///< malformed responses, unanswerable requests
  std::uint64_t stray_responses = 0;
  std::uint64_t acks_passed = 0;          ///< ACKs for 2xx handed to the TU
  std::uint64_t cancels_unmatched = 0;    ///< CANCELs answered 481
  std::uint64_t responses_discarded = 0;  ///< responses with more than one Via (§8.1.3.3)
  std::uint64_t stateless_sent = 0;       ///< messages sent outside transactions
  std::uint64_t stateless_send_failures = 0;
};

/// The glue between a TransportLayer and a TransactionUser: parses what arrives (strictly),
/// answers malformed requests statelessly, matches requests and responses to transactions
/// (§17.1.3, §17.2.3 with the RFC 2543 fallback), creates server transactions, routes
/// responses back (§18.2.2, RFC 3581), sends requests in client transactions, handles
/// CANCEL (§9), and destroys every transaction once it terminates.
///
/// Construct it, give it to the transport as its MessageSink, then attach() the transport.
class TransactionLayer final : public MessageSink, private TransactionOwner {
 public:
  /// `timers` and `user` must outlive the layer.
  TransactionLayer(TimerService& timers, TransactionUser& user, TransactionLayerConfig config = {});
  ~TransactionLayer() override;
  TransactionLayer(const TransactionLayer&) = delete;
  TransactionLayer& operator=(const TransactionLayer&) = delete;

  /// The transport to send with; must outlive the layer (or be detached by attaching another).
  void attach(TransportLayer& transport) { transport_ = &transport; }

  // MessageSink
  void on_message(InboundMessage&& message) override;
  void on_send_failed(const SendFailure& failure) override;

  /// Sends `request` (not ACK) to `to` in a new client transaction. A Via with a fresh
  /// branch is pushed unless the request has one; Max-Forwards: 70 is added if missing.
  /// An error if the request is unusable or the transport refused it at once (nothing is
  /// reported later in that case).
  Result<TransactionId> send_request(Message request, const Endpoint& to,
                                     const SendOptions& options = {});
  /// Sends a response in server transaction `tx` (see the machines for what is allowed when).
  std::error_code respond(TransactionId tx, const Message& response);
  /// Builds the response from the transaction's request (make_response) and sends it.
  std::error_code respond(TransactionId tx, int status, std::string_view reason = {},
                          std::string_view to_tag = {});
  /// Cancels INVITE client transaction `tx` (§9.1): the CANCEL goes out now if a provisional
  /// response arrived, else as soon as one does. Its own transaction is internal; the INVITE
  /// then gets its final response (normally 487) or times out 64*T1 after the CANCEL.
  std::error_code cancel(TransactionId tx);
  /// Sends a message outside any transaction: the ACK for a 2xx (a Via with a fresh branch
  /// is pushed if it has none), or a response the TU routes itself.
  std::error_code send_stateless(Message message, const Endpoint& to,
                                 const SendOptions& options = {});
  /// A Via for a request to `to`: our sent-by for that transport (the listener on
  /// `options.local_address` if given), a fresh branch and, by default, rport.
  Result<Via> make_via(const Endpoint& to, const SendOptions& options = {});

  /// The request that created `tx`, or nullptr if it is gone.
  const Message* request(TransactionId tx) const;
  std::optional<TransactionKind> kind(TransactionId tx) const;
  /// The RFC state name ("Proceeding", ...), empty if the transaction is gone.
  std::string_view state_name(TransactionId tx) const;

  std::size_t active_transactions() const { return entries_.size(); }
  std::size_t active_transactions(TransactionKind kind) const;
  const TransactionCounters& counters() const { return counters_; }
  const TransactionLayerConfig& config() const { return config_; }
  /// Branches, tags and Call-IDs for the TU, from the layer's generator.
  IdGenerator& ids() { return ids_; }
  TimerService& timers() { return timers_; }

 private:
  struct Entry {
    std::shared_ptr<Transaction> tx;
    std::string key;              ///< index key (client or server)
    bool legacy = false;          ///< RFC 2543 server matching
    std::string legacy_to_tag;    ///< the creating request's To tag (RFC 2543 matching)
    bool internal = false;        ///< created by the layer itself: nothing reaches the TU
    bool cancel_pending = false;  ///< client INVITE: CANCEL once a provisional arrives
    std::vector<SendId> sends;
  };

  // TransactionOwner
  std::error_code send(TransactionId id, std::string bytes, const Destination& to,
                       bool retransmission) override;
  void pass_response(TransactionId id, const Message& response) override;
  void pass_ack(TransactionId id, const Message& ack) override;
  void report_failure(TransactionId id, TransactionFailure failure, std::error_code error) override;
  void terminated(TransactionId id) override;
  void absorbed(TransactionId id) override;

  void handle_request(Message&& request, const Arrival& arrival);
  void handle_ack(const Message& ack, const std::string& key, bool legacy,
                  const std::string& to_tag, const Arrival& arrival);
  void handle_cancel(Message&& cancel, const ServerTransactionKey& key, const Destination& reply_to,
                     const Arrival& arrival);
  void handle_response(const Message& response, const Arrival& arrival);
  /// The server transaction with this key (RFC 2543 keys also compare the To tag: with the
  /// creating request's, or for an ACK with the last response's); 0 if none.
  TransactionId find_server(const std::string& key, bool legacy, const std::string& to_tag,
                            bool for_ack) const;
  TransactionId create_server(Message&& request, std::string key, bool legacy, std::string to_tag,
                              const Destination& reply_to, bool internal);
  void send_cancel(TransactionId invite_tx);
  /// Answers a request that cannot enter a transaction (malformed, missing headers).
  void reject_statelessly(const Message& request, int status, std::string_view reason,
                          const Arrival& arrival);
  /// The machines talk to the layer through the owner interface only.
  TransactionOwner& as_owner() { return *this; }
  Entry* entry(TransactionId id);
  const Entry* entry(TransactionId id) const;

  TimerService& timers_;
  TransactionUser& user_;
  TransactionLayerConfig config_;
  IdGenerator ids_;
  TransportLayer* transport_ = nullptr;
  TransactionCounters counters_;
  TransactionId next_id_ = 1;
  std::unordered_map<TransactionId, Entry> entries_;
  std::unordered_map<std::string, TransactionId> client_index_;
  std::unordered_map<std::string, TransactionId> server_index_;
  std::unordered_multimap<std::string, TransactionId> legacy_index_;
  std::unordered_map<SendId, TransactionId> send_index_;
  std::array<std::size_t, kTransactionKindCount> active_by_kind_{};
  const Arrival* arrival_ = nullptr;  ///< the message being handled, for pass_response/ack
};

}  // namespace sipconf::sip
