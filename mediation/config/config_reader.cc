#include "mediation/config/config_reader.h"

#include <fstream>
#include <utility>

#include <fmt/format.h>

#include "base/duration.h"
#include "mediation/config/config_values.h"

namespace sipconf::mediation {

ConfigReader::ConfigReader(const base::XmlFile& file, base::Diagnostics& diags,
                           std::filesystem::path base_dir, const ConfigLoadOptions& options)
    : file_(file), diags_(diags), base_dir_(std::move(base_dir)), options_(options) {}

base::ElementReader ConfigReader::element(pugi::xml_node node,
                                          std::span<const std::string_view> attributes,
                                          std::span<const std::string_view> children) const {
  base::ElementReader reader(file_, node, diags_, attributes);
  reader.allow_children(children);
  return reader;
}

int ConfigReader::line(pugi::xml_node node) const { return file_.where(node).line; }

void ConfigReader::fail(pugi::xml_node node, std::string message) const {
  base::report(diags_, file_.where(node), std::move(message));
}

void ConfigReader::fail(const base::ElementReader& element, std::string_view attribute,
                        std::string message) const {
  base::report(diags_, element.where(attribute), std::move(message));
}

void ConfigReader::invalid(const base::ElementReader& element, std::string_view attribute,
                           std::string_view why) const {
  fail(element, attribute,
       fmt::format("{}=\"{}\" is not valid: {}", attribute, element.text(attribute).value_or(""),
                   why));
}

std::string ConfigReader::text(const base::ElementReader& e, std::string_view attribute,
                               std::string fallback) const {
  return e.text(attribute).value_or(std::move(fallback));
}

std::string ConfigReader::required(const base::ElementReader& e, std::string_view attribute) const {
  return e.required(attribute);
}

bool ConfigReader::boolean(const base::ElementReader& e, std::string_view attribute,
                           bool fallback) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return fallback;
  std::string why;
  const std::optional<bool> parsed = parse_bool(*value, why);
  if (!parsed) invalid(e, attribute, why);
  return parsed.value_or(fallback);
}

std::uint16_t ConfigReader::port(const base::ElementReader& e, std::string_view attribute,
                                 std::uint16_t fallback) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return fallback;
  std::string why;
  const std::optional<std::uint16_t> parsed = parse_port(*value, why);
  if (!parsed) invalid(e, attribute, why);
  return parsed.value_or(fallback);
}

std::chrono::milliseconds ConfigReader::duration(const base::ElementReader& e,
                                                 std::string_view attribute,
                                                 std::chrono::milliseconds fallback) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return fallback;
  // The mediation's timers count whole milliseconds; a year bounds what a timer may wait.
  base::DurationRules rules;
  rules.max = std::chrono::hours(24 * 365);
  rules.step = std::chrono::milliseconds(1);
  const base::Result<std::chrono::microseconds> parsed =
      base::parse_duration(*value, fmt::format("{}=\"{}\" is not valid", attribute, *value),
                           e.where(attribute), diags_, rules);
  if (!parsed) return fallback;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*parsed);
}

std::int64_t ConfigReader::integer(const base::ElementReader& e, std::string_view attribute,
                                   std::int64_t fallback, std::int64_t min,
                                   std::int64_t max) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return fallback;
  std::string why;
  const std::optional<std::int64_t> parsed = parse_integer(*value, min, max, why);
  if (!parsed) invalid(e, attribute, why);
  return parsed.value_or(fallback);
}

std::string ConfigReader::address(const base::ElementReader& e, std::string_view attribute) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return {};
  std::string why;
  std::optional<std::string> parsed = parse_host_address(*value, why);
  if (!parsed) invalid(e, attribute, why);
  return parsed.value_or("");
}

std::string ConfigReader::regex(const base::ElementReader& e, std::string_view attribute,
                                std::string fallback) const {
  std::string pattern = text(e, attribute, std::move(fallback));
  std::string why;
  if (!regex_compiles(pattern, why)) {
    fail(e, attribute, fmt::format("{}=\"{}\" is not valid: {}", attribute, pattern, why));
  }
  return pattern;
}

sip::Transport ConfigReader::transport(const base::ElementReader& e, std::string_view attribute,
                                       sip::Transport fallback, bool udp_allowed) const {
  const std::optional<std::string> value = e.text(attribute);
  if (!value) return fallback;
  const std::optional<sip::Transport> parsed = sip::transport_from_string(*value);
  if (!parsed || (*parsed == sip::Transport::udp && !udp_allowed)) {
    invalid(e, attribute, udp_allowed ? "expected tcp, tls or udp" : "expected tls or tcp");
    return fallback;
  }
  return *parsed;
}

std::string ConfigReader::path(const base::ElementReader& e, std::string_view attribute) const {
  std::filesystem::path path(text(e, attribute));
  if (path.is_relative()) path = base_dir_ / path;
  return path.string();
}

std::string ConfigReader::file(const base::ElementReader& e, std::string_view attribute) const {
  const std::string name = required(e, attribute);
  if (name.empty()) return {};
  const std::string resolved = path(e, attribute);
  if (options_.check_files) {
    std::ifstream in(resolved, std::ios::binary);
    if (!in)
      fail(e, attribute, fmt::format("{}=\"{}\": cannot read {}", attribute, name, resolved));
  }
  return resolved;
}

}  // namespace sipconf::mediation
