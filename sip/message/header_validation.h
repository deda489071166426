#pragma once

#include <string>
#include <string_view>

#include "sip/message/diagnostics.h"
#include "sip/message/header_names.h"

namespace sipconf::sip {

/// What to do with a header value after its typed parse accepted or repaired a deviation.
enum class Repair : std::uint8_t { keep, rewrite, remove };

struct HeaderCheck {
  bool ok = true;  ///< false: the value does not parse in this mode (see the Diagnostics)
  Repair repair = Repair::keep;
  std::string rewritten;  ///< the well-formed value when repair == rewrite
};

/// The header registry's parser table: runs the typed parser of header `id` over `value`,
/// recording deviations in `diag` and, when the parser accepted or repaired something, giving
/// the well-formed replacement. Unknown and free-text headers are checked for control
/// characters only; Content-Length is the parser's business (framing).
HeaderCheck check_header_value(HeaderId id, std::string_view value, Diagnostics& diag);

}  // namespace sipconf::sip
