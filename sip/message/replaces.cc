#include "sip/message/replaces.h"

#include "sip/base/lexer.h"
#include "sip/message/param_parser.h"

namespace sipconf::sip {

Result<Replaces> Replaces::parse(std::string_view s, Diagnostics* diag) {
  Replaces out;
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  std::size_t start = pos;
  while (pos < s.size() && (lex::is(s[pos], lex::kWord) || s[pos] == '@')) ++pos;
  out.call_id = s.substr(start, pos - start);
  if (out.call_id.empty()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + pos,
           "Replaces has no Call-ID");
    return make_error_code(ParseError::header_value_malformed);
  }
  if (auto ec = parse_generic_params(s, pos, out.params, diag)) return ec;
  lex::skip_lws(s, pos);
  if (pos != s.size() || !out.params.get("to-tag") || !out.params.get("from-tag")) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + pos,
           "Replaces needs to-tag and from-tag");
    return make_error_code(ParseError::header_value_malformed);
  }
  return out;
}

std::string Replaces::to_string() const {
  std::string out = call_id;
  params.append_to(out);
  return out;
}

}  // namespace sipconf::sip
