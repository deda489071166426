#pragma once

#include <filesystem>
#include <optional>

#include "scenarios/case_manifest.h"
#include "scenarios/diagnostic.h"
#include "scenarios/xml_file.h"

namespace sipconf::scenarios {

/// Builds the case model from a parsed `case.xml`. Every unknown element or
/// attribute and every bad value is a diagnostic with `file:line`; the model is still
/// returned when the document has a `<case>` root, so tools can show what is there.
/// Cross-references (endpoint names, files, behaviour IDs) are checked by check_case().
std::optional<CaseManifest> parse_manifest(const XmlFile& file, Diagnostics& diags);

/// Reads and parses `path` (a `case.xml`).
std::optional<CaseManifest> load_manifest(const std::filesystem::path& path, Diagnostics& diags);

}  // namespace sipconf::scenarios
