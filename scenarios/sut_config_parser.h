#pragma once

#include <pugixml.hpp>

#include "scenarios/diagnostic.h"
#include "scenarios/sut_config.h"
#include "scenarios/xml_file.h"

namespace sipconf::scenarios {

/// Parses `<sut kind="none|mediation">` and, for a mediation, its interfaces,
/// trunks (with the Lync trunk parameters), voice policy and routes.
SutSpec parse_sut(const XmlFile& file, pugi::xml_node node, Diagnostics& diags);

}  // namespace sipconf::scenarios
