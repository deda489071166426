#include "sip/message/header_validation.h"

#include "sip/base/lexer.h"
#include "sip/message/contact.h"
#include "sip/message/cseq.h"
#include "sip/message/media_type.h"
#include "sip/message/name_addr.h"
#include "sip/message/rack.h"
#include "sip/message/reason.h"
#include "sip/message/replaces.h"
#include "sip/message/scalar_header.h"
#include "sip/message/session_timer.h"
#include "sip/message/sip_date.h"
#include "sip/message/token_list.h"
#include "sip/message/via.h"

namespace sipconf::sip {
namespace {

template <class T>
std::string join(const std::vector<T>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out.append(", ");
    out.append(values[i].to_string());
  }
  return out;
}

// Wraps a typed parse: on success with deviations, `rewrite` yields the well-formed text.
template <class R, class Rewrite>
HeaderCheck finish(const R& result, const Diagnostics& diag, Rewrite rewrite) {
  HeaderCheck out;
  if (!result) {
    out.ok = false;
    return out;
  }
  if (diag.needs_rewrite()) {
    out.repair = Repair::rewrite;
    out.rewritten = rewrite(*result);
  }
  return out;
}

// Route, Record-Route, History-Info and Diversion allow only the name-addr form: without <>
// their parameters would change meaning.
bool require_brackets(std::string_view value, Diagnostics& diag) {
  for (std::string_view element : lex::CommaList(value)) {
    if (!element.empty() && element.find('<') == std::string_view::npos) {
      diag.report(ParseError::name_addr_malformed, Severity::fatal, element.data(),
                  "this header needs <URI>");
      return false;
    }
  }
  return true;
}

HeaderCheck check_call_id(std::string_view value, Diagnostics& diag) {
  std::string_view v = lex::trim_lws(value);
  std::size_t at = v.find('@');
  auto word = [](std::string_view w) { return lex::all_of(w, lex::kWord); };
  bool ok =
      at == std::string_view::npos ? word(v) : word(v.substr(0, at)) && word(v.substr(at + 1));
  if (!ok) {
    diag.report(ParseError::header_value_malformed, Severity::fatal, v.data(),
                "Call-ID is not word[@word]");
  }
  return {ok, Repair::keep, {}};
}

HeaderCheck check_text(std::string_view value, Diagnostics& diag) {
  HeaderCheck out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\r' || c == '\n') {
      std::size_t p = i;
      if (lex::skip_lws(value, p)) {
        i = p - 1;
        continue;
      }
    }
    if (!lex::is_ctl(c)) continue;
    if (!diag.report(ParseError::header_value_invalid, Severity::tolerated, value.data() + i,
                     "control character in header value")) {
      out.ok = false;
      return out;
    }
    out.repair = Repair::rewrite;
    for (char k : value) out.rewritten.push_back(lex::is_ctl(k) ? ' ' : k);
    return out;
  }
  return out;
}

HeaderCheck check_name_addr_list(std::string_view value, Diagnostics& diag, bool brackets) {
  if (brackets && !require_brackets(value, diag)) return {false, Repair::keep, {}};
  auto list = parse_name_addr_list(value, &diag);
  return finish(list, diag, [](const auto& v) { return join(v); });
}

}  // namespace

HeaderCheck check_header_value(HeaderId id, std::string_view value, Diagnostics& diag) {
  auto to_string = [](const auto& v) { return v.to_string(); };
  switch (id) {
    case HeaderId::via: {
      auto r = parse_via_list(value, &diag);
      return finish(r, diag, [](const auto& v) { return join(v); });
    }
    case HeaderId::from:
    case HeaderId::to:
    case HeaderId::refer_to:
    case HeaderId::referred_by:
    case HeaderId::reply_to:
      return finish(NameAddr::parse(value, &diag), diag, to_string);
    case HeaderId::contact:
      return finish(parse_contact_list(value, &diag), diag, to_string);
    case HeaderId::route:
    case HeaderId::record_route:
    case HeaderId::history_info:
    case HeaderId::diversion:
      return check_name_addr_list(value, diag, true);
    case HeaderId::p_asserted_identity:
    case HeaderId::p_preferred_identity:
      return check_name_addr_list(value, diag, false);
    case HeaderId::cseq:
      return finish(CSeq::parse(value, &diag), diag, to_string);
    case HeaderId::call_id:
      return check_call_id(value, diag);
    case HeaderId::max_forwards: {
      auto r = parse_max_forwards(value, &diag);
      HeaderCheck out = finish(r, diag, [](auto v) { return std::to_string(v); });
      // RFC 4475 scalar02: an out-of-range Max-Forwards is treated as absent.
      if (out.ok && out.repair == Repair::rewrite) out.repair = Repair::remove;
      return out;
    }
    case HeaderId::expires:
    case HeaderId::min_expires:
      return finish(parse_delta_seconds(value, &diag), diag,
                    [](auto v) { return std::to_string(v); });
    case HeaderId::content_type:
      return finish(MediaType::parse(value, &diag), diag, to_string);
    case HeaderId::accept: {
      auto r = parse_media_range_list(value, &diag);
      return finish(r, diag, [](const auto& v) { return join(v); });
    }
    case HeaderId::require:
    case HeaderId::supported:
    case HeaderId::proxy_require:
    case HeaderId::unsupported:
    case HeaderId::allow:
    case HeaderId::allow_events:
      return finish(parse_token_list(value, &diag), diag,
                    [](const auto& v) { return join_tokens(v); });
    case HeaderId::session_expires:
      return finish(SessionExpires::parse(value, &diag), diag, to_string);
    case HeaderId::min_se:
      return finish(MinSE::parse(value, &diag), diag, to_string);
    case HeaderId::reason: {
      auto r = parse_reason_list(value, &diag);
      return finish(r, diag, [](const auto& v) { return join(v); });
    }
    case HeaderId::replaces:
      return finish(Replaces::parse(value, &diag), diag, to_string);
    case HeaderId::rack:
      return finish(RAck::parse(value, &diag), diag, to_string);
    case HeaderId::rseq:
      return finish(parse_rseq(value, &diag), diag, [](auto v) { return std::to_string(v); });
    case HeaderId::date: {
      auto r = parse_sip_date(value, &diag);
      if (!r && !diag.failed()) return {true, Repair::remove, {}};  // lenient: drop a bad Date
      return finish(r, diag, [](auto t) { return format_sip_date(t); });
    }
    case HeaderId::content_length:
      return {};
    default:
      return check_text(value, diag);
  }
}

}  // namespace sipconf::sip
