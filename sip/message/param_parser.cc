#include "sip/message/param_parser.h"

#include <string>

#include "sip/base/lexer.h"

namespace sipconf::sip {
namespace {

bool is_value_char(char c) { return lex::is_token_char(c) || c == ':' || c == '[' || c == ']'; }

}  // namespace

std::error_code parse_generic_params(std::string_view s, std::size_t& pos, ParamList& out,
                                     Diagnostics* diag) {
  auto fail = [diag](ParseError code, Severity sev, const char* at,
                     std::string_view detail) -> std::error_code {
    if (report(diag, code, sev, at, detail)) return {};
    return code;
  };
  for (;;) {
    std::size_t p = pos;
    lex::skip_lws(s, p);
    if (p >= s.size() || s[p] != ';') return {};
    const char* semi = s.data() + p;
    ++p;
    lex::skip_lws(s, p);
    if (p >= s.size() || s[p] == ';' || s[p] == ',') {
      if (auto ec =
              fail(ParseError::empty_parameter, Severity::tolerated, semi, "empty parameter")) {
        return ec;
      }
      pos = p;
      continue;
    }
    std::string_view name = lex::scan_token(s, p);
    if (name.empty()) {
      report(diag, ParseError::parameter_malformed, Severity::fatal, s.data() + p,
             "parameter name is not a token");
      return ParseError::parameter_malformed;
    }
    Param& param = out.add(name);
    std::size_t q = p;
    lex::skip_lws(s, q);
    if (q < s.size() && s[q] == '=') {
      ++q;
      lex::skip_lws(s, q);
      if (q < s.size() && s[q] == '"') {
        std::string_view quoted;
        auto status = lex::scan_quoted_string(s, q, quoted);
        if (status == lex::QuotedStatus::unterminated) {
          report(diag, ParseError::quoted_string_unterminated, Severity::fatal, quoted.data(),
                 "unterminated quoted parameter value");
          return ParseError::quoted_string_unterminated;
        }
        if (status == lex::QuotedStatus::bad_char) {
          if (auto ec = fail(ParseError::header_value_invalid, Severity::tolerated, quoted.data(),
                             "control character in a quoted parameter value")) {
            return ec;
          }
        }
        param.value.emplace(quoted);
      } else {
        std::size_t start = q;
        while (q < s.size() && is_value_char(s[q])) ++q;
        if (q == start) {
          report(diag, ParseError::parameter_malformed, Severity::fatal, s.data() + start,
                 "parameter '" + std::string(name) + "=' has no value");
          return ParseError::parameter_malformed;
        }
        param.value.emplace(s.substr(start, q - start));
      }
      p = q;
    }
    pos = p;
  }
}

}  // namespace sipconf::sip
