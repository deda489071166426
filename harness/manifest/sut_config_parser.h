#pragma once

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "base/xml_file.h"
#include "harness/manifest/sut_config.h"

namespace sipconf::manifest {

/// Parses `<sut kind="none|mediation">` and, for a mediation, its interfaces,
/// trunks (with the Lync trunk parameters), voice policy and routes.
SutSpec parse_sut(const base::XmlFile& file, pugi::xml_node node, base::Diagnostics& diags);

}  // namespace sipconf::manifest
