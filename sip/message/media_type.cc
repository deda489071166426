#include "sip/message/media_type.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/param_parser.h"

namespace sipconf::sip {
namespace {

Result<MediaType> malformed(Diagnostics* diag, const char* at, std::string_view detail) {
  report(diag, ParseError::media_type_malformed, Severity::fatal, at, detail);
  return make_error_code(ParseError::media_type_malformed);
}

}  // namespace

Result<MediaType> MediaType::parse(std::string_view s, Diagnostics* diag) {
  MediaType out;
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  out.type = lex::scan_token(s, pos);
  lex::skip_lws(s, pos);
  if (out.type.empty() || pos >= s.size() || s[pos] != '/') {
    return malformed(diag, s.data() + pos, "expected type/subtype");
  }
  ++pos;
  lex::skip_lws(s, pos);
  out.subtype = lex::scan_token(s, pos);
  if (out.subtype.empty()) return malformed(diag, s.data() + pos, "expected subtype");
  if (auto ec = parse_generic_params(s, pos, out.params, diag)) return ec;
  lex::skip_lws(s, pos);
  if (pos != s.size()) return malformed(diag, s.data() + pos, "unexpected text in media type");
  return out;
}

bool MediaType::matches(std::string_view t, std::string_view st) const {
  return (type == "*" || iequals(type, t)) && (subtype == "*" || iequals(subtype, st));
}

std::string MediaType::to_string() const {
  std::string out = type + "/" + subtype;
  params.append_to(out);
  return out;
}

Result<std::vector<MediaType>> parse_media_range_list(std::string_view text, Diagnostics* diag) {
  std::vector<MediaType> out;
  if (lex::trim_lws(text).empty()) return out;
  for (std::string_view element : lex::CommaList(text)) {
    if (element.empty()) {
      if (!report(diag, ParseError::empty_list_element, Severity::tolerated, element.data(),
                  "empty list element")) {
        return make_error_code(ParseError::empty_list_element);
      }
      continue;
    }
    auto m = MediaType::parse(element, diag);
    if (!m) return m.error();
    out.push_back(std::move(*m));
  }
  return out;
}

}  // namespace sipconf::sip
