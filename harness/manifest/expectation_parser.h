#pragma once

#include <vector>

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "base/xml_file.h"
#include "harness/manifest/expectation.h"

namespace sipconf::manifest {

/// Parses `<expectations>`: one element per expectation (`message`, `absent`, `order`,
/// `header`, `sdp`, `response`, `latency`, `count`, `media`, `process`), each with a
/// unique `name`. Endpoint and leg names are checked later, against the topology.
std::vector<Expectation> parse_expectations(const base::XmlFile& file, pugi::xml_node node,
                                            base::Diagnostics& diags);

}  // namespace sipconf::manifest
