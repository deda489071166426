#pragma once

#include <string_view>

namespace sipconf::sip {

/// The reason phrase RFC 3261 (and the extensions in use) give a status code; for unknown
/// codes the class phrase ("Client Error" for 4xx, ...).
std::string_view default_reason_phrase(int status);

/// The request methods this stack knows by name (RFC 3261, 3262, 3265, 3311, 3428, 3515,
/// 3903, 6086). Methods compare case-sensitively.
bool is_known_method(std::string_view method);

}  // namespace sipconf::sip
