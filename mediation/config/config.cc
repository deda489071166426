#include "mediation/config/config.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace sipconf::mediation {
namespace {

sip::TlsConfig tls_config(const TlsFiles& files) {
  sip::TlsConfig tls;
  tls.ca_file = files.ca_file;
  tls.certificate_file = files.certificate_file;
  tls.private_key_file = files.private_key_file;
  tls.require_peer_certificate = true;
  return tls;
}

/// What the sockets are bound with: endpoints and the TLS names each listener accepts.
std::vector<std::pair<sip::Endpoint, std::vector<std::string>>> listener_identity(
    const MediationConfig& c) {
  std::vector<std::pair<sip::Endpoint, std::vector<std::string>>> out;
  for (const sip::ListenerConfig& l : c.transport_config().listeners) {
    std::vector<std::string> names;
    if (l.tls) names = l.tls->allowed_peer_names;
    std::sort(names.begin(), names.end());
    out.emplace_back(l.local, std::move(names));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first.address, a.first.port, a.first.transport, a.second) <
           std::tie(b.first.address, b.first.port, b.first.transport, b.second);
  });
  return out;
}

}  // namespace

std::string_view to_string(LogFormat format) { return format == LogFormat::json ? "json" : "text"; }

const TrunkConfig* MediationConfig::find_trunk(std::string_view name) const {
  const std::size_t i = trunk_index(name);
  return i < trunks.size() ? &trunks[i] : nullptr;
}

std::size_t MediationConfig::trunk_index(std::string_view name) const {
  for (std::size_t i = 0; i < trunks.size(); ++i) {
    if (trunks[i].name == name) return i;
  }
  return trunks.size();
}

sip::TransportConfig MediationConfig::transport_config() const {
  sip::TransportConfig out;
  sip::ListenerConfig internal_listener{internal.listen_endpoint(), std::nullopt};
  if (internal.transport == sip::Transport::tls) {
    internal_listener.tls = tls_config(tls);
    if (!internal.peer_fqdn.empty()) {
      internal_listener.tls->allowed_peer_names.push_back(internal.peer_fqdn);
    }
  }
  out.listeners.push_back(std::move(internal_listener));

  for (const TrunkConfig& trunk : trunks) {
    const sip::Endpoint local = trunk.listen_endpoint();
    auto same = [&](const sip::ListenerConfig& l) { return l.local == local; };
    auto it = std::find_if(out.listeners.begin(), out.listeners.end(), same);
    if (it == out.listeners.end()) {
      sip::ListenerConfig listener{local, std::nullopt};
      if (trunk.transport == sip::Transport::tls) listener.tls = tls_config(tls);
      out.listeners.push_back(std::move(listener));
      it = std::prev(out.listeners.end());
    }
    // SEC-02: a TLS listener shared by trunks that all name their peer by FQDN accepts only
    // those names; one trunk known by IP only means the chain check alone decides.
    if (it->tls && trunk.peer_is_fqdn()) it->tls->allowed_peer_names.push_back(trunk.peer_host);
  }
  for (sip::ListenerConfig& l : out.listeners) {
    if (!l.tls || l.local == internal.listen_endpoint()) continue;
    const bool all_named = std::all_of(trunks.begin(), trunks.end(), [&](const TrunkConfig& t) {
      return t.listen_endpoint() != l.local || t.peer_is_fqdn();
    });
    if (!all_named) l.tls->allowed_peer_names.clear();
  }

  if (!tls.certificate_file.empty()) out.tls_client = tls_config(tls);
  out.limits.connect_timeout = limits.tcp_connect_timeout;
  out.limits.idle_timeout = limits.tcp_idle_timeout;
  out.limits.max_connections = limits.max_connections;
  out.limits.max_connections_per_ip = limits.max_connections_per_ip;
  return out;
}

std::string restart_only_difference(const MediationConfig& running, const MediationConfig& next) {
  if (listener_identity(running) != listener_identity(next)) {
    return "the listening endpoints or the TLS peer names they accept differ";
  }
  if (running.tls.ca_file != next.tls.ca_file ||
      running.tls.certificate_file != next.tls.certificate_file ||
      running.tls.private_key_file != next.tls.private_key_file) {
    return "the TLS files differ";
  }
  const auto& ma = running.metrics;
  const auto& mb = next.metrics;
  if (ma.enabled != mb.enabled || ma.address != mb.address || ma.port != mb.port) {
    return "the metrics listener differs";
  }
  const auto& ta = running.timers;
  const auto& tb = next.timers;
  if (ta.t1 != tb.t1 || ta.t2 != tb.t2 || ta.t4 != tb.t4 ||
      ta.timer_d_unreliable != tb.timer_d_unreliable) {
    return "the SIP timers differ";
  }
  const auto& la = running.limits;
  const auto& lb = next.limits;
  if (la.max_connections != lb.max_connections ||
      la.max_connections_per_ip != lb.max_connections_per_ip ||
      la.tcp_connect_timeout != lb.tcp_connect_timeout ||
      la.tcp_idle_timeout != lb.tcp_idle_timeout) {
    return "the connection limits differ";
  }
  if (running.log.file != next.log.file || running.log.format != next.log.format) {
    return "the log destination or format differs";
  }
  return {};
}

}  // namespace sipconf::mediation
