#pragma once

#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "sip/transport/transport.h"

/// A TransportLayer without sockets for unit tests of the transaction layer and the B2BUA:
/// it records what is sent and lets the test deliver messages and failures to the sink.
namespace sipconf::sip {

class FakeTransport final : public TransportLayer {
 public:
  struct Sent {
    SendId id = 0;
    Endpoint to;
    std::string bytes;
    SendOptions options;
  };

  explicit FakeTransport(MessageSink& sink, std::vector<Endpoint> local = {});

  SendId send(const Endpoint& to, std::string bytes, const SendOptions& options,
              std::error_code& ec) override;
  void add_alias(ConnectionId connection, const Endpoint& alias) override;
  void close(ConnectionId connection) override;
  std::vector<Endpoint> local_endpoints() const override { return local_; }
  const TransportCounters& counters() const override { return counters_; }

  /// The next send() fails at once with `ec` (and is not recorded).
  void fail_next_send(std::error_code ec) { next_error_ = ec; }
  /// Hands `message` to the sink as if it had been received.
  void deliver(InboundMessage message);
  /// Reports that the earlier send `id` failed later with `error`.
  void fail(SendId id, std::error_code error);

  const std::vector<Sent>& sent() const { return sent_; }
  const std::vector<std::pair<ConnectionId, Endpoint>>& aliases() const { return aliases_; }
  const std::vector<ConnectionId>& closed() const { return closed_; }
  void clear_sent() { sent_.clear(); }

 private:
  MessageSink& sink_;
  std::vector<Endpoint> local_;
  TransportCounters counters_;
  std::vector<Sent> sent_;
  std::vector<std::pair<ConnectionId, Endpoint>> aliases_;
  std::vector<ConnectionId> closed_;
  std::error_code next_error_;
  SendId next_id_ = 1;
};

}  // namespace sipconf::sip
