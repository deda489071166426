#include "sip/message/token_list.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"

namespace sipconf::sip {

Result<std::vector<std::string>> parse_token_list(std::string_view text, Diagnostics* diag) {
  std::vector<std::string> out;
  if (lex::trim_lws(text).empty()) return out;
  for (std::string_view element : lex::CommaList(text)) {
    if (element.empty()) {
      if (!report(diag, ParseError::empty_list_element, Severity::tolerated, element.data(),
                  "empty list element")) {
        return make_error_code(ParseError::empty_list_element);
      }
      continue;
    }
    if (!lex::is_token(element)) {
      report(diag, ParseError::token_list_malformed, Severity::fatal, element.data(),
             "'" + std::string(element) + "' is not a token");
      return make_error_code(ParseError::token_list_malformed);
    }
    out.emplace_back(element);
  }
  return out;
}

std::string join_tokens(const std::vector<std::string>& tokens) {
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i != 0) out.append(", ");
    out.append(tokens[i]);
  }
  return out;
}

bool contains_token(const std::vector<std::string>& tokens, std::string_view token) {
  for (const auto& t : tokens) {
    if (iequals(t, token)) return true;
  }
  return false;
}

}  // namespace sipconf::sip
