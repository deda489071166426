#include "sip/message/parse_error.h"

#include <array>

namespace sipconf::sip {
namespace {

struct ErrorInfo {
  ParseError code;
  std::string_view name;
  std::string_view message;
  int request_status;  // what a server answers to a request rejected for this reason
};

constexpr std::array kErrors = {
    ErrorInfo{ParseError::empty_message, "empty_message", "no message, only line breaks", 0},
    ErrorInfo{ParseError::start_line_malformed, "start_line_malformed",
              "start line is neither a request line nor a status line", 400},
    ErrorInfo{ParseError::method_invalid, "method_invalid", "method is not a token", 400},
    ErrorInfo{ParseError::request_uri_malformed, "request_uri_malformed",
              "Request-URI is malformed", 400},
    ErrorInfo{ParseError::request_uri_bracketed, "request_uri_bracketed",
              "Request-URI is enclosed in <>", 400},
    ErrorInfo{ParseError::request_uri_has_lws, "request_uri_has_lws",
              "whitespace inside the Request-URI", 400},
    ErrorInfo{ParseError::request_uri_has_headers, "request_uri_has_headers",
              "Request-URI carries ?headers", 400},
    ErrorInfo{ParseError::request_line_extra_whitespace, "request_line_extra_whitespace",
              "extra whitespace in the start line", 400},
    ErrorInfo{ParseError::version_malformed, "version_malformed", "SIP-Version is malformed", 400},
    ErrorInfo{ParseError::version_not_supported, "version_not_supported", "SIP version is not 2.0",
              505},
    ErrorInfo{ParseError::status_line_malformed, "status_line_malformed",
              "status line is malformed", 0},
    ErrorInfo{ParseError::status_code_invalid, "status_code_invalid",
              "status code is not a three-digit code in 100..699", 0},
    ErrorInfo{ParseError::header_line_malformed, "header_line_malformed",
              "header line without a colon", 400},
    ErrorInfo{ParseError::header_name_invalid, "header_name_invalid", "header name is not a token",
              400},
    ErrorInfo{ParseError::header_value_invalid, "header_value_invalid",
              "control character in a header value", 400},
    ErrorInfo{ParseError::bare_line_feed, "bare_line_feed", "line ends with LF instead of CRLF",
              400},
    ErrorInfo{ParseError::header_section_unterminated, "header_section_unterminated",
              "no empty line ends the header section", 400},
    ErrorInfo{ParseError::header_section_too_large, "header_section_too_large",
              "header section is too large", 513},
    ErrorInfo{ParseError::message_too_large, "message_too_large", "message is too large", 513},
    ErrorInfo{ParseError::uri_malformed, "uri_malformed", "URI is malformed", 400},
    ErrorInfo{ParseError::name_addr_malformed, "name_addr_malformed",
              "name-addr or addr-spec is malformed", 400},
    ErrorInfo{ParseError::display_name_invalid, "display_name_invalid",
              "unquoted display name has non-token characters", 400},
    ErrorInfo{ParseError::display_name_unspaced, "display_name_unspaced",
              "no whitespace between display name and <", 400},
    ErrorInfo{ParseError::quoted_string_unterminated, "quoted_string_unterminated",
              "quoted string is not terminated", 400},
    ErrorInfo{ParseError::addr_spec_needs_brackets, "addr_spec_needs_brackets",
              "URI with , ; or ? must be enclosed in <>", 400},
    ErrorInfo{ParseError::addr_spec_has_whitespace, "addr_spec_has_whitespace",
              "whitespace inside <URI>", 400},
    ErrorInfo{ParseError::empty_list_element, "empty_list_element",
              "empty element in a comma-separated list", 400},
    ErrorInfo{ParseError::empty_parameter, "empty_parameter", "empty parameter after ;", 400},
    ErrorInfo{ParseError::parameter_malformed, "parameter_malformed", "parameter is malformed",
              400},
    ErrorInfo{ParseError::via_malformed, "via_malformed", "Via is malformed", 400},
    ErrorInfo{ParseError::cseq_malformed, "cseq_malformed", "CSeq is malformed", 400},
    ErrorInfo{ParseError::cseq_number_too_large, "cseq_number_too_large",
              "CSeq number is larger than 2^32-1", 400},
    ErrorInfo{ParseError::cseq_method_mismatch, "cseq_method_mismatch",
              "CSeq method differs from the request method", 400},
    ErrorInfo{ParseError::unknown_method_cseq_mismatch, "unknown_method_cseq_mismatch",
              "unknown request method and CSeq method differs", 501},
    ErrorInfo{ParseError::number_malformed, "number_malformed", "number is malformed", 400},
    ErrorInfo{ParseError::number_too_large, "number_too_large", "number is out of range", 400},
    ErrorInfo{ParseError::token_list_malformed, "token_list_malformed", "token list is malformed",
              400},
    ErrorInfo{ParseError::media_type_malformed, "media_type_malformed", "media type is malformed",
              400},
    ErrorInfo{ParseError::date_malformed, "date_malformed", "Date is not an RFC 1123 date in GMT",
              400},
    ErrorInfo{ParseError::header_value_malformed, "header_value_malformed",
              "header value is malformed", 400},
    ErrorInfo{ParseError::content_length_invalid, "content_length_invalid",
              "Content-Length is not a non-negative number", 400},
    ErrorInfo{ParseError::content_length_conflict, "content_length_conflict",
              "several different Content-Length values", 400},
    ErrorInfo{ParseError::content_length_duplicated, "content_length_duplicated",
              "Content-Length repeated", 400},
    ErrorInfo{ParseError::content_length_missing, "content_length_missing",
              "no Content-Length on a stream transport", 400},
    ErrorInfo{ParseError::content_length_exceeds_message, "content_length_exceeds_message",
              "Content-Length is larger than the message", 400},
    ErrorInfo{ParseError::body_too_large, "body_too_large", "body is too large", 513},
    ErrorInfo{ParseError::trailing_octets, "trailing_octets", "octets after the body (ignored)",
              400},
    ErrorInfo{ParseError::header_missing, "header_missing", "header is missing", 400},
};

const ErrorInfo* find_info(int value) {
  for (const auto& e : kErrors) {
    if (static_cast<int>(e.code) == value) return &e;
  }
  return nullptr;
}

class ParseCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sip.parse"; }
  std::string message(int value) const override {
    const ErrorInfo* info = find_info(value);
    return info ? std::string(info->message) : "unknown SIP parse error";
  }
};

std::string_view reason_for(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 501:
      return "Not Implemented";
    case 505:
      return "Version Not Supported";
    case 513:
      return "Message Too Large";
    default:
      return {};
  }
}

}  // namespace

const std::error_category& parse_error_category() {
  static const ParseCategory category;
  return category;
}

std::error_code make_error_code(ParseError e) {
  return {static_cast<int>(e), parse_error_category()};
}

std::string_view parse_error_name(std::error_code ec) {
  if (!ec) return "ok";
  if (ec.category() != parse_error_category()) return "unknown";
  const ErrorInfo* info = find_info(ec.value());
  return info ? info->name : "unknown";
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::accepted:
      return "accepted";
    case Severity::tolerated:
      return "tolerated";
    case Severity::fatal:
      return "fatal";
  }
  return "fatal";
}

SuggestedResponse suggested_response(std::error_code ec, bool is_request) {
  if (!ec || !is_request) return {};
  int status = 400;
  if (ec.category() == parse_error_category()) {
    const ErrorInfo* info = find_info(ec.value());
    if (info) status = info->request_status;
  }
  if (status == 0) return {};
  return {status, reason_for(status)};
}

}  // namespace sipconf::sip
