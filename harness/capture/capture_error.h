#pragma once

#include <string>
#include <system_error>

namespace sipconf::harness {

/// Why reading or taking a capture failed. The error_code says what kind of failure it
/// was; the diagnostic reported beside it says which file, interface or filter, and what
/// to do about it.
enum class CaptureErrc {
  kCannotOpenFile = 1,
  kUnsupportedFileFormat,
  kUnsupportedLinkType,
  kTruncatedFile,
  kReadFailed,
  kPermissionDenied,
  kNoSuchInterface,
  kInterfaceDown,
  kBadFilter,
  kCannotWriteFile,
  kCaptureFailed,
  kAlreadyStarted,
  kNotStarted,
};

const std::error_category& capture_category();

inline std::error_code make_error_code(CaptureErrc e) {
  return {static_cast<int>(e), capture_category()};
}

}  // namespace sipconf::harness

template <>
struct std::is_error_code_enum<sipconf::harness::CaptureErrc> : std::true_type {};
