#include "harness/mediation_config.h"

#include <pugixml.hpp>

#include <fstream>
#include <sstream>

namespace sipconf::harness {
namespace {

using scenarios::TranslationRule;

void add_rules(pugi::xml_node parent, const char* element,
               const std::vector<TranslationRule>& rules) {
  for (const TranslationRule& rule : rules) {
    pugi::xml_node node = parent.append_child(element);
    node.append_attribute("pattern") = rule.pattern.c_str();
    node.append_attribute("translation") = rule.translation.c_str();
  }
}

void set(pugi::xml_node node, const char* name, const std::string& value) {
  node.append_attribute(name) = value.c_str();
}

void set(pugi::xml_node node, const char* name, long long value) {
  node.append_attribute(name) = value;
}

void set_bool(pugi::xml_node node, const char* name, bool value) {
  node.append_attribute(name) = value ? "true" : "false";
}

void add_peer(pugi::xml_node node, const std::string& prefix, const std::string& name,
              const MediationPlacement& placement) {
  const auto it = placement.endpoints.find(name);
  if (name.empty() || it == placement.endpoints.end()) return;
  set(node, (prefix + "name").c_str(), name);
  set(node, (prefix + "address").c_str(), it->second.ip);
  set(node, (prefix + "port").c_str(), it->second.port);
}

void add_trunk(pugi::xml_node root, const scenarios::Trunk& trunk,
               const MediationPlacement& placement) {
  const scenarios::TrunkParameters& p = trunk.parameters;
  pugi::xml_node node = root.append_child("trunk");
  set(node, "name", trunk.name);
  set(node, "address", placement.address);
  const auto port = placement.trunk_ports.find(trunk.name);
  set(node, "port", port == placement.trunk_ports.end() ? 0 : port->second);
  set(node, "transport", std::string(scenarios::to_string(trunk.transport)));
  add_peer(node, "peer-", trunk.peer, placement);
  set(node, "srtp-mode", std::string(scenarios::to_string(p.srtp_mode)));
  set(node, "max-early-dialogs", p.max_early_dialogs);
  set_bool(node, "concentrated-topology", p.concentrated_topology);
  set_bool(node, "enable-bypass", p.enable_bypass);
  set_bool(node, "enable-mobile-trunk-support", p.enable_mobile_trunk_support);
  set_bool(node, "enable-pidf-lo-support", p.enable_pidf_lo_support);
  set_bool(node, "enable-refer-support", p.enable_refer_support);
  set_bool(node, "enable-session-timer", p.enable_session_timer);
  set_bool(node, "enable-signal-boost", p.enable_signal_boost);
  set_bool(node, "remove-plus-from-uri", p.remove_plus_from_uri);
  set_bool(node, "rtcp-active-calls", p.rtcp_active_calls);
  set_bool(node, "rtcp-calls-on-hold", p.rtcp_calls_on_hold);
  set_bool(node, "enable-3pcc-refer", p.enable_3pcc_refer);
  set_bool(node, "enable-fast-failover-timer", p.enable_fast_failover_timer);
  set_bool(node, "enable-online-voice", p.enable_online_voice);
  set_bool(node, "enable-rtp-latching", p.enable_rtp_latching);
  set_bool(node, "forward-call-history", p.forward_call_history);
  set_bool(node, "forward-pai", p.forward_pai);
  add_rules(node, "outbound-translation", trunk.outbound_translation);
  add_rules(node, "calling-number-translation", trunk.calling_number_translation);
  add_rules(node, "inbound-normalization", trunk.inbound_normalization);
  for (const scenarios::ResponseCodeRule& rule : trunk.response_code_translation) {
    pugi::xml_node r = node.append_child("response-code-translation");
    set(r, "received", rule.received);
    set(r, "isup-cause", rule.isup_cause);
    set(r, "translated", rule.translated);
  }
  for (const std::string& usage : trunk.pstn_usages) {
    set(node.append_child("pstn-usage"), "name", usage);
  }
  pugi::xml_node health = node.append_child("options-health");
  set(health, "interval-ms", trunk.health.interval.count());
  set(health, "miss-threshold", trunk.health.miss_threshold);
  set(health, "reprobe-ms", trunk.health.down_reprobe.count());
}

}  // namespace

std::string render_mediation_config(const scenarios::MediationConfig& config,
                                    const MediationPlacement& placement) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("mediation");
  set_bool(root, "media-bypass", config.media_bypass);

  pugi::xml_node internal = root.append_child("internal");
  set(internal, "address", placement.address);
  set(internal, "port", placement.internal_port);
  set(internal, "transport", std::string(scenarios::to_string(config.internal.transport)));
  if (!config.internal.peer.empty()) {
    add_peer(internal.append_child("peer"), "", config.internal.peer, placement);
  }

  pugi::xml_node media = root.append_child("media");
  set(media, "address", placement.address);
  set(media, "port-start", placement.media_port_start);
  set(media, "port-count", placement.media_port_count);

  for (const scenarios::Trunk& trunk : config.trunks) add_trunk(root, trunk, placement);

  pugi::xml_node policy = root.append_child("voice-policy");
  for (const std::string& usage : config.voice_policy_usages) {
    set(policy.append_child("usage"), "name", usage);
  }
  for (const scenarios::VoiceRoute& route : config.routes) {
    pugi::xml_node node = root.append_child("route");
    set(node, "name", route.name);
    set(node, "usage", route.usage);
    set(node, "pattern", route.pattern);
    set_bool(node, "suppress-caller-id", route.suppress_caller_id);
    if (!route.alternate_caller_id.empty()) {
      set(node, "alternate-caller-id", route.alternate_caller_id);
    }
    for (const std::string& trunk : route.trunks) set(node.append_child("trunk"), "ref", trunk);
  }
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
