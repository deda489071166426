#include "harness/manifest/case_set.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>
#include <utility>

#include "base/xml_file.h"
#include "harness/manifest/case_checks.h"
#include "harness/manifest/manifest_parser.h"

namespace sipconf::manifest {
namespace {

std::string id_from_path(const std::filesystem::path& manifest_path) {
  const std::filesystem::path dir = manifest_path.parent_path();
  const std::string name = dir.filename().string();
  const std::string suite = dir.parent_path().filename().string();
  if (name.empty()) return manifest_path.string();
  return suite.empty() ? name : suite + "/" + name;
}

}  // namespace

std::size_t CaseSet::error_count() const {
  std::size_t count = diagnostics.size();
  for (const LoadedCase& loaded : cases) count += loaded.diagnostics.size();
  return count;
}

std::vector<std::filesystem::path> find_manifests(const std::vector<std::filesystem::path>& paths,
                                                  base::Diagnostics& diags) {
  std::vector<std::filesystem::path> found;
  for (const std::filesystem::path& path : paths) {
    std::error_code ec;
    const std::filesystem::path normal = path.lexically_normal();
    if (std::filesystem::is_regular_file(normal, ec)) {
      found.push_back(normal);
      continue;
    }
    if (!std::filesystem::is_directory(normal, ec)) {
      base::report(diags, {normal, 0, 0}, "no such file or directory");
      continue;
    }
    const std::size_t before = found.size();
    if (std::filesystem::is_regular_file(normal / kManifestName, ec)) {
      found.push_back(normal / kManifestName);
      continue;
    }
    std::filesystem::recursive_directory_iterator it(
        normal, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->path().filename() == kManifestName && it->is_regular_file(ec)) {
        found.push_back(it->path().lexically_normal());
      }
    }
    if (ec) base::report(diags, {normal, 0, 0}, fmt::format("cannot list: {}", ec.message()));
    if (found.size() == before) base::report(diags, {normal, 0, 0}, "no case.xml found here");
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

LoadedCase load_case(const std::filesystem::path& manifest_path, const Catalogue& catalogue) {
  LoadedCase loaded;
  loaded.manifest_path = manifest_path;
  loaded.id = id_from_path(manifest_path);
  base::XmlFile file;
  if (file.load(manifest_path, loaded.diagnostics)) return loaded;
  loaded.manifest = parse_manifest(file, loaded.diagnostics);
  if (!loaded.manifest) return loaded;
  if (!loaded.manifest->id.empty()) loaded.id = loaded.manifest->id;
  check_case(*loaded.manifest, catalogue, loaded.diagnostics);
  return loaded;
}

CaseSet load_cases(const std::vector<std::filesystem::path>& paths,
                   const std::filesystem::path& catalogue_path) {
  CaseSet set;
  set.catalogue_path = catalogue_path;
  if (set.catalogue_path.empty() && !paths.empty()) {
    set.catalogue_path = find_catalogue_for(paths.front());
  }
  if (set.catalogue_path.empty()) {
    base::report(set.diagnostics, {paths.empty() ? "." : paths.front(), 0, 0},
                 "no catalogue.txt found here or in a parent directory; pass --catalogue FILE");
  } else {
    set.catalogue = Catalogue::load(set.catalogue_path, set.diagnostics);
  }
  for (const std::filesystem::path& manifest : find_manifests(paths, set.diagnostics)) {
    set.cases.push_back(load_case(manifest, set.catalogue));
  }
  std::stable_sort(set.cases.begin(), set.cases.end(),
                   [](const LoadedCase& a, const LoadedCase& b) { return a.id < b.id; });
  std::map<std::string, const LoadedCase*> first_by_id;
  for (LoadedCase& loaded : set.cases) {
    auto [it, inserted] = first_by_id.emplace(loaded.id, &loaded);
    if (inserted) continue;
    const base::SourceLocation where =
        loaded.manifest ? loaded.manifest->where : base::SourceLocation{loaded.manifest_path, 0, 0};
    base::report(loaded.diagnostics, where,
                 fmt::format("case id `{}` is also used by {}", loaded.id,
                             it->second->manifest_path.string()));
  }
  return set;
}

}  // namespace sipconf::manifest
