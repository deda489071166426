#include "harness/manifest/catalogue.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <utility>

#include "base/text_pattern.h"

namespace sipconf::manifest {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool is_behaviour_id(std::string_view id) {
  static const base::TextPattern pattern("^[A-Z]{2,4}-[0-9]{2,3}$");
  return pattern.matches(id);
}

}  // namespace

Catalogue::Catalogue(std::vector<CatalogueEntry> entries) : entries_(std::move(entries)) {}

Catalogue Catalogue::parse(std::string_view text, const std::filesystem::path& display_path,
                           base::Diagnostics& diags) {
  std::vector<CatalogueEntry> entries;
  std::set<std::string, std::less<>> seen;
  int line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || line.front() == '#') continue;
    const base::SourceLocation where{display_path, line_number, 0};
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      base::report(diags, where, "expected `ID<TAB>title`");
      continue;
    }
    const std::string_view id = trim(line.substr(0, tab));
    const std::string_view title = trim(line.substr(tab + 1));
    if (!is_behaviour_id(id)) {
      base::report(
          diags, where,
          fmt::format("behaviour ID `{}` is not of the form AB-01 (letters, dash, digits)", id));
      continue;
    }
    if (title.empty()) {
      base::report(diags, where, fmt::format("behaviour {} has no title", id));
      continue;
    }
    if (!seen.emplace(id).second) {
      base::report(diags, where, fmt::format("behaviour {} is listed twice", id));
      continue;
    }
    entries.push_back({std::string(id), std::string(title)});
  }
  return Catalogue(std::move(entries));
}

Catalogue Catalogue::load(const std::filesystem::path& path, base::Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    base::report(diags, {path, 0, 0}, "cannot read the behaviour catalogue");
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path, diags);
}

bool Catalogue::contains(std::string_view id) const {
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const CatalogueEntry& e) { return e.id == id; });
}

bool Catalogue::accepts(std::string_view id) const { return contains(id) || is_rfc_reference(id); }

bool is_rfc_reference(std::string_view id) {
  static const base::TextPattern pattern("^RFC[1-9][0-9]{2,4}(-[0-9]+(\\.[0-9]+)*)?$");
  return pattern.matches(id);
}

std::filesystem::path find_catalogue_for(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(path, ec);
  if (ec) return {};
  if (!std::filesystem::is_directory(dir, ec)) dir = dir.parent_path();
  while (!dir.empty()) {
    const std::filesystem::path candidate = dir / "catalogue.txt";
    if (std::filesystem::is_regular_file(candidate, ec)) {
      if (path.is_absolute()) return candidate;
      // Keep relative input relative, so diagnostics read like the command line.
      const std::filesystem::path relative = std::filesystem::relative(candidate, ec);
      return ec || relative.empty() ? candidate : relative;
    }
    if (dir == dir.root_path()) break;
    dir = dir.parent_path();
  }
  return {};
}

}  // namespace sipconf::manifest
