#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "sip/message/message.h"
#include "sip/message/message_parser.h"

namespace sipconf::sip {

/// The parsed structure of a message as JSON: start line, headers in wire order (name as
/// received, canonical name, value, and the typed parse of known headers), body. Byte strings
/// that are not valid UTF-8 are written with \xNN escapes for the offending bytes.
nlohmann::json to_json(const Message& message);

/// Verdict (ok, error name, suggested response), violations, trailing bytes and the message.
nlohmann::json to_json(const ParseResult& result);

/// `text` as a JSON-safe string: valid UTF-8 unchanged, other bytes as `\xNN`.
std::string json_safe(std::string_view text);

}  // namespace sipconf::sip
