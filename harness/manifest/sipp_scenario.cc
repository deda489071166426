#include "harness/manifest/sipp_scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "base/xml_file.h"

namespace sipconf::manifest {
namespace {

/// Top-level elements of a SIPp 3.6 scenario (see SIPp's scenario reference).
constexpr std::array<std::string_view, 6> kMessageCommands{"send", "recv",    "pause",
                                                           "nop",  "sendCmd", "recvCmd"};
constexpr std::array<std::string_view, 7> kOtherElements{"label",
                                                         "init",
                                                         "Global",
                                                         "Reference",
                                                         "User",
                                                         "ResponseTimeRepartition",
                                                         "CallLengthRepartition"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

std::optional<SippScenarioFacts> check_sipp_scenario(const std::filesystem::path& path,
                                                     base::Diagnostics& diags) {
  base::XmlFile file;
  if (file.load(path, diags)) return std::nullopt;
  if (file.expect_root("scenario", "a SIPp scenario", diags)) return std::nullopt;
  const pugi::xml_node root = file.root();
  SippScenarioFacts facts;
  const std::size_t errors_before = diags.size();
  // SIPp's own XML reader refuses a file that does not open with the declaration
  // ("Unable to load or parse ... xml scenario file" at run time).
  if (file.text().rfind("<?xml", 0) != 0) {
    base::report(
        diags, {path, 1, 0},
        "SIPp needs the XML declaration first: <?xml version=\"1.0\" encoding=\"UTF-8\"?>");
  }
  for (pugi::xml_node child : root.children()) {
    if (!base::is_element(child)) continue;
    const std::string_view name = child.name();
    if (contains(kMessageCommands, name)) {
      ++facts.commands;
      if (!facts.implied_mode && (name == "send" || name == "recv")) {
        facts.implied_mode = name == "recv" ? EndpointMode::uas : EndpointMode::uac;
      }
      if (name == "send" && std::string_view(child.child_value()).find_first_not_of(" \t\r\n") ==
                                std::string_view::npos) {
        base::report(diags, file.where(child), "<send> has no message text");
      }
      if (name == "recv" && !child.attribute("request") && !child.attribute("response")) {
        base::report(diags, file.where(child), "<recv> needs `request` or `response`");
      }
    } else if (!contains(kOtherElements, name)) {
      base::report(diags, file.where(child),
                   fmt::format("SIPp does not know <{}> inside <scenario>", name));
    }
  }
  if (facts.commands == 0) {
    base::report(diags, file.where(root), "the scenario has no send/recv/pause/nop command");
  }
  if (diags.size() != errors_before) return std::nullopt;
  return facts;
}

}  // namespace sipconf::manifest
