#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"

namespace sipconf::sip {

/// A comma-separated list of tokens: Require, Supported, Proxy-Require, Unsupported, Allow,
/// Allow-Events, Privacy (`;`-separated there, see parse_privacy). An empty value is an empty
/// list (Supported: is legal).
Result<std::vector<std::string>> parse_token_list(std::string_view text,
                                                  Diagnostics* diag = nullptr);

/// `a, b, c`.
std::string join_tokens(const std::vector<std::string>& tokens);

/// True if `tokens` contains `token` (case-insensitive, as option tags compare).
bool contains_token(const std::vector<std::string>& tokens, std::string_view token);

}  // namespace sipconf::sip
