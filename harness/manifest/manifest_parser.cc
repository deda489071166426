#include "harness/manifest/manifest_parser.h"

#include <fmt/format.h>

#include <string>
#include <utility>

#include "base/text_pattern.h"
#include "harness/manifest/expectation_parser.h"
#include "harness/manifest/sut_config_parser.h"

namespace sipconf::manifest {
namespace {

bool is_case_id(const std::string& id) {
  static const base::TextPattern pattern(
      "^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$");
  return pattern.matches(id);
}

/// Descriptions are wrapped in the XML for reading; results carry them as one line.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool is_name(const std::string& name) {
  static const base::TextPattern pattern("^[A-Za-z][A-Za-z0-9_-]*$");
  return pattern.matches(name);
}

void parse_flags(const base::XmlFile& file, pugi::xml_node node, CaseFlags& flags,
                 base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {});
  base::reject_text(file, node, diags);
  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "expect-fail" || name == "skip") {
      base::ElementReader flag(file, child, diags, {"reason"});
      std::string reason = flag.required("reason");
      auto& slot = name == "skip" ? flags.skip : flags.expected_failure;
      if (slot) flag.error(fmt::format("<{}> is given twice", name));
      slot = std::move(reason);
    } else if (name == "requires") {
      base::ElementReader flag(file, child, diags, {"capability"});
      const std::string capability = flag.required("capability");
      if (capability == "root") {
        flags.needs_root = true;
      } else if (capability == "capture") {
        flags.needs_capture = true;
      } else if (!capability.empty()) {
        flag.error(fmt::format("unknown capability `{}` (known: root, capture)", capability));
      }
    } else {
      base::report_unknown_element(file, child, "expect-fail, skip, requires", diags);
    }
  }
}

void parse_name_value(const base::XmlFile& file, pugi::xml_node node, std::vector<NameValue>& out,
                      base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {"name", "value"});
  NameValue item{reader.required("name"), reader.text("value", true).value_or("")};
  out.push_back(std::move(item));
}

Endpoint parse_endpoint(const base::XmlFile& file, pugi::xml_node node, base::Diagnostics& diags) {
  base::ElementReader reader(
      file, node, diags,
      {"name", "role", "driver", "mode", "transport", "scenario", "profile", "interface", "remote",
       "after", "calls", "rate", "max-concurrent", "service"});
  base::reject_text(file, node, diags);
  Endpoint endpoint;
  endpoint.where = reader.where();
  endpoint.name = reader.required("name");
  if (!endpoint.name.empty() && !is_name(endpoint.name)) {
    reader.error(
        fmt::format("endpoint name `{}` must start with a letter and hold only "
                    "letters, digits, `-` and `_`",
                    endpoint.name));
  }
  if (endpoint.name == "sut") reader.error("`sut` is reserved for the system under test");
  if (auto role = reader.text("role", true)) {
    if (auto parsed = peer_role_from(*role)) {
      endpoint.role = *parsed;
    } else {
      reader.error(
          fmt::format("unknown role `{}` (known: lync, ip-pbx, pstn-gateway, itsp)", *role));
    }
  }
  if (auto driver = reader.text("driver", true)) {
    if (auto parsed = driver_from(*driver)) {
      endpoint.driver = *parsed;
    } else {
      reader.error(fmt::format("unknown driver `{}` (known: sipp, sipsim)", *driver));
    }
  }
  if (auto mode = reader.text("mode", true)) {
    if (auto parsed = endpoint_mode_from(*mode)) {
      endpoint.mode = *parsed;
    } else {
      reader.error(fmt::format("unknown mode `{}` (known: uas, uac)", *mode));
    }
  }
  if (auto transport = reader.text("transport")) {
    if (auto parsed = transport_from(*transport)) {
      endpoint.transport = *parsed;
    } else {
      reader.error(fmt::format("unknown transport `{}` (known: udp, tcp, tls)", *transport));
    }
  }
  endpoint.scenario = reader.text("scenario").value_or("");
  endpoint.profile = reader.text("profile").value_or("");
  endpoint.interface = reader.text("interface").value_or("");
  endpoint.remote = reader.text("remote").value_or("");
  endpoint.service = reader.text("service").value_or("");
  endpoint.after = base::split_list(reader.text("after").value_or(""));
  endpoint.calls = static_cast<int>(reader.integer("calls", 1, 1000000).value_or(1));
  endpoint.rate = reader.number("rate", 0.001, 100000).value_or(10.0);
  endpoint.max_concurrent =
      static_cast<int>(reader.integer("max-concurrent", 1, 1000000).value_or(0));

  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "key") {
      parse_name_value(file, child, endpoint.keys, diags);
    } else if (name == "set") {
      parse_name_value(file, child, endpoint.variables, diags);
    } else if (name == "behaviour-override") {
      parse_name_value(file, child, endpoint.behaviours, diags);
    } else if (name == "inject") {
      base::ElementReader inject(file, child, diags, {"file"});
      if (!endpoint.injection_file.empty()) inject.error("<inject> is given twice");
      endpoint.injection_file = inject.required("file");
    } else {
      base::report_unknown_element(file, child, "key, set, inject, behaviour-override", diags);
    }
  }
  return endpoint;
}

void parse_topology(const base::XmlFile& file, pugi::xml_node node, CaseManifest& manifest,
                    base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {});
  base::reject_text(file, node, diags);
  bool have_sut = false;
  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    if (name == "sut") {
      if (have_sut) base::report(diags, file.where(child), "<sut> is given twice");
      have_sut = true;
      manifest.sut = parse_sut(file, child, diags);
    } else if (name == "endpoint") {
      manifest.endpoints.push_back(parse_endpoint(file, child, diags));
    } else {
      base::report_unknown_element(file, child, "sut, endpoint", diags);
    }
  }
  if (!have_sut) reader.error("<topology> needs a <sut> (use <sut kind=\"none\"/> for none)");
  if (manifest.endpoints.empty()) reader.error("<topology> has no <endpoint>");
}

}  // namespace

std::optional<CaseManifest> parse_manifest(const base::XmlFile& file, base::Diagnostics& diags) {
  if (file.expect_root("case", "a case manifest", diags)) return std::nullopt;
  const pugi::xml_node root = file.root();
  CaseManifest manifest;
  manifest.manifest_path = file.path();
  manifest.directory = file.path().parent_path();
  base::ElementReader reader(file, root, diags, {"id", "timeout"});
  base::reject_text(file, root, diags);
  manifest.where = reader.where();
  manifest.id = reader.required("id");
  if (!manifest.id.empty() && !is_case_id(manifest.id)) {
    reader.error(
        fmt::format("case id `{}` must be path-like words (e.g. starter/basic-out) of "
                    "letters, digits, `.`, `_` and `-`",
                    manifest.id));
  }
  if (auto timeout = reader.duration("timeout")) {
    if (*timeout < std::chrono::milliseconds(100)) {
      reader.error("timeout must be at least 100ms");
    } else {
      manifest.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(*timeout);
    }
  }

  bool have_topology = false;
  bool have_description = false;
  bool have_flags = false;
  bool have_expectations = false;
  for (pugi::xml_node child : root.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    auto once = [&](bool& seen) {
      if (seen) base::report(diags, file.where(child), fmt::format("<{}> is given twice", name));
      seen = true;
    };
    if (name == "description") {
      once(have_description);
      base::ElementReader element(file, child, diags, {});
      for (pugi::xml_node inner : child.children()) {
        if (base::is_element(inner))
          base::report(diags, file.where(inner), "<description> holds text only");
      }
      manifest.description = collapse_whitespace(child.text().get());
    } else if (name == "behaviour") {
      base::ElementReader element(file, child, diags, {"id"});
      std::string id = element.required("id");
      if (!id.empty()) manifest.behaviours.push_back({std::move(id), element.where()});
    } else if (name == "flags") {
      once(have_flags);
      parse_flags(file, child, manifest.flags, diags);
    } else if (name == "topology") {
      once(have_topology);
      parse_topology(file, child, manifest, diags);
    } else if (name == "expectations") {
      once(have_expectations);
      manifest.expectations = parse_expectations(file, child, diags);
    } else {
      base::report_unknown_element(file, child,
                                   "description, behaviour, flags, topology, expectations", diags);
    }
  }
  if (!have_description) reader.error("<case> needs a <description>");
  if (!have_topology) reader.error("<case> needs a <topology>");
  if (manifest.behaviours.empty()) {
    reader.error("<case> names no <behaviour id=\"...\"/>; every case covers at least one");
  }
  return manifest;
}

std::optional<CaseManifest> load_manifest(const std::filesystem::path& path,
                                          base::Diagnostics& diags) {
  base::XmlFile file;
  if (file.load(path, diags)) return std::nullopt;
  return parse_manifest(file, diags);
}

}  // namespace sipconf::manifest
