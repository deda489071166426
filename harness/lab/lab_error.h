#pragma once

#include <string>
#include <system_error>

namespace sipconf::harness {

/// Why the lab could not set a case up or plan a run. The error_code says what kind of
/// failure it was; the diagnostics reported beside it say which file, party or option,
/// and what to do about it.
enum class LabErrc {
  kCertificateFailed = 1,
  kCannotWriteFile,
  kSutNotFound,
  kNoSutAddress,
  kSutCannotServeCase,
  kSutEndedDuringStartUp,
  kSutNotListening,
  kBadRunOption,
};

const std::error_category& lab_category();

inline std::error_code make_error_code(LabErrc e) { return {static_cast<int>(e), lab_category()}; }

}  // namespace sipconf::harness

template <>
struct std::is_error_code_enum<sipconf::harness::LabErrc> : std::true_type {};
