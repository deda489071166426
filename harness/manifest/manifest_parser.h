#pragma once

#include <filesystem>
#include <optional>

#include "base/diagnostic.h"
#include "base/xml_file.h"
#include "harness/manifest/case_manifest.h"

namespace sipconf::manifest {

/// Builds the case model from a parsed `case.xml`. Every unknown element or
/// attribute and every bad value is a diagnostic with `file:line`; the model is still
/// returned when the document has a `<case>` root, so tools can show what is there.
/// Cross-references (endpoint names, files, behaviour IDs) are checked by check_case().
std::optional<CaseManifest> parse_manifest(const base::XmlFile& file, base::Diagnostics& diags);

/// Reads and parses `path` (a `case.xml`).
std::optional<CaseManifest> load_manifest(const std::filesystem::path& path,
                                          base::Diagnostics& diags);

}  // namespace sipconf::manifest
