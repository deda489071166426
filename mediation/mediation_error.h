#pragma once

#include <string>
#include <system_error>

namespace sipconf::mediation {

/// Why the mediation could not get ready. The error_code says what kind of failure it
/// was; the diagnostic reported beside it names the file and says what went wrong.
/// Sockets that cannot be bound keep the transport's own codes.
enum class MediationErrc {
  kCannotOpenLogFile = 1,
};

const std::error_category& mediation_category();

inline std::error_code make_error_code(MediationErrc e) {
  return {static_cast<int>(e), mediation_category()};
}

}  // namespace sipconf::mediation

template <>
struct std::is_error_code_enum<sipconf::mediation::MediationErrc> : std::true_type {};
