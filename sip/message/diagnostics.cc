#include "sip/message/diagnostics.h"

namespace sipconf::sip {

bool Diagnostics::report(ParseError code, Severity severity, const char* at,
                         std::string_view detail) {
  Violation v;
  v.code = code;
  v.severity = severity;
  const char* begin = origin_.data();
  if (begin != nullptr && at >= begin && at <= begin + origin_.size()) {
    v.offset = static_cast<std::size_t>(at - begin);
  }
  v.detail = detail;
  violations_.push_back(std::move(v));
  bool go_on = severity == Severity::accepted ||
               (severity == Severity::tolerated && mode_ == ParseMode::lenient);
  if (go_on) {
    needs_rewrite_ = true;
  } else {
    failed_ = true;
  }
  return go_on;
}

bool report(Diagnostics* d, ParseError code, Severity severity, const char* at,
            std::string_view detail) {
  if (d != nullptr) return d->report(code, severity, at, detail);
  return severity == Severity::accepted;
}

}  // namespace sipconf::sip
