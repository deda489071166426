#include "base/input_error.h"

namespace sipconf::base {
namespace {

class InputCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "input"; }

  std::string message(int value) const override {
    switch (static_cast<InputErrc>(value)) {
      case InputErrc::kUnreadable:
        return "file cannot be read";
      case InputErrc::kNotWellFormed:
        return "XML is not well-formed";
      case InputErrc::kWrongStructure:
        return "file has the wrong structure";
      case InputErrc::kMalformed:
        return "malformed value";
      case InputErrc::kMissingUnit:
        return "value without its unit";
      case InputErrc::kUnknownUnit:
        return "unknown unit";
      case InputErrc::kOutOfRange:
        return "value out of range";
      case InputErrc::kTooFine:
        return "value finer than the field counts";
    }
    return "unknown input error";
  }
};

}  // namespace

const std::error_category& input_category() {
  static const InputCategory category;
  return category;
}

}  // namespace sipconf::base
