#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace sipconf::reports {

/// Every captured byte is untrusted: message text, header values, case ids, endpoint
/// and artifact names all go through these before they reach the page.

/// Appends `text` escaped for HTML text and quoted attribute values (& < > " '). C0
/// control characters other than tab and newline are shown as their Unicode control
/// pictures (U+2400 block), so a NUL or ESC in a header is visible, not swallowed.
void append_html(std::string& out, std::string_view text);

/// `append_html` into a new string.
std::string html(std::string_view text);

/// Serializes JSON for an inline `<script type="application/json">` block: `</` becomes
/// `<\/` (no premature end tag), `<!--` becomes `\u003c!--` (no script-data escape
/// state), and U+2028/U+2029 are written as escapes. Invalid UTF-8 becomes U+FFFD.
std::string script_json(const nlohmann::json& value);

/// Percent-encodes everything but RFC 3986 unreserved characters, like JavaScript's
/// encodeURIComponent, for values placed in a URL fragment (`#case=<id>`).
std::string uri_component(std::string_view text);

/// At most `max_chars` code points of `text`, with an ellipsis when cut; never splits a
/// UTF-8 sequence.
std::string truncate_text(std::string_view text, std::size_t max_chars);

/// Number of code points in valid UTF-8 text (continuation bytes are not counted).
std::size_t text_width(std::string_view text);

}  // namespace sipconf::reports
