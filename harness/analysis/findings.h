#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "harness/analysis/sip_trace.h"

namespace sipconf::harness {

enum class FindingSeverity { kInfo, kWarning, kError };
std::string_view to_string(FindingSeverity severity);

/// A protocol violation seen on the wire.
struct Finding {
  std::string rule;  ///< `RFC3261-8.1.1.7`: the section that is violated.
  FindingSeverity severity = FindingSeverity::kWarning;
  std::size_t message_index = kNoIndex;  ///< The offending message.
  std::string text;
};

/// One rule the analyser checks, for `sipconf analyze --rules` and the documentation.
struct FindingRule {
  std::string_view id;
  std::string_view title;
};
const std::vector<FindingRule>& finding_rules();

struct FindingOptions {
  /// Capture start and end: a missing request or ACK near either edge may simply not have
  /// been captured, which lowers the severity of those findings.
  uint64_t capture_start_ns = 0;
  uint64_t capture_end_ns = 0;
};

/// Checks every message, transaction and leg of the trace against the rules of
/// finding_rules(). Retransmissions are not reported again. Ordered by message index.
std::vector<Finding> find_violations(const SipTrace& trace, const FindingOptions& options);

}  // namespace sipconf::harness
