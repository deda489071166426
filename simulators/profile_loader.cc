#include "simulators/profile_loader.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "base/build_paths.h"

namespace sipconf::simulators {
namespace {

/// 1-based line of a byte offset (pugixml reports offsets, people read lines).
int line_of(std::string_view text, std::ptrdiff_t offset) {
  if (offset < 0) return 0;
  const std::size_t end = std::min(static_cast<std::size_t>(offset), text.size());
  return 1 +
         static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(end), '\n'));
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

bool apply_profile_file(const std::filesystem::path& file, bool require_name,
                        Behaviours& behaviours, ProfileInfo& info,
                        std::vector<std::string>& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.push_back(fmt::format("{}: cannot read the file", file.string()));
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return apply_profile_text(text.str(), file, require_name, behaviours, info, errors);
}

bool apply_profile_text(std::string_view text, const std::filesystem::path& file, bool require_name,
                        Behaviours& behaviours, ProfileInfo& info,
                        std::vector<std::string>& errors) {
  const std::string where = file.string();
  const std::size_t errors_before = errors.size();
  auto error = [&](std::ptrdiff_t offset, const std::string& message) {
    errors.push_back(fmt::format("{}:{}: {}", where, line_of(text, offset), message));
  };

  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    error(parsed.offset, fmt::format("XML error: {}", parsed.description()));
    return false;
  }
  const pugi::xml_node root = document.document_element();
  if (std::string_view(root.name()) != "profile") {
    error(root.offset_debug(),
          fmt::format("the root element is <{}>, expected <profile>", root.name()));
    return false;
  }
  for (const pugi::xml_attribute& attribute : root.attributes()) {
    const std::string_view name = attribute.name();
    if (name != "name" && name != "description") {
      error(root.offset_debug(),
            fmt::format("<profile> has unknown attribute `{}` (known: name, description)", name));
    }
  }
  ProfileInfo read;
  read.name = root.attribute("name").as_string();
  read.description = root.attribute("description").as_string();
  if (require_name && read.name.empty()) {
    error(root.offset_debug(), "<profile> needs a name attribute");
  }

  Behaviours candidate = behaviours;
  std::map<std::string, int, std::less<>> seen;
  for (const pugi::xml_node& child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const int line = line_of(text, child.offset_debug());
    if (std::string_view(child.name()) != "behaviour") {
      error(child.offset_debug(),
            fmt::format("unknown element <{}> (a profile holds <behaviour name=... value=.../>)",
                        child.name()));
      continue;
    }
    bool attributes_ok = true;
    for (const pugi::xml_attribute& attribute : child.attributes()) {
      const std::string_view name = attribute.name();
      if (name != "name" && name != "value") {
        error(child.offset_debug(),
              fmt::format("<behaviour> has unknown attribute `{}` (known: name, value)", name));
        attributes_ok = false;
      }
    }
    const pugi::xml_attribute key = child.attribute("name");
    const pugi::xml_attribute value = child.attribute("value");
    if (!key || !value) {
      error(child.offset_debug(), "<behaviour> needs both name and value attributes");
      continue;
    }
    if (!attributes_ok) continue;
    const auto [it, inserted] = seen.emplace(key.as_string(), line);
    if (!inserted) {
      error(child.offset_debug(), fmt::format("behaviour `{}` is set twice (first on line {})",
                                              key.as_string(), it->second));
      continue;
    }
    if (std::string problem = set_behaviour(candidate, key.as_string(), value.as_string());
        !problem.empty()) {
      error(child.offset_debug(), problem);
    }
  }
  if (errors.size() != errors_before) return false;
  behaviours = std::move(candidate);
  if (!read.name.empty()) info.name = read.name;
  if (!read.description.empty()) info.description = read.description;
  return true;
}

}  // namespace sipconf::simulators
