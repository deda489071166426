#pragma once

#include <ostream>
#include <string>

#include "harness/analysis/capture_analysis.h"

namespace sipconf::harness {

/// Prints what `sipconf analyze` found for people: the capture, SIP messages by method
/// and status, calls and their legs, a latency table (p50/p90/p99/max), RTP streams,
/// findings, and what was dropped while decoding.
void print_analysis_summary(const CaptureAnalysis& analysis, const std::string& capture_name,
                            std::ostream& out);

}  // namespace sipconf::harness
