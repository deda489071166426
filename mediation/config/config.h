#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/common.h>

#include "mediation/config/trunk_settings.h"
#include "sip/transaction/transaction_timers.h"
#include "sip/transport/transport.h"
#include "sip/transport/transport_config.h"

/// The configuration of the reference mediation as plain structs, filled from the XML file
/// by config_loader.h (written back by config_writer.h) and passed explicitly to every part
/// (no globals).
namespace sipconf::mediation {

/// The line an element was read from (0: not read from a file), for messages. Where a setting
/// was written is no part of what it says, so any two compare equal: a configuration written
/// and read back equals the original.
struct SourceLine {
  int number = 0;

  bool operator==(const SourceLine&) const { return true; }
};

/// Certificates of the TLS listeners (internal MTLS and TLS trunks) and of outbound TLS.
struct TlsFiles {
  std::string ca_file;
  std::string certificate_file;
  std::string private_key_file;

  bool operator==(const TlsFiles&) const = default;
};

/// The Lync side: the Front End pool that is the signalling next hop (spec section 1).
struct InternalInterface {
  std::string listen_address;
  std::uint16_t listen_port = 5070;
  /// TLS (MTLS, the default) or TCP (the lab switch of decision 6.2).
  sip::Transport transport = sip::Transport::tls;
  std::string peer_address;  ///< the Front End's IP
  std::uint16_t peer_port = 5061;
  /// Name the Front End's certificate must carry; empty: any certificate from the CA.
  std::string peer_fqdn;
  SourceLine line;

  sip::Endpoint listen_endpoint() const { return {listen_address, listen_port, transport}; }
  sip::Endpoint peer_endpoint() const { return {peer_address, peer_port, transport}; }
  bool operator==(const InternalInterface&) const = default;
};

/// One trunk (Lync 2013 M:N): {mediation address and port : peer address and port}.
struct TrunkConfig {
  std::string name;
  /// The peer as configured (IP literal or FQDN): the host of Request-URIs toward it.
  std::string peer_host;
  /// The IP the peer is reached at and trusted from (peer_host resolved when an FQDN).
  std::string peer_address;
  std::uint16_t peer_port = 5066;
  sip::Transport transport = sip::Transport::tcp;
  std::string listen_address;
  std::uint16_t listen_port = 5068;
  TrunkSettings settings;
  SourceLine line;

  bool peer_is_fqdn() const { return peer_host != peer_address; }
  sip::Endpoint listen_endpoint() const { return {listen_address, listen_port, transport}; }
  sip::Endpoint peer_endpoint() const { return {peer_address, peer_port, transport}; }
  bool operator==(const TrunkConfig&) const = default;
};

/// A voice route: calls whose number matches `pattern` go to `trunks`, in order (RT-01).
struct VoiceRoute {
  std::string name;
  std::string pattern = "[0-9]{10}";  ///< ECMAScript regex, searched (like .NET IsMatch)
  std::vector<std::string> trunks;
  SourceLine line;

  bool operator==(const VoiceRoute&) const = default;
};

/// A PSTN usage groups routes; usages are considered in configuration order, as the single
/// voice policy of the lab orders them (decision 6.1).
struct PstnUsage {
  std::string name;
  std::vector<VoiceRoute> routes;
  SourceLine line;

  bool operator==(const PstnUsage&) const = default;
};

struct MetricsConfig {
  bool enabled = false;
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;
  SourceLine line;

  bool operator==(const MetricsConfig&) const = default;
};

enum class LogFormat : std::uint8_t { text, json };
std::string_view to_string(LogFormat format);

struct LogConfig {
  spdlog::level::level_enum level = spdlog::level::info;
  LogFormat format = LogFormat::text;
  std::string file;  ///< empty: stderr

  bool operator==(const LogConfig&) const = default;
};

struct Limits {
  std::size_t max_calls = 20000;  ///< more concurrent calls get 503
  std::size_t max_connections = 4096;
  std::size_t max_connections_per_ip = 256;
  std::chrono::milliseconds tcp_connect_timeout{4000};
  std::chrono::milliseconds tcp_idle_timeout{std::chrono::minutes(10)};

  bool operator==(const Limits&) const = default;
};

struct MediationConfig {
  std::string source;  ///< the file it was read from (for messages)
  InternalInterface internal;
  TlsFiles tls;
  std::vector<TrunkConfig> trunks;
  std::vector<PstnUsage> usages;
  MetricsConfig metrics;
  LogConfig log;
  sip::TransactionTimers timers;
  Limits limits;
  /// After SIGTERM, how long active calls may go on before they are ended with BYE.
  std::chrono::milliseconds shutdown_grace{std::chrono::seconds(30)};

  /// The trunk called `name`, or nullptr.
  const TrunkConfig* find_trunk(std::string_view name) const;
  /// Index of the trunk called `name`, or trunks.size().
  std::size_t trunk_index(std::string_view name) const;
  /// The listeners and TLS material AsioTransport needs: the internal listener first, then
  /// one per distinct trunk listening endpoint.
  sip::TransportConfig transport_config() const;
  bool operator==(const MediationConfig&) const = default;
};

/// Settings that need new sockets or a new transaction layer, so a reload (SIGHUP) cannot
/// change them; an empty string when `next` only differs in what a reload may change
/// (trunks on existing listeners, routes, limits, log level), else what differs.
std::string restart_only_difference(const MediationConfig& running, const MediationConfig& next);

}  // namespace sipconf::mediation
