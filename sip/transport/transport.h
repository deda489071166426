#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

/// The transport interface the transaction layer and the B2BUA code against (RFC 3261 §18).
/// No Asio types appear here, so state machines are unit-tested against FakeTransport; the
/// socket implementation is AsioTransport (transport_asio.h).
namespace sipconf::sip {

enum class Transport : std::uint8_t { udp, tcp, tls };

/// "UDP", "TCP", "TLS" as in a Via header.
std::string_view to_string(Transport transport);
/// Case-insensitive inverse of to_string.
std::optional<Transport> transport_from_string(std::string_view text);
/// TCP and TLS carry a byte stream and need framing; UDP carries datagrams.
constexpr bool is_stream(Transport transport) { return transport != Transport::udp; }

/// Largest UDP payload over IPv4; bigger messages must go over a stream (RFC 3261 §18.1.1).
inline constexpr std::size_t kMaxDatagram = 65507;

/// An IP literal, a port and a transport. No DNS: the harness gives every party an address.
struct Endpoint {
  std::string address;  ///< "127.0.0.12" or "::1" (no brackets)
  std::uint16_t port = 0;
  Transport transport = Transport::udp;

  bool operator==(const Endpoint&) const = default;
};

/// "udp:127.0.0.12:5060", "tls:[::1]:5061"; for logs and test messages.
std::string to_string(const Endpoint& endpoint);

struct EndpointHash {
  std::size_t operator()(const Endpoint& endpoint) const noexcept;
};

/// Identifies a TCP/TLS connection for the life of the transport; 0 means "none" (UDP).
using ConnectionId = std::uint64_t;

/// Identifies one send() so that a later failure can be matched to it.
using SendId = std::uint64_t;

/// What a verified TLS peer certificate says about its owner, so that the application can
/// match it against a trunk FQDN (SEC-02).
struct TlsPeer {
  std::string common_name;             ///< subject CN, empty if none
  std::vector<std::string> dns_names;  ///< subjectAltName dNSName entries
  std::vector<std::string> uri_names;  ///< subjectAltName URI entries (RFC 5922: sip:host)
  std::string protocol;                ///< negotiated version, e.g. "TLSv1.2"
};

/// One SIP message (or one datagram) as received, not yet parsed.
struct InboundMessage {
  std::string bytes;
  Endpoint local;   ///< the listener it arrived on
  Endpoint remote;  ///< the peer's source address and port
  ConnectionId connection = 0;
  std::chrono::steady_clock::time_point received_at;
  std::shared_ptr<const TlsPeer> tls_peer;  ///< set on TLS connections with a peer certificate
};

/// A send that could not be completed after send() returned; the transaction layer turns
/// it into 503 / a timeout (RFC 3261 §8.1.3.1, §17.1.4).
struct SendFailure {
  SendId send = 0;
  Endpoint to;
  ConnectionId connection = 0;
  std::error_code error;
};

/// Why a connection went away (for flow bookkeeping; sends on it are reported separately).
struct ConnectionClosed {
  ConnectionId connection = 0;
  Endpoint local;
  Endpoint remote;
  std::error_code reason;  ///< empty for an orderly close by the peer
};

/// Receives everything the transport has to say. Called on the io_context thread, never
/// from inside send().
class MessageSink {
 public:
  virtual ~MessageSink() = default;
  virtual void on_message(InboundMessage&& message) = 0;
  virtual void on_send_failed(const SendFailure& failure) = 0;
  virtual void on_connection_closed(const ConnectionClosed&) {}
};

struct SendOptions {
  /// Send on this connection if it is still open (a response goes back where its request
  /// came from, RFC 3261 §18.2.2); if it is gone, fall back to reuse or a new connection.
  ConnectionId connection = 0;
  /// Source address for UDP or for a new connection; defaults to the first listener of the
  /// transport (so a simulated host keeps its own 127.0.0.N).
  std::string local_address;
  /// TLS only: the name the server certificate must carry (SNI and verification); empty
  /// means the chain is checked but not the name.
  std::string server_name;
};

/// Per-transport traffic figures.
struct TrafficCounters {
  std::uint64_t messages_in = 0;
  std::uint64_t messages_out = 0;
  std::uint64_t bytes_in = 0;
  std::uint64_t bytes_out = 0;
};

/// Counters readable by the owner for metrics; they only grow.
struct TransportCounters {
  TrafficCounters udp, tcp, tls;
  std::uint64_t keepalives_in = 0;   ///< CRLFCRLF pings and CRLF datagrams
  std::uint64_t framing_errors = 0;  ///< stream framing errors (connection closed)
  std::uint64_t connections_accepted = 0;
  std::uint64_t connections_opened = 0;   ///< outbound, once established
  std::uint64_t connections_refused = 0;  ///< inbound refused by a limit
  std::uint64_t connections_closed = 0;
  std::uint64_t idle_closed = 0;
  std::uint64_t connect_failures = 0;    ///< refused, unreachable or timed out
  std::uint64_t handshake_failures = 0;  ///< TLS, either direction, including name checks
  std::uint64_t send_failures = 0;

  const TrafficCounters& of(Transport transport) const;
  TrafficCounters& of(Transport transport);
};

class TransportLayer {
 public:
  virtual ~TransportLayer() = default;

  /// Queues `bytes` for `to`. Problems known at once (bad address, no listener for that
  /// transport, a limit) are returned in `ec` and nothing is reported later; otherwise a
  /// failure arrives as MessageSink::on_send_failed with the returned id.
  virtual SendId send(const Endpoint& to, std::string bytes, const SendOptions& options,
                      std::error_code& ec) = 0;

  /// Declares that `connection` also reaches `alias` (e.g. the sent-by of a request that
  /// arrived on it), so requests to `alias` reuse it (RFC 3261 §18, RFC 5923).
  virtual void add_alias(ConnectionId connection, const Endpoint& alias) = 0;

  /// Closes a connection (e.g. a TLS peer whose name matches no trunk).
  virtual void close(ConnectionId connection) = 0;

  /// Bound listening endpoints (ports resolved when 0 was asked for).
  virtual std::vector<Endpoint> local_endpoints() const = 0;

  virtual const TransportCounters& counters() const = 0;
};

}  // namespace sipconf::sip
