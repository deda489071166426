#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sip/transport/transport.h"

/// Which connection reaches which peer (RFC 3261 §18 connection reuse): by the peer's
/// address as seen on the socket and by aliases such as the sent-by of its requests. Pure
/// bookkeeping, no sockets. Addresses must be in canonical text form.
namespace sipconf::sip {

class ConnectionTable {
 public:
  void insert(ConnectionId id, const Endpoint& remote, bool inbound);
  void erase(ConnectionId id);
  /// `alias` now also leads to `id` (ignored for unknown ids).
  void add_alias(ConnectionId id, const Endpoint& alias);
  /// The connection to reuse for `to`: the most recently inserted or aliased one.
  std::optional<ConnectionId> find(const Endpoint& to) const;

  std::size_t size() const { return keys_.size(); }
  /// Inbound connections whose peer has this IP (for the per-peer cap).
  std::size_t inbound_from(const std::string& ip) const;

 private:
  struct Entry {
    std::vector<Endpoint> keys;  // remote first, then aliases
    std::string inbound_ip;      // empty for outbound connections
  };

  std::unordered_map<Endpoint, std::vector<ConnectionId>, EndpointHash> by_endpoint_;
  std::unordered_map<ConnectionId, Entry> keys_;
  std::unordered_map<std::string, std::size_t> inbound_per_ip_;
};

}  // namespace sipconf::sip
