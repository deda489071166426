#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include "sip/base/timer.h"
#include "sip/message/message.h"
#include "sip/transaction/transaction_timers.h"
#include "sip/transport/transport.h"

/// What the four RFC 3261 §17 transaction state machines share: ids, kinds, where their
/// messages go, how they fail, and the owner interface through which they send and report.
namespace sipconf::sip {

/// Names a transaction for the life of its TransactionLayer; never reused, 0 is "none".
using TransactionId = std::uint64_t;

enum class TransactionKind : std::uint8_t {
  client_invite,
  client_non_invite,
  server_invite,
  server_non_invite,
};
inline constexpr std::size_t kTransactionKindCount = 4;
/// "client_invite", ... (metric labels).
std::string_view to_string(TransactionKind kind);

/// Where a transaction sends: requests for a client transaction, responses for a server one.
struct Destination {
  Endpoint endpoint;
  SendOptions options;

  /// Reliable transports carry no retransmissions and zero the wait timers (§17).
  bool reliable() const { return is_stream(endpoint.transport); }
};

/// Where and how a message arrived: what a TU needs beyond the message itself (trunk
/// matching by source address, TLS peer names, latency measurements).
struct Arrival {
  Endpoint local;   ///< the listener it arrived on
  Endpoint remote;  ///< the peer's source address and port
  ConnectionId connection = 0;
  std::shared_ptr<const TlsPeer> tls_peer;
  std::chrono::steady_clock::time_point received_at;
};

/// Why a transaction ended without the outcome its TU waits for.
enum class TransactionFailure : std::uint8_t {
  timeout,          ///< Timer B or F (no final response), H (no ACK), or the CANCEL guard
  transport_error,  ///< the transport could not deliver one of its messages (§17.1.4)
};
std::string_view to_string(TransactionFailure failure);
/// The response a client TU acts as if it had received: 408 for a timeout, 503 for a
/// transport error (RFC 3261 §8.1.3.1).
int failure_status(TransactionFailure failure);

/// The layer that owns the transactions (TransactionLayer, or a test double): it carries
/// their messages to the transport and their reports to the TU.
class TransactionOwner {
 public:
  virtual ~TransactionOwner() = default;
  /// Hands bytes to the transport. An error means it failed at once.
  virtual std::error_code send(TransactionId id, std::string bytes, const Destination& to,
                               bool retransmission) = 0;
  /// A response for the TU (client transactions; every 2xx of an INVITE, RFC 6026).
  virtual void pass_response(TransactionId id, const Message& response) = 0;
  /// An ACK that matched an INVITE server transaction in the Accepted state (RFC 6026).
  virtual void pass_ack(TransactionId id, const Message& ack) = 0;
  virtual void report_failure(TransactionId id, TransactionFailure failure,
                              std::error_code error) = 0;
  /// The transaction reached Terminated and does nothing more; the owner may drop it (the
  /// caller of the transaction holds a reference until it returns).
  virtual void terminated(TransactionId id) = 0;
  /// A retransmitted request or response that the transaction absorbed.
  virtual void absorbed(TransactionId) {}
};

/// Common state of the four machines. Owned through shared_ptr so that a timer callback
/// keeps its transaction alive while it runs even if the owner drops it meanwhile.
class Transaction : public std::enable_shared_from_this<Transaction> {
 public:
  virtual ~Transaction() = default;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  TransactionId id() const { return id_; }
  TransactionKind kind() const { return kind_; }
  /// The request that created the transaction.
  const Message& request() const { return request_; }
  const Destination& destination() const { return destination_; }
  bool reliable() const { return destination_.reliable(); }

  virtual bool terminated() const = 0;
  virtual std::string_view state_name() const = 0;
  /// A message of this transaction could not be delivered (reported by the transport after
  /// send() returned).
  virtual void on_transport_error(std::error_code error) = 0;

 protected:
  Transaction(TransactionId id, TransactionKind kind, Message request, Destination destination,
              const TransactionTimers& timers, TimerService& service, TransactionOwner& owner)
      : id_(id),
        kind_(kind),
        request_(std::move(request)),
        destination_(std::move(destination)),
        timers_(timers),
        service_(service),
        owner_(owner) {}

  std::error_code send(std::string bytes, bool retransmission) {
    return owner_.send(id_, std::move(bytes), destination_, retransmission);
  }

  /// A timer callback that runs `member` only if the transaction still exists, holding a
  /// reference while it runs.
  template <class T>
  TimerService::Callback guarded(void (T::*member)()) {
    return [weak = weak_from_this(), member] {
      if (auto self = weak.lock()) (static_cast<T*>(self.get())->*member)();
    };
  }

  /// Starts `timer`, or runs `member` now when the interval is zero (reliable transports).
  template <class T>
  void start_or_run(Timer& timer, std::chrono::milliseconds after, void (T::*member)()) {
    if (after.count() <= 0) {
      (static_cast<T*>(this)->*member)();
    } else {
      timer.start(after, guarded(member));
    }
  }

  const TransactionTimers& timers() const { return timers_; }
  TimerService& service() { return service_; }
  TransactionOwner& owner() { return owner_; }

 private:
  TransactionId id_;
  TransactionKind kind_;
  Message request_;
  Destination destination_;
  TransactionTimers timers_;
  TimerService& service_;
  TransactionOwner& owner_;
};

}  // namespace sipconf::sip
