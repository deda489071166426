#pragma once

#include "base/diagnostic.h"
#include "mediation/config/config.h"

/// The checks across elements of a configuration that reads well element by element: each
/// reports at the line of the element the model kept, in `file`.
namespace sipconf::mediation {

/// Trunk and PSTN usage names are unique; routes name known trunks, trunks known usages.
void check_names_and_references(const MediationConfig& config, const std::filesystem::path& file,
                                base::Diagnostics& diags);

/// One socket per (address, port, layer-4 protocol): the internal interface, each trunk
/// listener (shared by trunks of the same transport) and the metrics responder must not
/// collide; two trunks on one listener must have different peers, or requests could not be
/// told apart.
void check_listeners(const MediationConfig& config, const std::filesystem::path& file,
                     base::Diagnostics& diags);

/// TLS in use (the internal interface or a trunk) needs the <tls> element's certificates.
void check_tls(const MediationConfig& config, const base::SourceLocation& root,
               base::Diagnostics& diags);

}  // namespace sipconf::mediation
