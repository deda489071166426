#include "sip/transaction/transaction_key.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/parse_error.h"
#include "sip/message/typed_headers.h"

namespace sipconf::sip {
namespace {

constexpr char kSeparator = '\x1f';  // cannot occur in a parsed header value

/// host:port in lower case with the transport's default port filled in, so that
/// `Host:5060` and `host` compare equal as RFC 3261 §18.2.2 treats them alike.
std::string normalized_sent_by(const Via& via) {
  std::string out;
  for (char c : via.host()) out += lex::to_lower(c);
  std::uint16_t port = via.port().value_or(iequals(via.transport(), "TLS") ? 5061 : 5060);
  out += ':';
  out += std::to_string(port);
  return out;
}

}  // namespace

Result<std::string> client_transaction_key(const Message& message) {
  const Result<Via>& via = top_via(message);
  if (!via) return via.error();
  const auto& sequence = cseq(message);
  if (!sequence) return sequence.error();
  auto branch = via->branch();
  if (!branch || branch->empty()) return make_error_code(ParseError::via_malformed);
  std::string key(*branch);
  key += kSeparator;
  key += sequence->method;
  return key;
}

Result<ServerTransactionKey> server_transaction_key(const Message& request,
                                                    std::string_view as_method) {
  const Result<Via>& via = top_via(request);
  if (!via) return via.error();
  std::string_view method = as_method.empty() ? request.method() : as_method;
  if (method == "ACK") method = "INVITE";

  ServerTransactionKey out;
  if (via->has_rfc3261_branch()) {
    out.key = std::string(*via->branch());
    out.key += kSeparator;
    out.key += normalized_sent_by(*via);
    out.key += kSeparator;
    out.key += method;
    return out;
  }

  // §17.2.3, last paragraph: requests from RFC 2543 elements carry no usable branch.
  const auto& sequence = cseq(request);
  if (!sequence) return sequence.error();
  auto id = call_id(request);
  if (!id) return id.error();
  const auto& from_value = from(request);
  if (!from_value) return from_value.error();
  const auto& to_value = to(request);
  if (!to_value) return to_value.error();
  out.rfc3261 = false;
  out.to_tag = std::string(to_value->tag().value_or(""));
  out.key = "2543";
  for (std::string_view part : {request.request_uri_text(), from_value->tag().value_or(""), *id}) {
    out.key += kSeparator;
    out.key += part;
  }
  out.key += kSeparator;
  out.key += std::to_string(sequence->number);
  out.key += kSeparator;
  out.key += method;
  out.key += kSeparator;
  out.key += normalized_sent_by(*via);
  out.key += kSeparator;
  out.key += via->branch().value_or("");
  return out;
}

}  // namespace sipconf::sip
