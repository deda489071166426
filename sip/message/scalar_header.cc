#include "sip/message/scalar_header.h"

#include <limits>
#include <string>

#include "sip/base/lexer.h"

namespace sipconf::sip {
namespace {

// Scans digits; `overflow` is set when the value does not fit in 64 bits.
struct Digits {
  std::uint64_t value = 0;
  bool overflow = false;
  std::string_view text;
};

bool scan(std::string_view s, Digits& d) {
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  std::size_t start = pos;
  while (pos < s.size() && lex::is_digit(s[pos])) {
    auto digit = static_cast<std::uint64_t>(s[pos] - '0');
    if (d.value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) d.overflow = true;
    if (!d.overflow) d.value = d.value * 10 + digit;
    ++pos;
  }
  d.text = s.substr(start, pos - start);
  if (pos == start) return false;
  lex::skip_lws(s, pos);
  return pos == s.size();
}

}  // namespace

Result<std::uint64_t> parse_digits(std::string_view text, std::uint64_t max, Diagnostics* diag) {
  Digits d;
  if (!scan(text, d)) {
    report(diag, ParseError::number_malformed, Severity::fatal, text.data(),
           "'" + std::string(lex::trim_lws(text)) + "' is not a number");
    return make_error_code(ParseError::number_malformed);
  }
  if (d.overflow || d.value > max) {
    report(diag, ParseError::number_too_large, Severity::fatal, d.text.data(),
           std::string(d.text) + " > " + std::to_string(max));
    return make_error_code(ParseError::number_too_large);
  }
  return d.value;
}

Result<std::uint32_t> parse_max_forwards(std::string_view text, Diagnostics* diag) {
  Digits d;
  if (!scan(text, d)) {
    report(diag, ParseError::number_malformed, Severity::fatal, text.data(),
           "Max-Forwards is not a number");
    return make_error_code(ParseError::number_malformed);
  }
  if (d.overflow || d.value > 255) {
    if (!report(diag, ParseError::number_too_large, Severity::tolerated, d.text.data(),
                "Max-Forwards " + std::string(d.text) + " > 255")) {
      return make_error_code(ParseError::number_too_large);
    }
    return 255u;
  }
  return static_cast<std::uint32_t>(d.value);
}

Result<std::uint32_t> parse_delta_seconds(std::string_view text, Diagnostics* diag) {
  Digits d;
  if (!scan(text, d)) {
    report(diag, ParseError::number_malformed, Severity::fatal, text.data(),
           "'" + std::string(lex::trim_lws(text)) + "' is not delta-seconds");
    return make_error_code(ParseError::number_malformed);
  }
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint32_t>::max();
  if (d.overflow || d.value > kMax) {
    if (!report(diag, ParseError::number_too_large, Severity::tolerated, d.text.data(),
                "delta-seconds " + std::string(d.text) + " > 2^32-1")) {
      return make_error_code(ParseError::number_too_large);
    }
    return static_cast<std::uint32_t>(kMax);
  }
  return static_cast<std::uint32_t>(d.value);
}

Result<std::uint64_t> parse_content_length(std::string_view text, Diagnostics* diag) {
  Digits d;
  if (!scan(text, d) || d.overflow) {
    report(diag, ParseError::content_length_invalid, Severity::fatal, text.data(),
           "Content-Length '" + std::string(lex::trim_lws(text)) + "'");
    return make_error_code(ParseError::content_length_invalid);
  }
  return d.value;
}

Result<std::uint32_t> parse_rseq(std::string_view text, Diagnostics* diag) {
  auto n = parse_digits(text, 0x7FFFFFFFu, diag);
  if (!n) return n.error();
  if (*n == 0) {
    report(diag, ParseError::number_malformed, Severity::fatal, text.data(), "RSeq 0");
    return make_error_code(ParseError::number_malformed);
  }
  return static_cast<std::uint32_t>(*n);
}

}  // namespace sipconf::sip
