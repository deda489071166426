#include "sip/message/session_timer.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/param_parser.h"
#include "sip/message/scalar_header.h"

namespace sipconf::sip {
namespace {

// delta-seconds followed by generic parameters.
bool parse_seconds_and_params(std::string_view s, std::uint32_t& seconds, ParamList& params,
                              Diagnostics* diag) {
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  std::size_t start = pos;
  while (pos < s.size() && lex::is_digit(s[pos])) ++pos;
  auto n = parse_delta_seconds(s.substr(start, pos - start), diag);
  if (!n) return false;
  seconds = *n;
  if (parse_generic_params(s, pos, params, diag)) return false;
  lex::skip_lws(s, pos);
  if (pos != s.size()) {
    report(diag, ParseError::header_value_malformed, Severity::fatal, s.data() + pos,
           "unexpected text after delta-seconds");
    return false;
  }
  return true;
}

}  // namespace

Result<SessionExpires> SessionExpires::parse(std::string_view s, Diagnostics* diag) {
  SessionExpires out;
  ParamList all;
  if (!parse_seconds_and_params(s, out.seconds, all, diag)) {
    return make_error_code(ParseError::header_value_malformed);
  }
  for (const auto& p : all) {
    if (iequals(p.name, "refresher")) {
      if (p.value && iequals(*p.value, "uac")) {
        out.refresher = Refresher::uac;
      } else if (p.value && iequals(*p.value, "uas")) {
        out.refresher = Refresher::uas;
      } else {
        report(diag, ParseError::header_value_malformed, Severity::fatal, s.data(),
               "refresher must be uac or uas");
        return make_error_code(ParseError::header_value_malformed);
      }
    } else {
      out.params.append(p);
    }
  }
  return out;
}

std::string SessionExpires::to_string() const {
  std::string out = std::to_string(seconds);
  if (refresher) out.append(*refresher == Refresher::uac ? ";refresher=uac" : ";refresher=uas");
  params.append_to(out);
  return out;
}

Result<MinSE> MinSE::parse(std::string_view s, Diagnostics* diag) {
  MinSE out;
  if (!parse_seconds_and_params(s, out.seconds, out.params, diag)) {
    return make_error_code(ParseError::header_value_malformed);
  }
  return out;
}

std::string MinSE::to_string() const {
  std::string out = std::to_string(seconds);
  params.append_to(out);
  return out;
}

}  // namespace sipconf::sip
