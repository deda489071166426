#pragma once

#include <vector>

#include <pugixml.hpp>

#include "scenarios/diagnostic.h"
#include "scenarios/expectation.h"
#include "scenarios/xml_file.h"

namespace sipconf::scenarios {

/// Parses `<expectations>`: one element per expectation (`message`, `absent`, `order`,
/// `header`, `sdp`, `response`, `latency`, `count`, `media`, `process`), each with a
/// unique `name`. Endpoint and leg names are checked later, against the topology.
std::vector<Expectation> parse_expectations(const XmlFile& file, pugi::xml_node node,
                                            Diagnostics& diags);

}  // namespace sipconf::scenarios
