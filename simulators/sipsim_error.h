#pragma once

#include <string>
#include <system_error>

namespace sipconf::simulators {

/// Why sipsim cannot use what a peer or a profile gave it. The error_code says what kind of
/// failure it was; the diagnostic reported beside it says where (the SDP line, the option)
/// and what exactly is wrong.
enum class SipsimErrc {
  kNoAudioStream = 1,
  kNotPlainRtp,
  kNoCommonCodec,
  kNoConnectionAddress,
  kBadOptionsSchedule,
  kBadBehaviour,
};

const std::error_category& sipsim_category();

inline std::error_code make_error_code(SipsimErrc e) {
  return {static_cast<int>(e), sipsim_category()};
}

}  // namespace sipconf::simulators

template <>
struct std::is_error_code_enum<sipconf::simulators::SipsimErrc> : std::true_type {};
