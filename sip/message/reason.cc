#include "sip/message/reason.h"

#include "sip/base/lexer.h"
#include "sip/message/param_parser.h"
#include "sip/message/scalar_header.h"

namespace sipconf::sip {

std::optional<int> Reason::cause() const {
  auto v = params.get("cause");
  if (!v) return std::nullopt;
  auto n = parse_digits(*v, 65535, nullptr);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

std::optional<std::string> Reason::text() const { return params.get_unquoted("text"); }

Result<Reason> Reason::parse(std::string_view s, Diagnostics* diag) {
  Reason out;
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  out.protocol = lex::scan_token(s, pos);
  if (out.protocol.empty()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + pos,
           "Reason protocol is not a token");
    return make_error_code(ParseError::header_value_malformed);
  }
  if (auto ec = parse_generic_params(s, pos, out.params, diag)) return ec;
  lex::skip_lws(s, pos);
  if (pos != s.size()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + pos,
           "unexpected text in Reason");
    return make_error_code(ParseError::header_value_malformed);
  }
  if (out.params.has("cause") && !out.cause()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data(),
           "Reason cause is not a number");
    return make_error_code(ParseError::header_value_malformed);
  }
  return out;
}

std::string Reason::to_string() const {
  std::string out = protocol;
  params.append_to(out);
  return out;
}

Result<std::vector<Reason>> parse_reason_list(std::string_view text, Diagnostics* diag) {
  std::vector<Reason> out;
  for (std::string_view element : lex::CommaList(text)) {
    if (element.empty()) {
      if (!report(diag, ParseError::empty_list_element, Severity::tolerated, element.data(),
                  "empty list element")) {
        return make_error_code(ParseError::empty_list_element);
      }
      continue;
    }
    auto r = Reason::parse(element, diag);
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  if (out.empty()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, text.data(), "no Reason");
    return make_error_code(ParseError::header_value_malformed);
  }
  return out;
}

}  // namespace sipconf::sip
