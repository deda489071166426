#include "mediation/config/trunk_reader.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "mediation/config/config_values.h"
#include "mediation/config/translation_template.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::mediation {
namespace {

TranslationRule read_translation_rule(const ConfigReader& reader, pugi::xml_node node) {
  const base::ElementReader e = reader.element(node, {"Name", "Pattern", "Translation"});
  TranslationRule rule;
  rule.name = reader.text(e, "Name");
  rule.pattern = reader.regex(e, "Pattern", rule.pattern);
  rule.translation = reader.text(e, "Translation", rule.translation);
  if (auto parsed = TranslationTemplate::parse(rule.translation); !parsed) {
    reader.fail(e, "Translation",
                fmt::format("Translation=\"{}\" is not valid: {}", rule.translation,
                            parsed.error().message()));
  }
  return rule;
}

ResponseCodeTranslationRule read_response_code_rule(const ConfigReader& reader,
                                                    pugi::xml_node node) {
  const base::ElementReader e = reader.element(
      node, {"Name", "ReceivedResponseCode", "ReceivedISUPCauseValue", "TranslatedResponseCode"});
  ResponseCodeTranslationRule rule;
  rule.name = reader.text(e, "Name");
  reader.required(e, "TranslatedResponseCode");
  rule.received_code = static_cast<int>(reader.integer(e, "ReceivedResponseCode", 0, 0, 699));
  if (rule.received_code != 0 && rule.received_code < 400) {
    reader.fail(e, "ReceivedResponseCode",
                "ReceivedResponseCode must be 0 (ISUP cause only) or 400..699");
  }
  rule.received_isup_cause =
      static_cast<int>(reader.integer(e, "ReceivedISUPCauseValue", -1, -1, 127));
  rule.translated_code = static_cast<int>(reader.integer(e, "TranslatedResponseCode", 0, 400, 699));
  return rule;
}

void read_settings(const ConfigReader& reader, pugi::xml_node node, TrunkSettings& s) {
  std::vector<std::string_view> attributes;
  for (const TrunkParameter& p : trunk_parameters()) attributes.push_back(p.name);
  constexpr std::string_view kChildren[] = {"OutboundTranslationRule",
                                            "OutboundCallingNumberTranslationRule",
                                            "SipResponseCodeTranslationRule", "PstnUsage"};
  const base::ElementReader e = reader.element(node, attributes, kChildren);
  for (const TrunkParameter& p : trunk_parameters()) {
    const std::optional<std::string> value = e.text(p.name);
    if (!value) continue;
    std::string why;
    if (!parse_value(p, *value, s, why)) reader.invalid(e, p.name, why);
  }
  for (pugi::xml_node r : node.children("OutboundTranslationRule")) {
    s.outbound_translation_rules.push_back(read_translation_rule(reader, r));
  }
  for (pugi::xml_node r : node.children("OutboundCallingNumberTranslationRule")) {
    s.outbound_calling_number_translation_rules.push_back(read_translation_rule(reader, r));
  }
  for (pugi::xml_node r : node.children("SipResponseCodeTranslationRule")) {
    s.response_code_translation_rules.push_back(read_response_code_rule(reader, r));
  }
  for (pugi::xml_node u : node.children("PstnUsage")) {
    const base::ElementReader usage = reader.element(u, {"Name"});
    s.pstn_usages.push_back(reader.required(usage, "Name"));
  }
}

void read_health(const ConfigReader& reader, pugi::xml_node node, TrunkSettings& s) {
  const base::ElementReader e =
      reader.element(node, {"options-interval", "options-miss-threshold", "options-down-reprobe",
                            "fast-failover-after"});
  s.options_interval = reader.duration(e, "options-interval", s.options_interval);
  s.options_miss_threshold = static_cast<int>(
      reader.integer(e, "options-miss-threshold", s.options_miss_threshold, 1, 1000));
  s.options_down_reprobe = reader.duration(e, "options-down-reprobe", s.options_down_reprobe);
  s.fast_failover_after = reader.duration(e, "fast-failover-after", s.fast_failover_after);
}

/// The peer as an IP, or as an FQDN with its IP pinned by peer-address or resolved.
void read_peer(const ConfigReader& reader, const base::ElementReader& e, TrunkConfig& t) {
  t.peer_host = reader.required(e, "peer");
  if (t.peer_host.empty()) return;
  std::string why;
  if (std::optional<std::string> ip = parse_host_address(t.peer_host, why)) {
    t.peer_host = *ip;
    t.peer_address = *ip;
    if (e.has("peer-address")) {
      reader.fail(e, "peer-address",
                  fmt::format("trunk '{}': peer-address pins the IP of an FQDN peer, but peer "
                              "is already an IP",
                              t.name));
    }
  } else if (is_fqdn(t.peer_host)) {
    if (e.has("peer-address")) {
      t.peer_address = reader.address(e, "peer-address");
    } else {
      std::string error;
      const ConfigLoadOptions& options = reader.options();
      std::optional<std::string> resolved = options.resolve
                                                ? options.resolve(t.peer_host, error)
                                                : resolve_with_system(t.peer_host, error);
      if (!resolved) {
        reader.fail(e, "peer",
                    fmt::format("trunk '{}': peer '{}' does not resolve ({}); set peer-address "
                                "to pin its IP",
                                t.name, t.peer_host, error));
        return;
      }
      t.peer_address = *resolved;
    }
  } else {
    reader.fail(e, "peer",
                fmt::format("peer=\"{}\" is not valid: expected an IP address or a host name",
                            t.peer_host));
    return;
  }
  if (t.transport == sip::Transport::tls && !t.peer_is_fqdn()) {
    reader.fail(e, "peer",
                fmt::format("trunk '{}': a TLS trunk names its peer by FQDN (the peer "
                            "certificate is checked against it); set peer to the FQDN and "
                            "peer-address to its IP",
                            t.name));
  }
}

}  // namespace

TrunkConfig read_trunk(const ConfigReader& reader, pugi::xml_node node,
                       const MediationConfig& config) {
  const base::ElementReader e = reader.element(
      node,
      {"name", "peer", "peer-address", "peer-port", "transport", "listen-address", "listen-port"},
      {"configuration", "health"});
  TrunkConfig t;
  t.line.number = reader.line(node);
  t.name = reader.required(e, "name");
  t.transport = reader.transport(e, "transport", sip::Transport::tcp, true);
  const bool tls = t.transport == sip::Transport::tls;
  const bool udp = t.transport == sip::Transport::udp;
  t.peer_port = reader.port(e, "peer-port", tls ? 5067 : udp ? 5060 : 5066);
  t.listen_port = reader.port(e, "listen-port", tls ? 5067 : udp ? 5060 : 5068);
  t.listen_address = e.has("listen-address") ? reader.address(e, "listen-address")
                                             : config.internal.listen_address;
  read_peer(reader, e, t);
  if (pugi::xml_node conf = e.single_child("configuration")) {
    read_settings(reader, conf, t.settings);
  }
  if (pugi::xml_node health = e.single_child("health")) read_health(reader, health, t.settings);
  return t;
}

}  // namespace sipconf::mediation
