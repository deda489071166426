#include "harness/capture/capture_error.h"

namespace sipconf::harness {
namespace {

class CaptureCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "capture"; }

  std::string message(int value) const override {
    switch (static_cast<CaptureErrc>(value)) {
      case CaptureErrc::kCannotOpenFile:
        return "cannot open capture file";
      case CaptureErrc::kUnsupportedFileFormat:
        return "unsupported capture file format (pcap and pcapng are supported)";
      case CaptureErrc::kUnsupportedLinkType:
        return "unsupported link type";
      case CaptureErrc::kTruncatedFile:
        return "capture file ends in the middle of a packet";
      case CaptureErrc::kReadFailed:
        return "error while reading capture file";
      case CaptureErrc::kPermissionDenied:
        return "permission denied to capture packets";
      case CaptureErrc::kNoSuchInterface:
        return "no such capture interface";
      case CaptureErrc::kInterfaceDown:
        return "capture interface is down";
      case CaptureErrc::kBadFilter:
        return "invalid capture filter";
      case CaptureErrc::kCannotWriteFile:
        return "cannot write capture file";
      case CaptureErrc::kCaptureFailed:
        return "packet capture failed";
      case CaptureErrc::kAlreadyStarted:
        return "capture already started";
      case CaptureErrc::kNotStarted:
        return "capture not started";
    }
    return "unknown capture error";
  }
};

}  // namespace

const std::error_category& capture_category() {
  static const CaptureCategory category;
  return category;
}

}  // namespace sipconf::harness
