#pragma once

#include <string>
#include <system_error>

namespace sipconf::base {

/// Why a file users write, or a value in it, cannot be used. The code says what kind of fault
/// it is; the diagnostic reported beside it says where, quotes what is wrong and, where it
/// can, names the spelling to write instead.
enum class InputErrc {
  kUnreadable = 1,
  kNotWellFormed,
  kWrongStructure,
  kMalformed,
  kMissingUnit,
  kUnknownUnit,
  kOutOfRange,
  kTooFine,
};

const std::error_category& input_category();

inline std::error_code make_error_code(InputErrc e) {
  return {static_cast<int>(e), input_category()};
}

}  // namespace sipconf::base

template <>
struct std::is_error_code_enum<sipconf::base::InputErrc> : std::true_type {};
