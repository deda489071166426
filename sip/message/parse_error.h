#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace sipconf::sip {

/// Why a SIP message (or one of its parts) is malformed. Values are stable: they appear in
/// golden files and reports by name (see parse_error_name()).
enum class ParseError {
  // Start line.
  empty_message = 1,              ///< only CR/LF/whitespace: nothing to parse
  start_line_malformed,           ///< not `Method SP Request-URI SP SIP-Version` nor a status line
  method_invalid,                 ///< method is not a token
  request_uri_malformed,          ///< Request-URI does not parse
  request_uri_bracketed,          ///< Request-URI enclosed in <> (RFC 4475 ltgtruri)
  request_uri_has_lws,            ///< whitespace inside the Request-URI (RFC 4475 lwsruri)
  request_uri_has_headers,        ///< ?headers in a Request-URI (RFC 4475 escruri)
  request_line_extra_whitespace,  ///< more than one SP between elements, or trailing SP
  version_malformed,              ///< not `SIP/digits.digits`
  version_not_supported,          ///< a version other than SIP/2.0
  status_line_malformed,          ///< response status line does not parse
  status_code_invalid,            ///< status code outside 100..699 or not three digits
  // Header section.
  header_line_malformed,        ///< a header line without a colon
  header_name_invalid,          ///< header name is not a token
  header_value_invalid,         ///< control characters in a header value
  bare_line_feed,               ///< LF without CR as line end in the header section
  header_section_unterminated,  ///< no empty line ends the header section
  header_section_too_large,     ///< header section over the configured limit
  message_too_large,            ///< message over the configured limit
  // Typed header values.
  uri_malformed,
  name_addr_malformed,
  display_name_invalid,        ///< non-token characters in an unquoted display name (baddn)
  display_name_unspaced,       ///< no LWS between display name and < (lwsdisp; accepted)
  quoted_string_unterminated,  ///< quotbal
  addr_spec_needs_brackets,    ///< a URI with , ; or ? outside <> (regbadct)
  addr_spec_has_whitespace,    ///< whitespace inside <...> (badaspec)
  empty_list_element,          ///< `,,` or a trailing comma in a header list (badinv01)
  empty_parameter,             ///< `;;` or a trailing `;` (badinv01)
  parameter_malformed,         ///< a parameter that is not `name[=value]`
  via_malformed,
  cseq_malformed,
  cseq_number_too_large,         ///< CSeq number above 2^32-1 (scalar02, scalarlg)
  cseq_method_mismatch,          ///< CSeq method differs from the request method (mismatch01)
  unknown_method_cseq_mismatch,  ///< as above with an unknown request method (mismatch02)
  number_malformed,              ///< a numeric header or parameter that is not 1*DIGIT
  number_too_large,              ///< a numeric value above its range (Max-Forwards > 255, ...)
  token_list_malformed,
  media_type_malformed,
  date_malformed,          ///< Date not in RFC 1123 form with GMT (baddate)
  header_value_malformed,  ///< any other typed header that does not parse
  // Framing.
  content_length_invalid,          ///< negative or non-numeric Content-Length (ncl)
  content_length_conflict,         ///< several Content-Length values that differ (mcl01)
  content_length_duplicated,       ///< the same Content-Length repeated
  content_length_missing,          ///< no Content-Length on a stream transport
  content_length_exceeds_message,  ///< Content-Length larger than the bytes available (clerr)
  body_too_large,                  ///< body over the configured limit
  trailing_octets,                 ///< bytes after the body in a datagram (dblreq; accepted)
  // Typed access.
  header_missing,  ///< the requested header is absent
};

/// The error category of ParseError ("sip.parse"); messages are short English sentences.
const std::error_category& parse_error_category();
std::error_code make_error_code(ParseError e);

/// The enumerator's name, e.g. "cseq_number_too_large"; "unknown" for foreign codes.
std::string_view parse_error_name(std::error_code ec);

/// How bad a deviation is, which decides what strict and lenient parsing do with it.
enum class Severity : std::uint8_t {
  accepted,   ///< outside the RFC 3261 grammar but to be accepted as well-formed (RFC 4475 §3.1.1)
  tolerated,  ///< malformed: strict parsing rejects it, lenient parsing repairs it
  fatal,      ///< malformed beyond repair: rejected in both modes
};
std::string_view severity_name(Severity s);

/// One deviation found in a message: what, where, and how bad.
struct Violation {
  std::error_code code;
  Severity severity = Severity::fatal;
  std::string header;      ///< canonical header name, as received if unknown; empty for start line
  std::size_t offset = 0;  ///< byte offset in the message
  std::size_t line = 0;    ///< 1-based line number in the message
  std::size_t column = 0;  ///< 1-based byte column in that line
  std::string detail;      ///< human-readable specifics ("CSeq 36893488147419103232 > 2^32-1")
};

/// The response a server should send for a message rejected with `ec`; `status == 0` means
/// drop silently (always the case for responses, which are never answered).
struct SuggestedResponse {
  int status = 0;
  std::string_view reason;
  bool drop() const { return status == 0; }
};
SuggestedResponse suggested_response(std::error_code ec, bool is_request);

}  // namespace sipconf::sip

namespace std {
template <>
struct is_error_code_enum<sipconf::sip::ParseError> : true_type {};
}  // namespace std
