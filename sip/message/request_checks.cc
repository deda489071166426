#include "sip/message/request_checks.h"

#include <array>

#include "sip/message/header_names.h"
#include "sip/message/status_codes.h"
#include "sip/message/token_list.h"
#include "sip/message/typed_headers.h"

namespace sipconf::sip {
namespace {

RequestCheck reject(int status, std::string detail) {
  RequestCheck c;
  c.status = status;
  c.reason = default_reason_phrase(status);
  c.detail = std::move(detail);
  return c;
}

constexpr std::array kRequired = {HeaderId::to, HeaderId::from, HeaderId::call_id, HeaderId::cseq,
                                  HeaderId::via};

bool contains(const std::vector<std::string>& list, std::string_view value) {
  return contains_token(list, value);
}

std::optional<RequestCheck> check_headers(const Message& m) {
  for (HeaderId id : kRequired) {
    if (!m.has(id)) return reject(400, "Missing " + std::string(canonical_name(id)) + " header");
  }
  for (std::size_t i = 0; i < kHeaderIdCount; ++i) {
    auto id = static_cast<HeaderId>(i);
    if (id == HeaderId::unknown || !header_info(id).single) continue;
    if (m.count(id) > 1) {
      return reject(400, "Multiple " + std::string(canonical_name(id)) + " headers");
    }
  }
  // Values the element needs to process the request at all.
  const Result<Via>& top = top_via(m);
  if (!top) return reject(400, "Malformed Via");
  auto b = top->branch();
  if (b && *b == kBranchMagicCookie) {
    return reject(400, "Via branch is only the magic cookie (no transaction id)");
  }
  if (!from(m)) return reject(400, "Malformed From");
  if (!to(m)) return reject(400, "Malformed To");
  if (!cseq(m)) return reject(400, "Malformed CSeq");
  if (!call_id(m)) return reject(400, "Malformed Call-ID");
  return std::nullopt;
}

}  // namespace

RequestCheck check_request_semantics(const Message& m, const RequestPolicy& policy) {
  if (!m.is_request()) return reject(400, "Not a request");
  if (auto bad = check_headers(m)) return *bad;

  std::string_view method = m.method();
  bool is_ack_or_cancel = method == "ACK" || method == "CANCEL";
  if (policy.role != ElementRole::proxy && !policy.allowed_methods.empty()) {
    bool listed = false;  // methods compare case-sensitively (RFC 3261 §7.1)
    for (const auto& a : policy.allowed_methods) listed = listed || a == method;
    if (!listed) {
      RequestCheck c = reject(is_known_method(method) ? 405 : 501,
                              "Method '" + std::string(method) + "' is not supported here");
      c.allow = policy.allowed_methods;
      return c;
    }
  }

  auto uri = m.request_uri();
  if (!uri) return reject(400, "Malformed Request-URI");
  if (!contains(policy.supported_schemes, uri->scheme_name())) {
    return reject(416, "Request-URI scheme '" + std::string(uri->scheme_name()) + "'");
  }

  if (m.has(HeaderId::max_forwards)) {
    auto mf = max_forwards(m);
    if (!mf) return reject(400, "Malformed Max-Forwards");
    if (*mf == 0 && policy.role == ElementRole::proxy) {
      return reject(483, "Max-Forwards is 0");
    }
  }

  HeaderId require_id =
      policy.role == ElementRole::proxy ? HeaderId::proxy_require : HeaderId::require;
  if (!is_ack_or_cancel) {
    auto required = token_list(m, require_id);
    if (!required) return reject(400, "Malformed " + std::string(canonical_name(require_id)));
    std::vector<std::string> unsupported;
    for (const auto& tag : *required) {
      if (!contains(policy.supported_extensions, tag)) unsupported.push_back(tag);
    }
    if (!unsupported.empty()) {
      RequestCheck c = reject(420, "Unsupported " + std::string(canonical_name(require_id)) + ": " +
                                       join_tokens(unsupported));
      c.unsupported = std::move(unsupported);
      return c;
    }
  }

  if (policy.role == ElementRole::registrar && method == "REGISTER") {
    const auto& to_value = to(m);
    if (!to_value->uri().is_sip_or_sips()) {
      return reject(400, "To of a REGISTER must be a SIP or SIPS URI");
    }
  }

  if (policy.role != ElementRole::proxy && !m.body().empty() && !is_ack_or_cancel) {
    auto type = content_type(m);
    if (!policy.accepted_content_types.empty()) {
      bool understood = false;
      if (type) {
        for (const auto& t : policy.accepted_content_types) {
          auto slash = t.find('/');
          if (slash != std::string::npos && type->matches(std::string_view(t).substr(0, slash),
                                                          std::string_view(t).substr(slash + 1))) {
            understood = true;
          }
        }
      }
      if (!understood) {
        RequestCheck c = reject(415, "Content-Type " + (type ? type->to_string() : "missing"));
        c.accept = policy.accepted_content_types;
        return c;
      }
    }
    // An offer the UAS may not answer in a type the UAC accepts (RFC 4475 sdp01).
    auto ranges = accept(m);
    if (method == "INVITE" && type && ranges && m.has(HeaderId::accept)) {
      bool acceptable = false;
      for (const auto& r : *ranges) acceptable = acceptable || r.matches(type->type, type->subtype);
      if (!acceptable) {
        return reject(406, "Accept does not include " + type->type + "/" + type->subtype);
      }
    }
  }
  return {};
}

}  // namespace sipconf::sip
