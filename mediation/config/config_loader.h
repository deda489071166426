#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "mediation/config/config.h"

/// Reads the XML configuration of the mediation (format: mediation/README.md) with base's strict
/// XML reader. Everything is checked before anything listens: unknown elements and attributes,
/// bad values, routes that name unknown trunks, colliding listeners, regexes that do not
/// compile, missing files.
namespace sipconf::mediation {

/// The configuration, or every problem found in the file. Problems are base's diagnostics
/// (`file:line:col: message`; base/diagnostic_renderer.h shows them with the source line).
struct ConfigLoad {
  std::optional<MediationConfig> config;
  base::Diagnostics diagnostics;  ///< every problem, in the order of the file
  base::Diagnostic error;         ///< the first problem; meaningful when !config
  bool ok() const { return config.has_value(); }
};

/// Turns a peer FQDN into an IP literal; returns nullopt and sets `error` when it cannot.
using HostResolver =
    std::function<std::optional<std::string>(const std::string& host, std::string& error)>;

struct ConfigLoadOptions {
  /// Resolves trunk peers given by FQDN without a pinned peer-address; the default uses the
  /// system resolver (getaddrinfo through Boost.Asio), IPv4 first.
  HostResolver resolve;
  /// Check that the TLS files named in the configuration exist and are readable.
  bool check_files = true;
};

/// Reads and validates `path`; relative file names inside resolve against its directory.
ConfigLoad load_config_file(const std::filesystem::path& path,
                            const ConfigLoadOptions& options = {});

/// Validates configuration text. `origin` names it in messages; `base_dir` resolves relative
/// file names.
ConfigLoad parse_config(std::string_view text, const std::string& origin,
                        const std::filesystem::path& base_dir,
                        const ConfigLoadOptions& options = {});

/// The system resolver used by default.
std::optional<std::string> resolve_with_system(const std::string& host, std::string& error);

}  // namespace sipconf::mediation
