#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sipconf::sip {

/// True if every `%` in `text` starts a valid escape `%HH`.
bool has_valid_escapes(std::string_view text);

/// Decodes `%HH` escapes; a `%` not followed by two hex digits stays as is. Decoded bytes
/// may include NUL (RFC 4475 escnull: never truncate).
std::string percent_decode(std::string_view text);

/// Escapes every byte not in the lexer character `classes` (lex::CharClass bits) as `%HH`.
std::string percent_encode(std::string_view text, std::uint16_t classes);

}  // namespace sipconf::sip
