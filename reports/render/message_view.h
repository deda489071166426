#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::reports {

/// True when a header line name denotes the wanted header: case-insensitive, and a
/// compact form matches its long name ("i" is "Call-ID", "m" is "Contact", ...).
bool same_header(std::string_view line_name, std::string_view wanted);

/// Escaped HTML of a raw SIP message for a `<pre>`, CRLF shown as line breaks, with the
/// parts named in `highlights` wrapped in `<mark>`: a header name (every line of that
/// header, folded continuation lines included), "Request-URI" (the URI in the request
/// line), "Status-Line" (the first line) or "body" (everything after the blank line).
std::string render_message_text(std::string_view raw, const std::vector<std::string>& highlights);

/// The parts to highlight in message `index`: the `highlight` of every failing subtest
/// that points at it.
std::vector<std::string> highlights_for(const CaseResult& result, std::size_t index);

/// The arrow label of a message: "INVITE sip:..." for requests, "180 Ringing" for
/// responses, built from the fields when the summary is missing.
std::string message_label(const Message& message);

/// The full message panel opened from the ladder or a deep link: who sent it to whom
/// and when, its flags, the failing expectations and findings that point at it, and
/// the whole message with highlights.
std::string render_message_panel(const CaseResult& result, std::size_t index);

}  // namespace sipconf::reports
