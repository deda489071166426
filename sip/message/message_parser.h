#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/message/diagnostics.h"
#include "sip/message/message.h"
#include "sip/message/parse_error.h"

namespace sipconf::sip {

/// How the bytes handed to the parser were delimited.
enum class Framing : std::uint8_t {
  /// One datagram or one file: the body is Content-Length bytes (the rest is ignored and
  /// reported as trailing_bytes), or everything after the headers if there is no
  /// Content-Length (RFC 3261 §18.3).
  datagram,
  /// One message cut from a stream by StreamFramer: Content-Length is mandatory.
  stream,
};

struct ParseOptions {
  ParseMode mode = ParseMode::strict;
  Framing framing = Framing::datagram;
  /// Parse every known header's value now (precise errors, lenient repairs). When false only
  /// the start line, header names and Content-Length are checked; typed values are parsed on
  /// access (the fast path for a B2BUA that reads a handful of headers).
  bool validate_headers = true;
  /// Check that the CSeq method equals the request method (RFC 4475 mismatch01/02).
  bool check_cseq_method = true;
  std::size_t max_message_bytes = 4 * 1024 * 1024 + 64 * 1024;
  /// Violations beyond this many are counted in ParseResult::violations_dropped only.
  std::size_t max_violations = 64;
};

/// What parsing found. On error `message` is still present whenever the bytes could be split
/// into a start line and header lines, as a best-effort view for building the error response
/// (it has the Via, From, To, Call-ID, CSeq) and for reporting; never forward it.
struct ParseResult {
  std::error_code error;  ///< first deviation that rejects the message in the chosen mode
  std::optional<Message> message;
  std::vector<Violation> violations;  ///< all deviations, accepted and repaired ones included
  std::size_t violations_dropped = 0;
  std::size_t trailing_bytes = 0;  ///< octets after the body, ignored (datagram framing)
  bool request = true;  ///< the bytes start like a request (known even without a message)

  bool ok() const { return !error; }
  /// The response to send for the error (drop for responses and unparseable start lines).
  SuggestedResponse suggested_response() const;
};

/// Parses one message. Strict mode rejects anything outside the grammar except what RFC 4475
/// says to accept; lenient mode accepts what a liberal element may, repairs it in the
/// returned message (so that it serializes well-formed) and lists every violation.
/// Never throws on any input; never reads beyond `bytes`.
ParseResult parse_message(std::string_view bytes, const ParseOptions& options = {});
/// As above, taking ownership of the buffer (no copy: the message keeps views into it).
ParseResult parse_message(std::string&& bytes, const ParseOptions& options = {});

}  // namespace sipconf::sip
