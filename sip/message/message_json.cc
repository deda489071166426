#include "sip/message/message_json.h"

#include "sip/message/contact.h"
#include "sip/message/cseq.h"
#include "sip/message/diagnostics.h"
#include "sip/message/media_type.h"
#include "sip/message/name_addr.h"
#include "sip/message/rack.h"
#include "sip/message/reason.h"
#include "sip/message/replaces.h"
#include "sip/message/scalar_header.h"
#include "sip/message/session_timer.h"
#include "sip/message/token_list.h"
#include "sip/message/via.h"

namespace sipconf::sip {
namespace {

using nlohmann::json;

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  unsigned min = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0xFF >> (n + 1));
  for (std::size_t k = 1; k < n; ++k) {
    auto d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

json params_json(const ParamList& params) {
  json out = json::array();
  for (const auto& p : params) {
    json j = {{"name", json_safe(p.name)}};
    j["value"] = p.value ? json(json_safe(*p.value)) : json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

json uri_json(const Uri& u) {
  json j = {{"scheme", json_safe(u.scheme_name())}};
  if (u.scheme() == UriScheme::other) {
    j["opaque"] = json_safe(u.opaque());
    return j;
  }
  if (u.has_user()) {
    j["user"] = json_safe(u.user());
    j["user_unescaped"] = json_safe(u.user_unescaped());
  }
  if (u.password()) j["password"] = json_safe(*u.password());
  if (u.scheme() != UriScheme::tel) {
    j["host"] = json_safe(u.host());
    if (u.port()) j["port"] = *u.port();
  }
  if (!u.params().empty()) j["params"] = params_json(u.params());
  if (!u.headers().empty()) {
    json h = json::array();
    for (const auto& p : u.headers()) {
      h.push_back({{"name", json_safe(p.name)}, {"value", json_safe(p.value.value_or(""))}});
    }
    j["headers"] = std::move(h);
  }
  return j;
}

json name_addr_json(const NameAddr& n) {
  json j = {{"display_name", json_safe(n.display_name())}, {"uri", uri_json(n.uri())}};
  if (!n.params().empty()) j["params"] = params_json(n.params());
  return j;
}

template <class T, class F>
json list_json(const std::vector<T>& values, F f) {
  json out = json::array();
  for (const auto& v : values) out.push_back(f(v));
  return out;
}

json via_json(const Via& v) {
  json j = {{"protocol", v.protocol_name() + "/" + v.protocol_version()},
            {"transport", v.transport()},
            {"host", v.host()}};
  if (v.port()) j["port"] = *v.port();
  if (!v.params().empty()) j["params"] = params_json(v.params());
  return j;
}

// The typed parse of a known header's value, or null when the header has no typed form.
// Parsed leniently so that the dump shows what an element would work with.
json typed_json(HeaderId id, std::string_view value) {
  Diagnostics d(ParseMode::lenient);
  auto err = [](std::error_code ec) { return json{{"error", parse_error_name(ec)}}; };
  auto name_addr_list = [&](std::string_view v) -> json {
    auto r = parse_name_addr_list(v, &d);
    return r ? list_json(*r, name_addr_json) : err(r.error());
  };
  switch (id) {
    case HeaderId::via: {
      auto r = parse_via_list(value, &d);
      return r ? list_json(*r, via_json) : err(r.error());
    }
    case HeaderId::from:
    case HeaderId::to:
    case HeaderId::refer_to:
    case HeaderId::referred_by: {
      auto r = NameAddr::parse(value, &d);
      return r ? name_addr_json(*r) : err(r.error());
    }
    case HeaderId::contact: {
      auto r = parse_contact_list(value, &d);
      if (!r) return err(r.error());
      if (r->star) return "*";
      return list_json(r->contacts, name_addr_json);
    }
    case HeaderId::route:
    case HeaderId::record_route:
    case HeaderId::p_asserted_identity:
    case HeaderId::p_preferred_identity:
    case HeaderId::history_info:
    case HeaderId::diversion:
      return name_addr_list(value);
    case HeaderId::cseq: {
      auto r = CSeq::parse(value, &d);
      return r ? json{{"number", r->number}, {"method", json_safe(r->method)}} : err(r.error());
    }
    case HeaderId::max_forwards: {
      auto r = parse_max_forwards(value, &d);
      return r ? json(*r) : err(r.error());
    }
    case HeaderId::content_length: {
      auto r = parse_content_length(value, &d);
      return r ? json(*r) : err(r.error());
    }
    case HeaderId::expires:
    case HeaderId::min_expires: {
      auto r = parse_delta_seconds(value, &d);
      return r ? json(*r) : err(r.error());
    }
    case HeaderId::content_type: {
      auto r = MediaType::parse(value, &d);
      return r ? json{{"type", r->type},
                      {"subtype", r->subtype},
                      {"params", params_json(r->params)}}
               : err(r.error());
    }
    case HeaderId::require:
    case HeaderId::supported:
    case HeaderId::proxy_require:
    case HeaderId::unsupported:
    case HeaderId::allow: {
      auto r = parse_token_list(value, &d);
      return r ? json(*r) : err(r.error());
    }
    case HeaderId::session_expires: {
      auto r = SessionExpires::parse(value, &d);
      if (!r) return err(r.error());
      json j = {{"seconds", r->seconds}};
      if (r->refresher) j["refresher"] = *r->refresher == Refresher::uac ? "uac" : "uas";
      return j;
    }
    case HeaderId::min_se: {
      auto r = MinSE::parse(value, &d);
      return r ? json{{"seconds", r->seconds}} : err(r.error());
    }
    case HeaderId::reason: {
      auto r = parse_reason_list(value, &d);
      if (!r) return err(r.error());
      return list_json(*r, [](const Reason& x) {
        return json{{"protocol", x.protocol}, {"params", params_json(x.params)}};
      });
    }
    case HeaderId::replaces: {
      auto r = Replaces::parse(value, &d);
      return r ? json{{"call_id", json_safe(r->call_id)}, {"params", params_json(r->params)}}
               : err(r.error());
    }
    case HeaderId::rack: {
      auto r = RAck::parse(value, &d);
      return r ? json{{"rseq", r->rseq}, {"cseq", r->cseq}, {"method", r->method}} : err(r.error());
    }
    case HeaderId::rseq: {
      auto r = parse_rseq(value, &d);
      return r ? json(*r) : err(r.error());
    }
    default:
      return nullptr;
  }
}

}  // namespace

std::string json_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = utf8_length(text, i);
    if (n == 0) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      auto u = static_cast<unsigned char>(text[i]);
      out.append("\\x");
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

json to_json(const Message& m) {
  json j;
  if (m.is_request()) {
    j["kind"] = "request";
    j["method"] = json_safe(m.method());
    j["request_uri"] = json_safe(m.request_uri_text());
    auto uri = m.request_uri();
    j["request_uri_parsed"] = uri ? uri_json(*uri) : json{{"error", parse_error_name(uri.error())}};
  } else {
    j["kind"] = "response";
    j["status"] = m.status_code();
    j["reason"] = json_safe(m.reason_phrase());
  }
  j["version"] = json_safe(m.version());
  json headers = json::array();
  for (const HeaderField& f : m.headers()) {
    json h = {{"name", json_safe(f.name)}, {"value", json_safe(f.value)}};
    if (f.id != HeaderId::unknown) {
      h["canonical"] = canonical_name(f.id);
      json typed = typed_json(f.id, f.value);
      if (!typed.is_null()) h["parsed"] = std::move(typed);
    }
    headers.push_back(std::move(h));
  }
  j["headers"] = std::move(headers);
  j["body"] = {{"length", m.body().size()}, {"text", json_safe(m.body())}};
  return j;
}

json to_json(const ParseResult& r) {
  json j;
  j["valid"] = r.ok();
  j["error"] = r.ok() ? json(nullptr) : json(parse_error_name(r.error));
  if (!r.ok()) j["error_message"] = r.error.message();
  SuggestedResponse s = r.suggested_response();
  if (!r.ok()) {
    j["suggested_response"] =
        s.drop() ? json("drop") : json{{"status", s.status}, {"reason", s.reason}};
  }
  json violations = json::array();
  for (const auto& v : r.violations) {
    violations.push_back({{"code", parse_error_name(v.code)},
                          {"severity", severity_name(v.severity)},
                          {"header", json_safe(v.header)},
                          {"offset", v.offset},
                          {"line", v.line},
                          {"column", v.column},
                          {"detail", json_safe(v.detail)}});
  }
  j["violations"] = std::move(violations);
  if (r.violations_dropped != 0) j["violations_dropped"] = r.violations_dropped;
  if (r.trailing_bytes != 0) j["trailing_bytes"] = r.trailing_bytes;
  j["message"] = r.message ? to_json(*r.message) : json(nullptr);
  return j;
}

}  // namespace sipconf::sip
