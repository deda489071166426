#pragma once

#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "sip/transport/transport.h"
#include "sip/transport/transport_config.h"

/// TransportLayer on Boost.Asio sockets: UDP, TCP and TLS listeners, outbound connections
/// with reuse (RFC 3261 §18), idle and per-peer limits, counters. Single-threaded: everything
/// runs on the io_context passed in; callers use it from that thread only.
namespace sipconf::sip {

class AsioTransport final : public TransportLayer {
 public:
  /// `sink` must outlive the transport. Nothing happens before start().
  AsioTransport(boost::asio::io_context& io, TransportConfig config, MessageSink& sink);
  /// Stops (see stop()).
  ~AsioTransport() override;

  AsioTransport(const AsioTransport&) = delete;
  AsioTransport& operator=(const AsioTransport&) = delete;

  /// Loads TLS material and binds every listener. On failure nothing is left open and
  /// `detail` (if given) names the listener or file and the reason.
  std::error_code start(std::string* detail = nullptr);

  /// Closes all sockets and connections. No callbacks reach the sink afterwards; sends
  /// still queued are dropped. Safe to call from inside a sink callback.
  void stop();

  SendId send(const Endpoint& to, std::string bytes, const SendOptions& options,
              std::error_code& ec) override;
  void add_alias(ConnectionId connection, const Endpoint& alias) override;
  void close(ConnectionId connection) override;
  std::vector<Endpoint> local_endpoints() const override;
  const TransportCounters& counters() const override;

  /// A connection as the transport sees it (diagnostics and tests).
  struct ConnectionInfo {
    ConnectionId id = 0;
    Endpoint local;
    Endpoint remote;
    bool inbound = false;
    bool open = false;  ///< connected (and TLS handshake done)
    std::shared_ptr<const TlsPeer> tls_peer;
  };
  std::optional<ConnectionInfo> connection_info(ConnectionId connection) const;
  /// Connections currently held (connecting, handshaking or open), for a metrics gauge.
  std::size_t connection_count() const;
  std::vector<ConnectionInfo> connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sipconf::sip
