#pragma once

#include <cstdint>

namespace sipconf::harness {

/// Calls of one endpoint as `process` expectations judge them: from SIPp's statistics
/// (successful / failed calls) or sipsim's summary (as intended / failed or unfinished).
struct CallCounts {
  std::int64_t successful = 0;
  std::int64_t failed = 0;
};

}  // namespace sipconf::harness
