#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "harness/manifest/case_manifest.h"
#include "harness/manifest/catalogue.h"

namespace sipconf::manifest {

/// The file name that makes a directory a case.
inline constexpr std::string_view kManifestName = "case.xml";

/// One case as found on disk: its model when the manifest could be read, and every
/// problem with it. A case with diagnostics is not runnable; `sipconf run` reports it
/// as ERROR with its first diagnostic, `sipconf lint` prints them all.
struct LoadedCase {
  std::filesystem::path manifest_path;
  /// The manifest's id, or (when it cannot be read) `<suite>/<case>` from the path.
  std::string id;
  std::optional<CaseManifest> manifest;
  base::Diagnostics diagnostics;

  bool runnable() const { return manifest.has_value() && diagnostics.empty(); }
};

/// The cases found under some paths, sorted by id, with the catalogue they were
/// checked against.
struct CaseSet {
  std::vector<LoadedCase> cases;
  /// Problems not tied to one case: a missing path, a bad catalogue.
  base::Diagnostics diagnostics;
  Catalogue catalogue;
  std::filesystem::path catalogue_path;

  std::size_t error_count() const;
};

/// Finds manifests: each path is a `case.xml`, a case directory, or a tree searched
/// recursively. A path that does not exist is a diagnostic.
std::vector<std::filesystem::path> find_manifests(const std::vector<std::filesystem::path>& paths,
                                                  base::Diagnostics& diags);

/// Parses and checks one manifest.
LoadedCase load_case(const std::filesystem::path& manifest_path, const Catalogue& catalogue);

/// Loads every case under `paths`; the catalogue is `catalogue_path` when given,
/// else the `catalogue.txt` found above the first path. Duplicate case ids are
/// reported on every case that repeats an earlier one.
CaseSet load_cases(const std::vector<std::filesystem::path>& paths,
                   const std::filesystem::path& catalogue_path = {});

}  // namespace sipconf::manifest
