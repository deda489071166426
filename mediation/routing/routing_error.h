#pragma once

#include <system_error>

namespace sipconf::mediation {

/// Why a routing rule could not be compiled. The loader refuses such rules with their line
/// first; these codes are what the compiled form says if one reaches it anyway.
enum class RoutingErrc {
  kPatternDoesNotCompile = 1,
};

const std::error_category& routing_category();

inline std::error_code make_error_code(RoutingErrc e) {
  return {static_cast<int>(e), routing_category()};
}

}  // namespace sipconf::mediation

template <>
struct std::is_error_code_enum<sipconf::mediation::RoutingErrc> : std::true_type {};
