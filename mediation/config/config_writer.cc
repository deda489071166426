#include "mediation/config/config_writer.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <sstream>
#include <string_view>

#include <pugixml.hpp>

#include "base/duration.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::mediation {
namespace {

void put(pugi::xml_node node, const char* name, std::string_view value) {
  node.append_attribute(name) = std::string(value).c_str();
}

void put(pugi::xml_node node, const char* name, long long value) {
  node.append_attribute(name) = value;
}

/// The canonical spelling (`30s`, `2min`, `1500ms`), as a person would write it.
void put_duration(pugi::xml_node node, const char* name, std::chrono::milliseconds value) {
  put(node, name, base::duration_spelling(value));
}

/// tcp, tls or udp: the documented spelling (the loader takes any case).
std::string transport_name(sip::Transport transport) {
  std::string name(sip::to_string(transport));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

/// The log levels in the order of spdlog's enum, as <log level> names them.
std::string_view level_name(spdlog::level::level_enum level) {
  constexpr std::string_view kNames[] = {"trace", "debug",    "info", "warn",
                                         "error", "critical", "off"};
  const auto index = static_cast<std::size_t>(level);
  return index < std::size(kNames) ? kNames[index] : "info";
}

void put_translation_rules(pugi::xml_node parent, const char* element,
                           const std::vector<TranslationRule>& rules) {
  for (const TranslationRule& rule : rules) {
    pugi::xml_node node = parent.append_child(element);
    if (!rule.name.empty()) put(node, "Name", rule.name);
    put(node, "Pattern", rule.pattern);
    put(node, "Translation", rule.translation);
  }
}

void put_settings(pugi::xml_node trunk, const TrunkSettings& s) {
  pugi::xml_node c = trunk.append_child("configuration");
  for (const TrunkParameter& parameter : trunk_parameters()) {
    const std::string value = format_value(parameter, s);
    if (!value.empty()) put(c, std::string(parameter.name).c_str(), value);
  }
  put_translation_rules(c, "OutboundTranslationRule", s.outbound_translation_rules);
  put_translation_rules(c, "OutboundCallingNumberTranslationRule",
                        s.outbound_calling_number_translation_rules);
  for (const ResponseCodeTranslationRule& rule : s.response_code_translation_rules) {
    pugi::xml_node r = c.append_child("SipResponseCodeTranslationRule");
    if (!rule.name.empty()) put(r, "Name", rule.name);
    put(r, "ReceivedResponseCode", rule.received_code);
    put(r, "ReceivedISUPCauseValue", rule.received_isup_cause);
    put(r, "TranslatedResponseCode", rule.translated_code);
  }
  for (const std::string& usage : s.pstn_usages) put(c.append_child("PstnUsage"), "Name", usage);

  pugi::xml_node health = trunk.append_child("health");
  put_duration(health, "options-interval", s.options_interval);
  put(health, "options-miss-threshold", s.options_miss_threshold);
  put_duration(health, "options-down-reprobe", s.options_down_reprobe);
  put_duration(health, "fast-failover-after", s.fast_failover_after);
}

void put_trunk(pugi::xml_node root, const TrunkConfig& t) {
  pugi::xml_node node = root.append_child("trunk");
  put(node, "name", t.name);
  put(node, "peer", t.peer_host);
  if (t.peer_is_fqdn()) put(node, "peer-address", t.peer_address);
  put(node, "peer-port", t.peer_port);
  put(node, "transport", transport_name(t.transport));
  put(node, "listen-address", t.listen_address);
  put(node, "listen-port", t.listen_port);
  put_settings(node, t.settings);
}

}  // namespace

std::string write_config(const MediationConfig& config) {
  pugi::xml_document document;
  pugi::xml_node root = document.append_child("mediation");

  const InternalInterface& in = config.internal;
  pugi::xml_node internal = root.append_child("internal");
  put(internal, "listen-address", in.listen_address);
  put(internal, "listen-port", in.listen_port);
  put(internal, "transport", transport_name(in.transport));
  put(internal, "peer-address", in.peer_address);
  put(internal, "peer-port", in.peer_port);
  if (!in.peer_fqdn.empty()) put(internal, "peer-fqdn", in.peer_fqdn);

  const TlsFiles& tls = config.tls;
  if (!tls.ca_file.empty() || !tls.certificate_file.empty() || !tls.private_key_file.empty()) {
    pugi::xml_node node = root.append_child("tls");
    put(node, "ca", tls.ca_file);
    put(node, "certificate", tls.certificate_file);
    put(node, "key", tls.private_key_file);
  }

  for (const TrunkConfig& trunk : config.trunks) put_trunk(root, trunk);

  for (const PstnUsage& usage : config.usages) {
    pugi::xml_node node = root.append_child("pstn-usage");
    put(node, "name", usage.name);
    for (const VoiceRoute& route : usage.routes) {
      pugi::xml_node r = node.append_child("route");
      put(r, "name", route.name);
      put(r, "pattern", route.pattern);
      for (const std::string& trunk : route.trunks) put(r.append_child("trunk"), "name", trunk);
    }
  }

  if (config.metrics.enabled) {
    pugi::xml_node node = root.append_child("metrics");
    put(node, "address", config.metrics.address);
    put(node, "port", config.metrics.port);
  }

  pugi::xml_node log = root.append_child("log");
  put(log, "level", level_name(config.log.level));
  put(log, "format", to_string(config.log.format));
  if (!config.log.file.empty()) put(log, "file", config.log.file);

  const sip::TransactionTimers& timers = config.timers;
  pugi::xml_node t = root.append_child("timers");
  put_duration(t, "t1", timers.t1);
  put_duration(t, "t2", timers.t2);
  put_duration(t, "t4", timers.t4);
  put_duration(t, "timer-d", timers.timer_d_unreliable);

  const Limits& limits = config.limits;
  pugi::xml_node l = root.append_child("limits");
  put(l, "max-calls", static_cast<long long>(limits.max_calls));
  put(l, "max-connections", static_cast<long long>(limits.max_connections));
  put(l, "max-connections-per-ip", static_cast<long long>(limits.max_connections_per_ip));
  put_duration(l, "tcp-connect-timeout", limits.tcp_connect_timeout);
  put_duration(l, "tcp-idle-timeout", limits.tcp_idle_timeout);

  put_duration(root.append_child("shutdown"), "grace", config.shutdown_grace);

  std::ostringstream out;
  document.save(out, "  ");
  return out.str();
}

}  // namespace sipconf::mediation
