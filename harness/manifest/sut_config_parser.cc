#include "harness/manifest/sut_config_parser.h"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "base/text_pattern.h"
#include "mediation/config/translation_template.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::manifest {
namespace {

/// The attributes a <trunk> takes: its own, then each Lync trunk parameter that manifests
/// name (mediation/config/trunk_parameters.h).
std::vector<std::string_view> trunk_attributes() {
  std::vector<std::string_view> out = {"name", "peer", "transport"};
  for (const mediation::TrunkParameter& p : mediation::trunk_parameters()) {
    if (!p.manifest_name.empty()) out.push_back(p.manifest_name);
  }
  return out;
}

/// Reads the Lync trunk parameters a manifest sets on <trunk>, by their kebab-case names.
/// Booleans come first, so that diagnostics keep the order they had before the parameters
/// were read from the table.
void read_trunk_parameters(const base::ElementReader& reader, TrunkParameters& parameters) {
  for (const mediation::TrunkParameter& p : mediation::trunk_parameters()) {
    if (p.manifest_name.empty()) continue;
    if (const auto* flag = std::get_if<mediation::BooleanParameter>(&p.kind)) {
      parameters.*flag->member = reader.boolean(p.manifest_name, parameters.*flag->member);
    }
  }
  for (const mediation::TrunkParameter& p : mediation::trunk_parameters()) {
    if (p.manifest_name.empty()) continue;
    if (const auto* integer = std::get_if<mediation::IntegerParameter>(&p.kind)) {
      parameters.*integer->member =
          static_cast<int>(reader.integer(p.manifest_name, integer->min, integer->max)
                               .value_or(parameters.*integer->member));
    } else if (const auto* text = std::get_if<mediation::TextParameter>(&p.kind)) {
      parameters.*text->member = reader.text(p.manifest_name).value_or(parameters.*text->member);
    } else if (const auto* mode = std::get_if<mediation::SrtpModeParameter>(&p.kind)) {
      const std::optional<std::string> value = reader.text(p.manifest_name);
      if (!value) continue;
      std::string known;
      bool found = false;
      for (const mediation::SrtpModeName& name : mediation::srtp_mode_names()) {
        known += fmt::format("{}{}", known.empty() ? "" : ", ", name.manifest_name);
        if (name.manifest_name == *value) {
          parameters.*mode->member = name.value;
          found = true;
        }
      }
      if (!found) {
        reader.error(fmt::format("unknown {} `{}` (known: {})", p.manifest_name, *value, known));
      }
    }
  }
}

std::optional<Transport> read_transport(const base::ElementReader& reader) {
  const std::optional<std::string> text = reader.text("transport");
  if (!text) return std::nullopt;
  std::optional<Transport> transport = transport_from(*text);
  if (!transport) {
    reader.error(fmt::format("unknown transport `{}` (known: udp, tcp, tls)", *text));
  }
  return transport;
}

TranslationRule parse_rule(const base::XmlFile& file, pugi::xml_node node,
                           base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {"pattern", "translation"});
  TranslationRule rule;
  rule.where = reader.where();
  rule.pattern = reader.regex("pattern", true).value_or("");
  rule.translation = reader.text("translation", true).value_or("");
  if (auto parsed = mediation::TranslationTemplate::parse(rule.translation); !parsed) {
    reader.error(fmt::format("translation `{}`: {}", rule.translation, parsed.error().message()));
  }
  return rule;
}

ResponseCodeRule parse_response_code_rule(const base::XmlFile& file, pugi::xml_node node,
                                          base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {"received", "isup-cause", "translated"});
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

Trunk parse_trunk(const base::XmlFile& file, pugi::xml_node node, base::Diagnostics& diags) {
  const std::vector<std::string_view> attributes = trunk_attributes();
  base::ElementReader reader(file, node, diags, attributes);
  base::reject_text(file, node, diags);
  Trunk trunk;
  trunk.where = reader.where();
  trunk.name = reader.required("name");
  trunk.peer = reader.required("peer");
  trunk.transport = read_transport(reader).value_or(Transport::tcp);
  read_trunk_parameters(reader, trunk.parameters);

  bool have_health = false;
  bool have_failover = false;
  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
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
      base::ElementReader usage(file, child, diags, {"name"});
      std::string usage_name = usage.required("name");
      if (!usage_name.empty()) trunk.pstn_usages.push_back(std::move(usage_name));
    } else if (name == "options-health") {
      base::ElementReader health(file, child, diags, {"interval", "miss-threshold", "reprobe"});
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
    } else if (name == "fast-failover") {
      base::ElementReader failover(file, child, diags, {"after"});
      if (have_failover) failover.error("<fast-failover> is given twice");
      have_failover = true;
      if (!failover.has("after")) failover.error("<fast-failover> needs `after`");
      if (auto after = failover.duration("after")) {
        trunk.fast_failover_after = std::chrono::duration_cast<std::chrono::milliseconds>(*after);
      }
    } else {
      base::report_unknown_element(file, child,
                                   "outbound-translation, calling-number-translation, "
                                   "inbound-normalization, response-code-translation, pstn-usage, "
                                   "options-health, fast-failover",
                                   diags);
    }
  }
  return trunk;
}

VoiceRoute parse_route(const base::XmlFile& file, pugi::xml_node node, base::Diagnostics& diags) {
  base::ElementReader reader(
      file, node, diags, {"name", "usage", "pattern", "suppress-caller-id", "alternate-caller-id"});
  base::reject_text(file, node, diags);
  VoiceRoute route;
  route.where = reader.where();
  route.name = reader.required("name");
  route.usage = reader.required("usage");
  route.pattern = reader.regex("pattern").value_or("[0-9]{10}");
  route.suppress_caller_id = reader.boolean("suppress-caller-id", false);
  route.alternate_caller_id = reader.text("alternate-caller-id").value_or("");
  if (!route.alternate_caller_id.empty()) {
    static const base::TextPattern alternate("^(\\+)?[1-9][0-9]*(;ext=[1-9][0-9]*)?$");
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
    if (!base::is_element(child)) continue;
    if (std::string_view(child.name()) == "trunk") {
      base::ElementReader trunk(file, child, diags, {"ref"});
      std::string ref = trunk.required("ref");
      if (!ref.empty()) route.trunks.push_back(std::move(ref));
    } else {
      base::report_unknown_element(file, child, "trunk", diags);
    }
  }
  if (route.trunks.empty())
    reader.error(fmt::format("route `{}` lists no <trunk ref>", route.name));
  return route;
}

void parse_mediation(const base::XmlFile& file, pugi::xml_node node, MediationConfig& config,
                     base::Diagnostics& diags) {
  bool have_internal = false;
  bool have_policy = false;
  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "internal") {
      base::ElementReader internal(file, child, diags, {"transport", "peer"});
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
      base::ElementReader policy(file, child, diags, {});
      if (have_policy) policy.error("<voice-policy> is given twice");
      have_policy = true;
      for (pugi::xml_node usage : child.children()) {
        if (!base::is_element(usage)) continue;
        if (std::string_view(usage.name()) != "usage") {
          base::report_unknown_element(file, usage, "usage", diags);
          continue;
        }
        base::ElementReader reader(file, usage, diags, {"name"});
        std::string usage_name = reader.required("name");
        if (!usage_name.empty()) config.voice_policy_usages.push_back(std::move(usage_name));
      }
    } else if (name == "route") {
      config.routes.push_back(parse_route(file, child, diags));
    } else {
      base::report_unknown_element(file, child, "internal, trunk, voice-policy, route", diags);
    }
  }
}

}  // namespace

SutSpec parse_sut(const base::XmlFile& file, pugi::xml_node node, base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {"kind", "media-bypass"});
  base::reject_text(file, node, diags);
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
      if (base::is_element(child)) {
        base::report(
            diags, file.where(child),
            fmt::format("<sut kind=\"none\"> has no configuration, found <{}>", child.name()));
      }
    }
    return sut;
  }
  sut.mediation.media_bypass = reader.boolean("media-bypass", false);
  parse_mediation(file, node, sut.mediation, diags);
  return sut;
}

}  // namespace sipconf::manifest
