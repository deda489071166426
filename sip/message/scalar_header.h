#pragma once

#include <cstdint>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"

namespace sipconf::sip {

/// `1*DIGIT` surrounded by optional LWS, up to `max` (else number_too_large); leading zeros
/// are fine ("0068"). The building block of the numeric headers below.
Result<std::uint64_t> parse_digits(std::string_view text, std::uint64_t max,
                                   Diagnostics* diag = nullptr);

/// Max-Forwards: 0..255. A larger value is tolerated (RFC 4475 scalar02) and clamped to 255.
Result<std::uint32_t> parse_max_forwards(std::string_view text, Diagnostics* diag = nullptr);

/// delta-seconds (Expires, Min-Expires, Min-SE, Retry-After's number): values above 2^32-1
/// are tolerated and clamped to 2^32-1 (RFC 3261 §20.19, RFC 4475 scalar02).
Result<std::uint32_t> parse_delta_seconds(std::string_view text, Diagnostics* diag = nullptr);

/// Content-Length: non-negative decimal, anything else is content_length_invalid (RFC 4475 ncl).
Result<std::uint64_t> parse_content_length(std::string_view text, Diagnostics* diag = nullptr);

/// RSeq (RFC 3262): 1..2^31-1.
Result<std::uint32_t> parse_rseq(std::string_view text, Diagnostics* diag = nullptr);

}  // namespace sipconf::sip
