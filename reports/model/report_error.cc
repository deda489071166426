#include "reports/model/report_error.h"

#include <string>

namespace sipconf::reports {
namespace {

class ReportCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipconf.reports"; }

  std::string message(int value) const override {
    switch (static_cast<ReportErrc>(value)) {
      case ReportErrc::kUnreadableFile:
        return "cannot read the file";
      case ReportErrc::kBadJson:
        return "not valid JSON";
      case ReportErrc::kUnsupportedSchema:
        return "unsupported results.json schema version";
      case ReportErrc::kInvalidField:
        return "invalid field in results.json";
      case ReportErrc::kWriteFailed:
        return "cannot write the report";
    }
    return "unknown report error";
  }
};

}  // namespace

const std::error_category& report_category() {
  static const ReportCategory category;
  return category;
}

std::error_code make_error_code(ReportErrc code) {
  return {static_cast<int>(code), report_category()};
}

}  // namespace sipconf::reports
