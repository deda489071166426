#include "harness/lab/mediation_config.h"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <set>
#include <utility>
#include <vector>

#include "harness/lab/lab_error.h"
#include "mediation/config/config_writer.h"

namespace sipconf::harness {
namespace {

sip::Transport sip_transport(manifest::Transport transport) {
  switch (transport) {
    case manifest::Transport::udp:
      return sip::Transport::udp;
    case manifest::Transport::tcp:
      return sip::Transport::tcp;
    case manifest::Transport::tls:
      return sip::Transport::tls;
  }
  return sip::Transport::tcp;
}

std::vector<mediation::TranslationRule> translation_rules(
    const std::vector<manifest::TranslationRule>& rules) {
  std::vector<mediation::TranslationRule> out;
  for (const manifest::TranslationRule& rule : rules) {
    out.push_back({"", rule.pattern, rule.translation});
  }
  return out;
}

NetworkAddress endpoint_address(const MediationPlacement& placement, const std::string& name) {
  const auto it = placement.endpoints.find(name);
  if (name.empty() || it == placement.endpoints.end()) return {placement.address, 9};
  return it->second;
}

mediation::TrunkConfig trunk_config(const manifest::Trunk& trunk, bool media_bypass,
                                    const MediationPlacement& placement) {
  mediation::TrunkConfig out;
  const NetworkAddress peer = endpoint_address(placement, trunk.peer);
  out.name = trunk.name;
  out.peer_address = peer.ip;
  out.peer_host = trunk.transport == manifest::Transport::tls && !trunk.peer.empty()
                      ? lab_dns_name(trunk.peer)
                      : peer.ip;
  out.peer_port = peer.port;
  out.transport = sip_transport(trunk.transport);
  out.listen_address = placement.address;
  const auto port = placement.trunk_ports.find(trunk.name);
  out.listen_port = port == placement.trunk_ports.end() ? 0 : port->second;

  mediation::TrunkSettings& s = out.settings;
  static_cast<mediation::TrunkParameters&>(s) = trunk.parameters;
  // Bypass needs the global switch and the trunk's (TC-02).
  s.enable_bypass = media_bypass && trunk.parameters.enable_bypass;
  s.outbound_translation_rules = translation_rules(trunk.outbound_translation);
  s.outbound_calling_number_translation_rules = translation_rules(trunk.calling_number_translation);
  for (const manifest::ResponseCodeRule& rule : trunk.response_code_translation) {
    s.response_code_translation_rules.push_back(
        {"", rule.received, rule.isup_cause, rule.translated});
  }
  s.pstn_usages = trunk.pstn_usages;
  s.options_interval = trunk.health.interval;
  s.options_miss_threshold = trunk.health.miss_threshold;
  s.options_down_reprobe = trunk.health.down_reprobe;
  s.fast_failover_after = trunk.fast_failover_after;
  return out;
}

}  // namespace

std::error_code check_builtin_mediation_config(const manifest::MediationConfig& config,
                                               base::Diagnostics& diags) {
  const std::size_t before = diags.size();
  for (const manifest::Trunk& trunk : config.trunks) {
    if (!trunk.inbound_normalization.empty()) {
      base::report(diags, trunk.inbound_normalization.front().where,
                   fmt::format("trunk {} has <inbound-normalization>, which the built-in "
                               "mediation's configuration cannot express; run the case against "
                               "an external SUT",
                               trunk.name));
    }
  }
  for (const manifest::VoiceRoute& route : config.routes) {
    if (route.suppress_caller_id || !route.alternate_caller_id.empty()) {
      base::report(diags, route.where,
                   fmt::format("route {} masks the caller ID, which the built-in mediation's "
                               "configuration cannot express; run the case against an external "
                               "SUT",
                               route.name));
    }
  }
  if (diags.size() == before) return {};
  return LabErrc::kSutCannotServeCase;
}

mediation::MediationConfig builtin_mediation_config(const manifest::MediationConfig& config,
                                                    const MediationPlacement& placement) {
  mediation::MediationConfig out;
  mediation::InternalInterface& internal = out.internal;
  internal.listen_address = placement.address;
  internal.listen_port = placement.internal_port;
  internal.transport = sip_transport(config.internal.transport);
  const std::string& front_end = config.internal.peer;
  const NetworkAddress peer = endpoint_address(placement, front_end);
  internal.peer_address = peer.ip;
  internal.peer_port = peer.port;
  if (config.internal.transport == manifest::Transport::tls && !front_end.empty()) {
    internal.peer_fqdn = lab_dns_name(front_end);
  }
  if (placement.tls) {
    out.tls = {placement.tls->ca.string(), placement.tls->certificate.string(),
               placement.tls->key.string()};
  }

  for (const manifest::Trunk& trunk : config.trunks) {
    out.trunks.push_back(trunk_config(trunk, config.media_bypass, placement));
  }

  // The voice policy orders the usages; usages only trunks name (inter-trunk routing)
  // follow, so every route is written exactly once.
  std::vector<std::string> usages = config.voice_policy_usages;
  std::set<std::string> listed(usages.begin(), usages.end());
  for (const manifest::VoiceRoute& route : config.routes) {
    if (listed.insert(route.usage).second) usages.push_back(route.usage);
  }
  for (const std::string& name : usages) {
    mediation::PstnUsage usage;
    usage.name = name;
    for (const manifest::VoiceRoute& route : config.routes) {
      if (route.usage != name) continue;
      mediation::VoiceRoute r;
      r.name = route.name;
      r.pattern = route.pattern;
      r.trunks = route.trunks;
      usage.routes.push_back(std::move(r));
    }
    out.usages.push_back(std::move(usage));
  }

  out.log.level = spdlog::level::debug;
  out.log.file = placement.log_file.string();
  // The harness stops the mediation after the case; calls left up end at once.
  out.shutdown_grace = std::chrono::milliseconds(0);
  return out;
}

std::string render_mediation_config(const manifest::MediationConfig& config,
                                    const MediationPlacement& placement) {
  return mediation::write_config(builtin_mediation_config(config, placement));
}

std::error_code write_mediation_config(const manifest::MediationConfig& config,
                                       const MediationPlacement& placement,
                                       const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << render_mediation_config(config, placement);
  out.flush();
  return out ? std::error_code() : std::make_error_code(std::errc::io_error);
}

}  // namespace sipconf::harness
