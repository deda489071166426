#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Parsers for the scalar values of the configuration file. Each returns nullopt and says
/// why in `why` (a phrase that completes "... is not valid: "). Durations take base's one
/// syntax (base/duration.h, read by config_reader.h).
namespace sipconf::mediation {

/// `true` or `false`, case-insensitive (Lync's cmdlets print True/False): base's boolean.
std::optional<bool> parse_bool(std::string_view text, std::string& why);

/// A decimal integer in [min, max].
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                          std::string& why);

/// A port 1..65535.
std::optional<std::uint16_t> parse_port(std::string_view text, std::string& why);

/// An IPv4 or IPv6 literal (no brackets) that names one host: not 0.0.0.0 or ::, since the
/// address goes into Via and Contact headers.
std::optional<std::string> parse_host_address(std::string_view text, std::string& why);

/// True for an IPv4 or IPv6 literal (no brackets).
bool is_ip_literal(std::string_view text);

/// A host name as RFC 1123 allows (letters, digits, hyphens, dots).
bool is_fqdn(std::string_view text);

/// Checks that `pattern` compiles as an ECMAScript std::regex; the reason otherwise.
bool regex_compiles(const std::string& pattern, std::string& why);

}  // namespace sipconf::mediation
