#include "scenarios/sut_config_parser.h"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <utility>

#include "scenarios/text_pattern.h"

namespace sipconf::scenarios {
namespace {

/// Trunk attributes that are plain booleans, named in the manifest as the Lync
/// parameter in kebab case, with the member they set.
struct BooleanParameter {
  std::string_view attribute;
  bool TrunkParameters::*member;
};

constexpr BooleanParameter kBooleanParameters[] = {
    {"concentrated-topology", &TrunkParameters::concentrated_topology},
    {"enable-bypass", &TrunkParameters::enable_bypass},
    {"enable-mobile-trunk-support", &TrunkParameters::enable_mobile_trunk_support},
    {"enable-pidf-lo-support", &TrunkParameters::enable_pidf_lo_support},
    {"enable-refer-support", &TrunkParameters::enable_refer_support},
    {"enable-session-timer", &TrunkParameters::enable_session_timer},
    {"enable-signal-boost", &TrunkParameters::enable_signal_boost},
    {"remove-plus-from-uri", &TrunkParameters::remove_plus_from_uri},
    {"rtcp-active-calls", &TrunkParameters::rtcp_active_calls},
    {"rtcp-calls-on-hold", &TrunkParameters::rtcp_calls_on_hold},
    {"enable-3pcc-refer", &TrunkParameters::enable_3pcc_refer},
    {"enable-fast-failover-timer", &TrunkParameters::enable_fast_failover_timer},
    {"enable-online-voice", &TrunkParameters::enable_online_voice},
    {"enable-rtp-latching", &TrunkParameters::enable_rtp_latching},
    {"forward-call-history", &TrunkParameters::forward_call_history},
    {"forward-pai", &TrunkParameters::forward_pai},
};

std::optional<Transport> read_transport(const ElementReader& reader) {
  const std::optional<std::string> text = reader.text("transport");
  if (!text) return std::nullopt;
  std::optional<Transport> transport = transport_from(*text);
  if (!transport) {
    reader.error(fmt::format("unknown transport `{}` (known: udp, tcp, tls)", *text));
  }
  return transport;
}

TranslationRule parse_rule(const XmlFile& file, pugi::xml_node node, Diagnostics& diags) {
  ElementReader reader(file, node, diags, {"pattern", "translation"});
  TranslationRule rule;
  rule.where = reader.where();
  rule.pattern = reader.regex("pattern", true).value_or("");
  rule.translation = reader.text("translation", true).value_or("");
  return rule;
}

ResponseCodeRule parse_response_code_rule(const XmlFile& file, pugi::xml_node node,
                                          Diagnostics& diags) {
  ElementReader reader(file, node, diags, {"received", "isup-cause", "translated"});
  ResponseCodeRule rule;
  rule.where = reader.where();
  if (!reader.has("received")) reader.error("<response-code-translation> needs `received`");
  if (!reader.has("translated")) reader.error("<response-code-translation> needs `translated`");
  const std::optional<std::int64_t> received = reader.integer("received", 0, 699);
  if (received && *received != 0 && *received < 400) {
    reader.error("`received` must be 0 (any code) or a code in 400-699");
  }
  rule.received = static_cast<int>(received.value_or(0));
  rule.isup_cause = static_cast<int>(reader.integer("isup-cause", -1, 127).value_or(-1));
  rule.translated = static_cast<int>(reader.integer("translated", 400, 699).value_or(0));
  if (rule.received == 0 && rule.isup_cause < 0 && received) {
    reader.error("`received=\"0\"` matches on the ISUP cause only, so `isup-cause` is needed");
  }
  return rule;
}

Trunk parse_trunk(const XmlFile& file, pugi::xml_node node, Diagnostics& diags) {
  std::initializer_list<std::string_view> attributes = {"name",
                                                        "peer",
                                                        "transport",
                                                        "srtp-mode",
                                                        "max-early-dialogs",
                                                        "concentrated-topology",
                                                        "enable-bypass",
                                                        "enable-mobile-trunk-support",
                                                        "enable-pidf-lo-support",
                                                        "enable-refer-support",
                                                        "enable-session-timer",
                                                        "enable-signal-boost",
                                                        "remove-plus-from-uri",
                                                        "rtcp-active-calls",
                                                        "rtcp-calls-on-hold",
                                                        "enable-3pcc-refer",
                                                        "enable-fast-failover-timer",
                                                        "enable-online-voice",
                                                        "enable-rtp-latching",
                                                        "forward-call-history",
                                                        "forward-pai"};
  ElementReader reader(file, node, diags, attributes);
  reject_text(file, node, diags);
  Trunk trunk;
  trunk.where = reader.where();
  trunk.name = reader.required("name");
  trunk.peer = reader.required("peer");
  trunk.transport = read_transport(reader).value_or(Transport::tcp);
  for (const BooleanParameter& parameter : kBooleanParameters) {
    trunk.parameters.*parameter.member =
        reader.boolean(parameter.attribute, trunk.parameters.*parameter.member);
  }
  trunk.parameters.max_early_dialogs = static_cast<int>(
      reader.integer("max-early-dialogs", 1, 1000).value_or(trunk.parameters.max_early_dialogs));
  if (auto mode = reader.text("srtp-mode")) {
    if (auto parsed = srtp_mode_from(*mode)) {
      trunk.parameters.srtp_mode = *parsed;
    } else {
      reader.error(
          fmt::format("unknown srtp-mode `{}` (known: required, optional, not-supported)", *mode));
    }
  }

  bool have_health = false;
  for (pugi::xml_node child : node.children()) {
    if (!is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "outbound-translation") {
      trunk.outbound_translation.push_back(parse_rule(file, child, diags));
    } else if (name == "calling-number-translation") {
      trunk.calling_number_translation.push_back(parse_rule(file, child, diags));
    } else if (name == "inbound-normalization") {
      trunk.inbound_normalization.push_back(parse_rule(file, child, diags));
    } else if (name == "response-code-translation") {
      trunk.response_code_translation.push_back(parse_response_code_rule(file, child, diags));
    } else if (name == "pstn-usage") {
      ElementReader usage(file, child, diags, {"name"});
      std::string usage_name = usage.required("name");
      if (!usage_name.empty()) trunk.pstn_usages.push_back(std::move(usage_name));
    } else if (name == "options-health") {
      ElementReader health(file, child, diags, {"interval", "miss-threshold", "reprobe"});
      if (have_health) health.error("<options-health> is given twice");
      have_health = true;
      using std::chrono::duration_cast;
      using std::chrono::milliseconds;
      if (auto interval = health.duration("interval")) {
        trunk.health.interval = duration_cast<milliseconds>(*interval);
      }
      if (auto reprobe = health.duration("reprobe")) {
        trunk.health.down_reprobe = duration_cast<milliseconds>(*reprobe);
      }
      trunk.health.miss_threshold = static_cast<int>(
          health.integer("miss-threshold", 1, 100).value_or(trunk.health.miss_threshold));
    } else {
      report_unknown_element(file, child,
                             "outbound-translation, calling-number-translation, "
                             "inbound-normalization, response-code-translation, pstn-usage, "
                             "options-health",
                             diags);
    }
  }
  return trunk;
}

VoiceRoute parse_route(const XmlFile& file, pugi::xml_node node, Diagnostics& diags) {
  ElementReader reader(file, node, diags,
                       {"name", "usage", "pattern", "suppress-caller-id", "alternate-caller-id"});
  reject_text(file, node, diags);
  VoiceRoute route;
  route.where = reader.where();
  route.name = reader.required("name");
  route.usage = reader.required("usage");
  route.pattern = reader.regex("pattern").value_or("[0-9]{10}");
  route.suppress_caller_id = reader.boolean("suppress-caller-id", false);
  route.alternate_caller_id = reader.text("alternate-caller-id").value_or("");
  if (!route.alternate_caller_id.empty()) {
    static const TextPattern alternate("^(\\+)?[1-9][0-9]*(;ext=[1-9][0-9]*)?$");
    if (!alternate.matches(route.alternate_caller_id)) {
      reader.error(
          fmt::format("alternate-caller-id `{}` must match (\\+)?[1-9]\\d*(;ext=[1-9]\\d*)?",
                      route.alternate_caller_id));
    }
  }
  if (route.suppress_caller_id && route.alternate_caller_id.empty()) {
    reader.error("suppress-caller-id=\"true\" needs an alternate-caller-id");
  }
  for (pugi::xml_node child : node.children()) {
    if (!is_element(child)) continue;
    if (std::string_view(child.name()) == "trunk") {
      ElementReader trunk(file, child, diags, {"ref"});
      std::string ref = trunk.required("ref");
      if (!ref.empty()) route.trunks.push_back(std::move(ref));
    } else {
      report_unknown_element(file, child, "trunk", diags);
    }
  }
  if (route.trunks.empty())
    reader.error(fmt::format("route `{}` lists no <trunk ref>", route.name));
  return route;
}

void parse_mediation(const XmlFile& file, pugi::xml_node node, MediationConfig& config,
                     Diagnostics& diags) {
  bool have_internal = false;
  bool have_policy = false;
  for (pugi::xml_node child : node.children()) {
    if (!is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "internal") {
      ElementReader internal(file, child, diags, {"transport", "peer"});
      if (have_internal) internal.error("<internal> is given twice");
      have_internal = true;
      config.internal.where = internal.where();
      config.internal.transport = read_transport(internal).value_or(Transport::tls);
      if (config.internal.transport == Transport::udp) {
        internal.error("the internal interface speaks tls (MTLS) or tcp (lab captures), not udp");
      }
      config.internal.peer = internal.text("peer").value_or("");
    } else if (name == "trunk") {
      config.trunks.push_back(parse_trunk(file, child, diags));
    } else if (name == "voice-policy") {
      ElementReader policy(file, child, diags, {});
      if (have_policy) policy.error("<voice-policy> is given twice");
      have_policy = true;
      for (pugi::xml_node usage : child.children()) {
        if (!is_element(usage)) continue;
        if (std::string_view(usage.name()) != "usage") {
          report_unknown_element(file, usage, "usage", diags);
          continue;
        }
        ElementReader reader(file, usage, diags, {"name"});
        std::string usage_name = reader.required("name");
        if (!usage_name.empty()) config.voice_policy_usages.push_back(std::move(usage_name));
      }
    } else if (name == "route") {
      config.routes.push_back(parse_route(file, child, diags));
    } else {
      report_unknown_element(file, child, "internal, trunk, voice-policy, route", diags);
    }
  }
}

}  // namespace

SutSpec parse_sut(const XmlFile& file, pugi::xml_node node, Diagnostics& diags) {
  ElementReader reader(file, node, diags, {"kind", "media-bypass"});
  reject_text(file, node, diags);
  SutSpec sut;
  sut.where = reader.where();
  if (auto kind = reader.text("kind", true)) {
    if (auto parsed = sut_kind_from(*kind)) {
      sut.kind = *parsed;
    } else {
      reader.error(fmt::format("unknown SUT kind `{}` (known: none, mediation)", *kind));
    }
  }
  if (sut.kind == SutKind::none) {
    if (reader.has("media-bypass")) reader.error("media-bypass applies to a mediation SUT only");
    for (pugi::xml_node child : node.children()) {
      if (is_element(child)) {
        report(diags, file.where(child),
               fmt::format("<sut kind=\"none\"> has no configuration, found <{}>", child.name()));
      }
    }
    return sut;
  }
  sut.mediation.media_bypass = reader.boolean("media-bypass", false);
  parse_mediation(file, node, sut.mediation, diags);
  return sut;
}

}  // namespace sipconf::scenarios
