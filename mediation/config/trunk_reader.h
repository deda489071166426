#pragma once

#include <pugixml.hpp>

#include "mediation/config/config.h"
#include "mediation/config/config_reader.h"

namespace sipconf::mediation {

/// Reads one <trunk>: its peer (IP, or FQDN resolved or pinned), listener and transport, its
/// Lync <configuration> and its <health> probing. Listeners default to the internal
/// interface's address in `config`.
TrunkConfig read_trunk(const ConfigReader& reader, pugi::xml_node node,
                       const MediationConfig& config);

}  // namespace sipconf::mediation
