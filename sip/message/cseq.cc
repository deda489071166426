#include "sip/message/cseq.h"

#include <limits>

#include "sip/base/lexer.h"

namespace sipconf::sip {

Result<CSeq> CSeq::parse(std::string_view s, Diagnostics* diag) {
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  std::size_t start = pos;
  std::uint64_t value = 0;
  bool too_large = false;
  while (pos < s.size() && lex::is_digit(s[pos])) {
    value = value * 10 + static_cast<std::uint64_t>(s[pos] - '0');
    if (value > std::numeric_limits<std::uint32_t>::max()) {
      too_large = true;
      value = std::numeric_limits<std::uint32_t>::max();
    }
    ++pos;
  }
  std::string_view digits = s.substr(start, pos - start);
  if (digits.empty()) {
    report(diag, ParseError::cseq_malformed, Severity::fatal, s.data() + start,
           "CSeq has no number");
    return make_error_code(ParseError::cseq_malformed);
  }
  if (too_large) {
    report(diag, ParseError::cseq_number_too_large, Severity::fatal, digits.data(),
           "CSeq " + std::string(digits) + " > 2^32-1");
    return make_error_code(ParseError::cseq_number_too_large);
  }
  if (!lex::skip_lws(s, pos)) {
    report(diag, ParseError::cseq_malformed, Severity::fatal, s.data() + pos,
           "CSeq needs whitespace between number and method");
    return make_error_code(ParseError::cseq_malformed);
  }
  std::string_view method = lex::scan_token(s, pos);
  lex::skip_lws(s, pos);
  if (method.empty() || pos != s.size()) {
    report(diag, ParseError::cseq_malformed, Severity::fatal, s.data() + pos,
           "CSeq method is not a token");
    return make_error_code(ParseError::cseq_malformed);
  }
  return CSeq{static_cast<std::uint32_t>(value), std::string(method)};
}

std::string CSeq::to_string() const { return std::to_string(number) + " " + method; }

}  // namespace sipconf::sip
