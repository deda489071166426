#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sip/message/stream_framer.h"
#include "sip/transport/transport.h"

/// Plain configuration of AsioTransport; the owner fills it from its own config file.
namespace sipconf::sip {

enum class TlsVersion { tls1_0, tls1_1, tls1_2, tls1_3 };

struct TlsConfig {
  std::string ca_file;           ///< PEM CA(s) that peers' certificates must chain to
  std::string certificate_file;  ///< PEM certificate chain we present
  std::string private_key_file;  ///< PEM key of that certificate
  /// Server: demand a client certificate from the CA (MTLS, SEC-01/SEC-02).
  /// Client: verify the server's certificate chain against the CA.
  bool require_peer_certificate = true;
  TlsVersion min_version = TlsVersion::tls1_2;
  std::optional<TlsVersion> max_version;
  /// Server: if not empty, a client whose certificate names none of these (SAN DNS/URI or
  /// CN, see tls_peer_matches) is refused right after the handshake; e.g. trunk FQDNs.
  std::vector<std::string> allowed_peer_names;
};

struct ListenerConfig {
  Endpoint local;                ///< port 0 picks a free port (see local_endpoints())
  std::optional<TlsConfig> tls;  ///< required for Transport::tls listeners
};

struct TransportLimits {
  /// TCP connect plus TLS handshake, outbound; about 4 s in Lync deployments (HF-06).
  std::chrono::milliseconds connect_timeout{4000};
  /// Inbound TLS handshake, so that a silent peer cannot hold a connection slot.
  std::chrono::milliseconds handshake_timeout{4000};
  /// Close a connection after this long without traffic; zero keeps connections forever.
  std::chrono::milliseconds idle_timeout{std::chrono::minutes(10)};
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_ip = 256;        ///< inbound connections from one remote IP
  std::size_t max_queued_bytes = 4 * 1024 * 1024;  ///< unsent bytes per connection
  /// SO_RCVBUF asked for on UDP sockets (the kernel caps it at net.core.rmem_max): room for
  /// a burst that arrives while the event loop is busy, instead of drops and retransmissions.
  std::size_t udp_receive_buffer = 4 * 1024 * 1024;
  FramerLimits framer;
};

struct TransportConfig {
  std::vector<ListenerConfig> listeners;
  /// Certificates for outbound TLS; without it the first TLS listener's are used.
  std::optional<TlsConfig> tls_client;
  TransportLimits limits;
};

}  // namespace sipconf::sip
