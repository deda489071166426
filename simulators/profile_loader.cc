#include "simulators/profile_loader.h"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "base/build_paths.h"
#include "base/xml_file.h"
#include "simulators/sipsim_error.h"

namespace sipconf::simulators {
namespace {

/// Applies the behaviours of a parsed profile file.
std::error_code apply_profile(const base::XmlFile& file, bool require_name, Behaviours& behaviours,
                              ProfileInfo& info, base::Diagnostics& diags) {
  if (std::error_code ec = file.expect_root("profile", "a sipsim profile", diags)) return ec;
  const std::size_t errors_before = diags.size();
  const pugi::xml_node root = file.root();
  const base::ElementReader profile(file, root, diags, {"name", "description"});
  base::reject_text(file, root, diags);
  ProfileInfo read;
  read.name = profile.text("name").value_or("");
  read.description = profile.text("description").value_or("");
  if (require_name && read.name.empty()) profile.error("<profile> needs a name attribute");

  Behaviours candidate = behaviours;
  std::map<std::string, int, std::less<>> seen;
  for (const pugi::xml_node& child : root.children()) {
    if (!base::is_element(child)) continue;
    if (std::string_view(child.name()) != "behaviour") {
      base::report(
          diags, file.where(child),
          fmt::format("unknown element <{}> (a profile holds <behaviour name=... value=.../>)",
                      child.name()));
      continue;
    }
    const std::size_t before = diags.size();
    const base::ElementReader behaviour(file, child, diags, {"name", "value"});
    const std::optional<std::string> key = behaviour.text("name");
    const std::optional<std::string> value = behaviour.text("value");
    if (!key || !value) {
      behaviour.error("<behaviour> needs both name and value attributes");
      continue;
    }
    if (diags.size() != before) continue;
    const int line = behaviour.where().line;
    const auto [it, inserted] = seen.emplace(*key, line);
    if (!inserted) {
      behaviour.error(
          fmt::format("behaviour `{}` is set twice (first on line {})", *key, it->second));
      continue;
    }
    if (std::string problem = set_behaviour(candidate, *key, *value); !problem.empty()) {
      behaviour.error("value", std::move(problem));
    }
  }
  if (diags.size() != errors_before) return SipsimErrc::kBadBehaviour;
  behaviours = std::move(candidate);
  if (!read.name.empty()) info.name = read.name;
  if (!read.description.empty()) info.description = read.description;
  return {};
}

}  // namespace

const std::vector<std::string_view>& builtin_profile_names() {
  static const std::vector<std::string_view> names = {"lync", "ip-pbx", "pstn-gateway", "itsp"};
  return names;
}

std::filesystem::path default_profile_dir() {
  return base::source_dir() / "simulators" / "profiles";
}

std::filesystem::path resolve_profile(std::string_view name_or_path,
                                      const std::filesystem::path& dir) {
  if (name_or_path.find('/') != std::string_view::npos || name_or_path.ends_with(".xml")) {
    return std::filesystem::path(name_or_path);
  }
  return dir / (std::string(name_or_path) + ".xml");
}

std::error_code apply_profile_file(const std::filesystem::path& file, bool require_name,
                                   Behaviours& behaviours, ProfileInfo& info,
                                   base::Diagnostics& diags) {
  base::XmlFile xml;
  if (std::error_code ec = xml.load(file, diags)) return ec;
  return apply_profile(xml, require_name, behaviours, info, diags);
}

std::error_code apply_profile_text(std::string_view text, const std::filesystem::path& file,
                                   bool require_name, Behaviours& behaviours, ProfileInfo& info,
                                   base::Diagnostics& diags) {
  base::XmlFile xml;
  if (std::error_code ec = xml.parse(std::string(text), file, diags)) return ec;
  return apply_profile(xml, require_name, behaviours, info, diags);
}

}  // namespace sipconf::simulators
