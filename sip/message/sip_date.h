#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"

namespace sipconf::sip {

/// The Date header (RFC 3261 §20.17): RFC 1123 form, and only GMT (RFC 4475 baddate).
Result<std::chrono::sys_seconds> parse_sip_date(std::string_view text, Diagnostics* diag = nullptr);

/// `Sat, 13 Nov 2010 23:29:00 GMT`.
std::string format_sip_date(std::chrono::sys_seconds time);

}  // namespace sipconf::sip
