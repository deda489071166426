#include "sip/message/rack.h"

#include "sip/base/lexer.h"
#include "sip/message/scalar_header.h"

namespace sipconf::sip {

Result<RAck> RAck::parse(std::string_view s, Diagnostics* diag) {
  auto fail = [&](std::size_t at) -> Result<RAck> {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + at,
           "RAck is not 'RSeq CSeq Method'");
    return make_error_code(ParseError::header_value_malformed);
  };
  std::size_t pos = 0;
  std::uint64_t numbers[2] = {0, 0};
  lex::skip_lws(s, pos);
  for (auto& number : numbers) {
    std::size_t start = pos;
    while (pos < s.size() && lex::is_digit(s[pos])) ++pos;
    auto n = parse_digits(s.substr(start, pos - start), 0xFFFFFFFFu, nullptr);
    if (!n || !lex::skip_lws(s, pos)) return fail(start);
    number = *n;
  }
  std::string_view method = lex::scan_token(s, pos);
  lex::skip_lws(s, pos);
  if (method.empty() || pos != s.size() || numbers[0] == 0) return fail(pos);
  return RAck{static_cast<std::uint32_t>(numbers[0]), static_cast<std::uint32_t>(numbers[1]),
              std::string(method)};
}

std::string RAck::to_string() const {
  return std::to_string(rseq) + " " + std::to_string(cseq) + " " + method;
}

}  // namespace sipconf::sip
