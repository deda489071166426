#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace sipconf::manifest {

/// One behaviour of the catalogue (`RT-02`, "Called-number translation").
struct CatalogueEntry {
  std::string id;
  std::string title;
};

/// The behaviour catalogue cases are judged against (scenarios/catalogue.txt):
/// one `ID<TAB>title` per line, `#` comments and blank lines ignored.
class Catalogue {
 public:
  Catalogue() = default;
  explicit Catalogue(std::vector<CatalogueEntry> entries);

  /// Parses catalogue text; malformed lines become diagnostics and are left out.
  static Catalogue parse(std::string_view text, const std::filesystem::path& display_path,
                         base::Diagnostics& diags);
  /// Reads and parses a catalogue file; an unreadable file is one diagnostic.
  static Catalogue load(const std::filesystem::path& path, base::Diagnostics& diags);

  const std::vector<CatalogueEntry>& entries() const { return entries_; }
  bool contains(std::string_view id) const;
  /// A behaviour ID a case may name: in the catalogue, or an RFC reference.
  bool accepts(std::string_view id) const;

 private:
  std::vector<CatalogueEntry> entries_;
};

/// True for RFC references such as `RFC3261`, `RFC3261-17.1.1`, `RFC4475-3.1.1.1`.
bool is_rfc_reference(std::string_view id);

/// Finds the catalogue for `path`: the first `catalogue.txt` in it or its ancestors,
/// so a suite anywhere on disk finds the catalogue of the tree it lives in.
std::filesystem::path find_catalogue_for(const std::filesystem::path& path);

}  // namespace sipconf::manifest
