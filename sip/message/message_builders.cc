#include "sip/message/message_builders.h"

#include <string>

#include "sip/base/lexer.h"
#include "sip/message/cseq.h"
#include "sip/message/name_addr.h"

namespace sipconf::sip {
namespace {

std::error_code missing() { return make_error_code(ParseError::header_missing); }

void copy_all(const Message& from, Message& to, HeaderId id) {
  for (std::string_view v : from.header_values(id)) to.append_header(id, v);
}

bool creates_dialog(std::string_view method) {
  return method == "INVITE" || method == "SUBSCRIBE" || method == "REFER";
}

// Shared by ACK and CANCEL: Request-URI, top Via, From, Call-ID, CSeq number, Route.
Result<Message> derived_request(const Message& invite, std::string_view method) {
  if (!invite.is_request()) return std::make_error_code(std::errc::invalid_argument);
  auto via = invite.header(HeaderId::via);
  auto from = invite.header(HeaderId::from);
  auto call_id = invite.header(HeaderId::call_id);
  auto cseq_value = invite.header(HeaderId::cseq);
  if (!via || !from || !call_id || !cseq_value) return missing();
  auto cseq = CSeq::parse(*cseq_value);
  if (!cseq) return cseq.error();
  Message out;
  out.set_method(method);
  out.set_request_uri_text(invite.request_uri_text());
  out.append_header(HeaderId::via, lex::CommaList(*via).front());
  out.append_header(HeaderId::max_forwards, "70");
  out.append_header(HeaderId::from, *from);
  out.append_header(HeaderId::call_id, *call_id);
  out.append_header(HeaderId::cseq, CSeq{cseq->number, std::string(method)}.to_string());
  copy_all(invite, out, HeaderId::route);
  return out;
}

}  // namespace

Result<Message> make_response(const Message& request, int status, std::string_view reason,
                              std::string_view to_tag) {
  if (!request.is_request()) return std::make_error_code(std::errc::invalid_argument);
  auto from = request.header(HeaderId::from);
  auto to = request.header(HeaderId::to);
  auto call_id = request.header(HeaderId::call_id);
  auto cseq = request.header(HeaderId::cseq);
  if (!request.has(HeaderId::via) || !from || !to || !call_id || !cseq) return missing();
  Message out = Message::response(status, reason);
  copy_all(request, out, HeaderId::via);
  if (status / 100 <= 2 && status != 100 && creates_dialog(request.method())) {
    copy_all(request, out, HeaderId::record_route);
  }
  out.append_header(HeaderId::from, *from);
  if (!to_tag.empty() && status != 100) {
    auto to_value = NameAddr::parse(*to);
    if (!to_value) return to_value.error();
    if (!to_value->tag()) {
      to_value->set_tag(to_tag);
      out.append_header(HeaderId::to, to_value->to_string());
    } else {
      out.append_header(HeaderId::to, *to);
    }
  } else {
    out.append_header(HeaderId::to, *to);
  }
  out.append_header(HeaderId::call_id, *call_id);
  out.append_header(HeaderId::cseq, *cseq);
  return out;
}

Result<Message> make_ack_for_non2xx(const Message& invite, const Message& response) {
  auto to = response.header(HeaderId::to);
  if (!to) return missing();
  auto ack = derived_request(invite, "ACK");
  if (!ack) return ack;
  std::size_t cseq_at = ack->find(HeaderId::cseq);
  ack->insert_header_at(cseq_at, canonical_name(HeaderId::to), *to);
  return ack;
}

Result<Message> make_cancel(const Message& invite) {
  auto to = invite.header(HeaderId::to);
  if (!to) return missing();
  auto cancel = derived_request(invite, "CANCEL");
  if (!cancel) return cancel;
  std::size_t cseq_at = cancel->find(HeaderId::cseq);
  cancel->insert_header_at(cseq_at, canonical_name(HeaderId::to), *to);
  return cancel;
}

}  // namespace sipconf::sip
