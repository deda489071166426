#include "harness/lab/lab_error.h"

namespace sipconf::harness {
namespace {

class LabCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "lab"; }

  std::string message(int value) const override {
    switch (static_cast<LabErrc>(value)) {
      case LabErrc::kCertificateFailed:
        return "cannot make a TLS key or certificate";
      case LabErrc::kCannotWriteFile:
        return "cannot write a file of the case";
      case LabErrc::kSutNotFound:
        return "SUT program not found";
      case LabErrc::kNoSutAddress:
        return "no loopback address for the SUT";
      case LabErrc::kSutCannotServeCase:
        return "the SUT cannot be set up as the case needs";
      case LabErrc::kSutEndedDuringStartUp:
        return "the SUT ended during start-up";
      case LabErrc::kSutNotListening:
        return "the SUT did not listen in time";
      case LabErrc::kBadRunOption:
        return "invalid run option";
    }
    return "unknown lab error";
  }
};

}  // namespace

const std::error_category& lab_category() {
  static const LabCategory category;
  return category;
}

}  // namespace sipconf::harness
