#include "mediation/mediation_error.h"

namespace sipconf::mediation {
namespace {

class MediationCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "mediation"; }

  std::string message(int value) const override {
    switch (static_cast<MediationErrc>(value)) {
      case MediationErrc::kCannotOpenLogFile:
        return "cannot open the log file";
    }
    return "unknown mediation error";
  }
};

}  // namespace

const std::error_category& mediation_category() {
  static const MediationCategory category;
  return category;
}

}  // namespace sipconf::mediation
