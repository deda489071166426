#pragma once

#include <cstddef>
#include <string_view>
#include <system_error>

#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

/// Parses `*( SEMI generic-param )` at `pos` (RFC 3261 §25.1: `token [EQUAL gen-value]`,
/// gen-value = token / host / quoted-string) into `out`, stopping before the first character
/// that cannot continue the list (`,`, end of text, or garbage the caller reports). Empty
/// parameters (`;;`, trailing `;`) are reported as empty_parameter (tolerated) and skipped.
/// Returns the error of the deviation that stopped parsing, if any.
std::error_code parse_generic_params(std::string_view text, std::size_t& pos, ParamList& out,
                                     Diagnostics* diag);

}  // namespace sipconf::sip
