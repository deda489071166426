#include "harness/lab/mediation_config.h"

#include <fmt/format.h>
#include <pugixml.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace sipconf::harness {
namespace {

using scenarios::TranslationRule;

void set(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name) = value.c_str();
}

void set(pugi::xml_node node, const char* name, long long value) {
  node.append_attribute(name) = value;
}

void set_bool(pugi::xml_node node, const char* name, bool value) {
  node.append_attribute(name) = value ? "true" : "false";
}

std::string duration(std::chrono::milliseconds value) { return fmt::format("{}ms", value.count()); }

std::string srtp_mode(scenarios::SrtpMode mode) {
  switch (mode) {
    case scenarios::SrtpMode::required:
      return "Required";
    case scenarios::SrtpMode::optional:
      return "Optional";
    case scenarios::SrtpMode::not_supported:
      return "NotSupported";
  }
  return "Required";
}

void add_rules(pugi::xml_node parent, const char* element,
               const std::vector<TranslationRule>& rules) {
  for (const TranslationRule& rule : rules) {
    pugi::xml_node node = parent.append_child(element);
    set(node, "Pattern", rule.pattern);
    set(node, "Translation", rule.translation);
  }
}

NetworkAddress endpoint_address(const MediationPlacement& placement, const std::string& name) {
  const auto it = placement.endpoints.find(name);
  if (name.empty() || it == placement.endpoints.end()) return {placement.address, 9};
  return it->second;
}

void add_trunk(pugi::xml_node root, const scenarios::Trunk& trunk, bool media_bypass,
               const MediationPlacement& placement) {
  const scenarios::TrunkParameters& p = trunk.parameters;
  pugi::xml_node node = root.append_child("trunk");
  const NetworkAddress peer = endpoint_address(placement, trunk.peer);
  set(node, "name", trunk.name);
  if (trunk.transport == scenarios::Transport::tls && !trunk.peer.empty()) {
    set(node, "peer", lab_dns_name(trunk.peer));
    set(node, "peer-address", peer.ip);
  } else {
    set(node, "peer", peer.ip);
  }
  set(node, "peer-port", peer.port);
  set(node, "transport", std::string(scenarios::to_string(trunk.transport)));
  set(node, "listen-address", placement.address);
  const auto port = placement.trunk_ports.find(trunk.name);
  set(node, "listen-port", port == placement.trunk_ports.end() ? 0 : port->second);

  pugi::xml_node c = node.append_child("configuration");
  set_bool(c, "ConcentratedTopology", p.concentrated_topology);
  // Bypass needs the global switch and the trunk's (TC-02).
  set_bool(c, "EnableBypass", media_bypass && p.enable_bypass);
  set_bool(c, "EnableMobileTrunkSupport", p.enable_mobile_trunk_support);
  set_bool(c, "EnablePIDFLOSupport", p.enable_pidf_lo_support);
  set_bool(c, "EnableReferSupport", p.enable_refer_support);
  set_bool(c, "EnableSessionTimer", p.enable_session_timer);
  set_bool(c, "EnableSignalBoost", p.enable_signal_boost);
  set(c, "MaxEarlyDialogs", p.max_early_dialogs);
  set_bool(c, "RemovePlusFromUri", p.remove_plus_from_uri);
  set_bool(c, "RTCPActiveCalls", p.rtcp_active_calls);
  set_bool(c, "RTCPCallsOnHold", p.rtcp_calls_on_hold);
  set(c, "SRTPMode", srtp_mode(p.srtp_mode));
  set_bool(c, "Enable3pccRefer", p.enable_3pcc_refer);
  set_bool(c, "EnableFastFailoverTimer", p.enable_fast_failover_timer);
  set_bool(c, "EnableOnlineVoice", p.enable_online_voice);
  set_bool(c, "EnableRTPLatching", p.enable_rtp_latching);
  set_bool(c, "ForwardCallHistory", p.forward_call_history);
  set_bool(c, "ForwardPAI", p.forward_pai);
  add_rules(c, "OutboundTranslationRule", trunk.outbound_translation);
  add_rules(c, "OutboundCallingNumberTranslationRule", trunk.calling_number_translation);
  for (const scenarios::ResponseCodeRule& rule : trunk.response_code_translation) {
    pugi::xml_node r = c.append_child("SipResponseCodeTranslationRule");
    set(r, "ReceivedResponseCode", rule.received);
    set(r, "ReceivedISUPCauseValue", rule.isup_cause);
    set(r, "TranslatedResponseCode", rule.translated);
  }
  for (const std::string& usage : trunk.pstn_usages)
    set(c.append_child("PstnUsage"), "Name", usage);

  pugi::xml_node health = node.append_child("health");
  set(health, "options-interval", duration(trunk.health.interval));
  set(health, "options-miss-threshold", trunk.health.miss_threshold);
  set(health, "options-down-reprobe", duration(trunk.health.down_reprobe));
}

}  // namespace

std::string builtin_mediation_limitation(const scenarios::MediationConfig& config) {
  for (const scenarios::Trunk& trunk : config.trunks) {
    if (!trunk.inbound_normalization.empty()) {
      return fmt::format(
          "trunk {} has <inbound-normalization>, which the built-in mediation's "
          "configuration cannot express; run the case against an external SUT",
          trunk.name);
    }
  }
  for (const scenarios::VoiceRoute& route : config.routes) {
    if (route.suppress_caller_id || !route.alternate_caller_id.empty()) {
      return fmt::format(
          "route {} masks the caller ID, which the built-in mediation's "
          "configuration cannot express; run the case against an external SUT",
          route.name);
    }
  }
  return {};
}

std::string render_mediation_config(const scenarios::MediationConfig& config,
                                    const MediationPlacement& placement) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("mediation");

  pugi::xml_node internal = root.append_child("internal");
  set(internal, "listen-address", placement.address);
  set(internal, "listen-port", placement.internal_port);
  set(internal, "transport", std::string(scenarios::to_string(config.internal.transport)));
  std::string front_end = config.internal.peer;
  const NetworkAddress peer = endpoint_address(placement, front_end);
  set(internal, "peer-address", peer.ip);
  set(internal, "peer-port", peer.port);
  if (config.internal.transport == scenarios::Transport::tls && !front_end.empty()) {
    set(internal, "peer-fqdn", lab_dns_name(front_end));
  }
  if (placement.tls) {
    pugi::xml_node tls = root.append_child("tls");
    set(tls, "ca", placement.tls->ca.string());
    set(tls, "certificate", placement.tls->certificate.string());
    set(tls, "key", placement.tls->key.string());
  }

  for (const scenarios::Trunk& trunk : config.trunks) {
    add_trunk(root, trunk, config.media_bypass, placement);
  }

  // The voice policy orders the usages; usages only trunks name (inter-trunk routing)
  // follow, so every route is written exactly once.
  std::vector<std::string> usages = config.voice_policy_usages;
  std::set<std::string> listed(usages.begin(), usages.end());
  for (const scenarios::VoiceRoute& route : config.routes) {
    if (listed.insert(route.usage).second) usages.push_back(route.usage);
  }
  for (const std::string& usage : usages) {
    pugi::xml_node node = root.append_child("pstn-usage");
    set(node, "name", usage);
    for (const scenarios::VoiceRoute& route : config.routes) {
      if (route.usage != usage) continue;
      pugi::xml_node r = node.append_child("route");
      set(r, "name", route.name);
      set(r, "pattern", route.pattern);
      for (const std::string& trunk : route.trunks) set(r.append_child("trunk"), "name", trunk);
    }
  }

  pugi::xml_node log = root.append_child("log");
  set(log, "level", "debug");
  set(log, "file", placement.log_file.string());
  // The harness stops the mediation after the case; calls left up end at once.
  set(root.append_child("shutdown"), "grace", "0ms");

  std::ostringstream out;
  document.save(out, "  ");
  return out.str();
}

std::error_code write_mediation_config(const scenarios::MediationConfig& config,
                                       const MediationPlacement& placement,
                                       const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << render_mediation_config(config, placement);
  out.flush();
  return out ? std::error_code() : std::make_error_code(std::errc::io_error);
}

}  // namespace sipconf::harness
