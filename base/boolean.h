#pragma once

#include <string_view>

#include "base/diagnostic.h"
#include "base/result.h"

namespace sipconf::base {

/// Reads `true` or `false`, in any case (Lync's cmdlets print True and False, and people copy
/// them). Anything else fails (InputErrc) with a diagnostic at `where`, `{subject}: {reason}`;
/// the habits of other tools (`yes`, `on`, `1`, ...) are refused with the word to write.
Result<bool> parse_boolean(std::string_view text, std::string_view subject,
                           const SourceLocation& where, Diagnostics& diags);

}  // namespace sipconf::base
