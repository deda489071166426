#pragma once

#include <string>

#include "mediation/config/config.h"

/// Writes a configuration model as the XML that config_loader.h reads (format:
/// mediation/README.md): whoever configures a mediation (the harness, for the built-in one)
/// builds the model and leaves the file's spelling to this writer.
namespace sipconf::mediation {

/// The configuration file for `config`, such that loading it gives `config` back. Every
/// setting is written, defaults included, so the file says what the mediation does; only
/// what is absent by meaning is left out (no <tls> without files, no <metrics> when off, no
/// peer-address for a peer given as an IP, empty texts). Durations are written in ms.
std::string write_config(const MediationConfig& config);

}  // namespace sipconf::mediation
