#include "sip/dialog.h"

#include <algorithm>
#include <functional>

#include "sip/cseq.h"
#include "sip/parse_error.h"
#include "sip/typed_headers.h"

namespace sipconf::sip {
namespace {

std::error_code invalid() { return std::make_error_code(std::errc::invalid_argument); }

/// The first Contact URI, if any: the remote (or local) target.
std::optional<NameAddr> first_contact(const Message& m) {
  auto list = contacts(m);
  if (!list || list->star || list->contacts.empty()) return std::nullopt;
  return list->contacts.front();
}

std::vector<NameAddr> record_route_list(const Message& m) {
  auto list = record_routes(m);
  return list ? std::move(*list) : std::vector<NameAddr>();
}

/// §12.2.1.1 strict routing: the Request-URI may not carry headers or a method parameter.
Uri request_uri_form(Uri uri) {
  uri.headers().clear();
  uri.params().remove("method");
  return uri;
}

void hash_combine(std::size_t& seed, std::size_t value) {
  seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

}  // namespace

std::size_t DialogIdHash::operator()(const DialogId& id) const noexcept {
  std::hash<std::string> h;
  std::size_t seed = h(id.call_id);
  hash_combine(seed, h(id.local_tag));
  hash_combine(seed, h(id.remote_tag));
  return seed;
}

Result<DialogId> dialog_id_of_request(const Message& request) {
  auto id = call_id(request);
  if (!id) return id.error();
  auto to_value = to(request);
  if (!to_value) return to_value.error();
  auto from_value = from(request);
  if (!from_value) return from_value.error();
  return DialogId{std::string(*id), std::string(to_value->tag().value_or("")),
                  std::string(from_value->tag().value_or(""))};
}

Result<DialogId> dialog_id_of_response(const Message& response) {
  auto id = call_id(response);
  if (!id) return id.error();
  auto to_value = to(response);
  if (!to_value) return to_value.error();
  auto from_value = from(response);
  if (!from_value) return from_value.error();
  return DialogId{std::string(*id), std::string(from_value->tag().value_or("")),
                  std::string(to_value->tag().value_or(""))};
}

std::string_view to_string(DialogState state) {
  switch (state) {
    case DialogState::early:
      return "early";
    case DialogState::confirmed:
      return "confirmed";
    case DialogState::terminated:
      return "terminated";
  }
  return "unknown";
}

bool is_target_refresh(std::string_view method) {
  return method == "INVITE" || method == "UPDATE" || method == "SUBSCRIBE" || method == "NOTIFY";
}

Result<Dialog> Dialog::from_uac(const Message& request, const Message& response, bool over_tls) {
  if (!request.is_request() || !response.is_response()) return invalid();
  const int status = response.status_code();
  if (status <= 100 || status >= 300) return invalid();
  auto id = call_id(request);
  if (!id) return id.error();
  auto local = from(request);
  if (!local) return local.error();
  auto remote = to(response);
  if (!remote) return remote.error();
  auto sequence = cseq(request);
  if (!sequence) return sequence.error();
  auto ruri = request.request_uri();
  if (!ruri) return ruri.error();
  // A provisional response creates a dialog only with a To tag; a 2xx from an RFC 2543 UAS
  // may lack one, and the remote tag is then empty (§12.1.2).
  const std::string remote_tag(remote->tag().value_or(""));
  if (!local->tag() || (status < 200 && remote_tag.empty())) {
    return make_error_code(ParseError::header_value_malformed);
  }

  Dialog d;
  d.role_ = DialogRole::uac;
  d.state_ = status < 200 ? DialogState::early : DialogState::confirmed;
  d.id_ = DialogId{std::string(*id), std::string(*local->tag()), remote_tag};
  d.local_uri_ = std::move(*local);
  d.remote_uri_ = std::move(*remote);
  d.local_cseq_ = sequence->number;
  d.first_local_cseq_ = sequence->number;
  d.set_route_set(response, true);
  auto target = first_contact(response);
  d.remote_target_ = target ? target->uri() : *ruri;
  d.local_target_ = first_contact(request);
  d.secure_ = over_tls && ruri->scheme() == UriScheme::sips;
  d.invite_out_ = status < 200 && request.method() == "INVITE";
  return d;
}

Result<Dialog> Dialog::from_uas(const Message& request, const Message& response, bool over_tls,
                                std::uint32_t first_local_cseq) {
  if (!request.is_request() || !response.is_response()) return invalid();
  const int status = response.status_code();
  if (status <= 100 || status >= 300) return invalid();
  auto id = call_id(request);
  if (!id) return id.error();
  auto remote = from(request);
  if (!remote) return remote.error();
  auto local = to(response);
  if (!local) return local.error();
  auto sequence = cseq(request);
  if (!sequence) return sequence.error();
  auto ruri = request.request_uri();
  if (!ruri) return ruri.error();
  if (!local->tag() || local->tag()->empty()) {
    return make_error_code(ParseError::header_value_malformed);
  }

  Dialog d;
  d.role_ = DialogRole::uas;
  d.state_ = status < 200 ? DialogState::early : DialogState::confirmed;
  // An RFC 2543 peer may send no From tag; the remote tag is then empty (§12.1.1).
  d.id_ = DialogId{std::string(*id), std::string(*local->tag()),
                   std::string(remote->tag().value_or(""))};
  d.local_uri_ = std::move(*local);
  d.remote_uri_ = std::move(*remote);
  d.first_local_cseq_ = std::clamp<std::uint32_t>(first_local_cseq, 1, (1u << 31) - 1);
  d.remote_cseq_ = sequence->number;
  d.set_route_set(request, false);
  auto target = first_contact(request);
  d.remote_target_ = target ? target->uri() : d.remote_uri_.uri();
  d.local_target_ = first_contact(response);
  d.secure_ = over_tls && ruri->scheme() == UriScheme::sips;
  d.invite_in_ = status < 200 && request.method() == "INVITE";
  return d;
}

void Dialog::set_route_set(const Message& m, bool reverse) {
  route_set_ = record_route_list(m);
  if (reverse) std::reverse(route_set_.begin(), route_set_.end());
}

const Uri& Dialog::next_hop() const {
  return route_set_.empty() ? remote_target_ : route_set_.front().uri();
}

std::error_code Dialog::confirm(const Message& response_2xx) {
  const int status = response_2xx.status_code();
  if (status < 200 || status >= 300) return invalid();
  if (state_ == DialogState::terminated) return invalid();
  if (state_ == DialogState::early) {
    state_ = DialogState::confirmed;
    if (role_ == DialogRole::uac) set_route_set(response_2xx, true);
  }
  if (auto target = first_contact(response_2xx)) remote_target_ = target->uri();
  invite_out_ = false;
  return {};
}

namespace {

/// Request-URI and Route lines for a request in a dialog (§12.2.1.1).
void route_request(Message& m, const std::vector<NameAddr>& route_set, const Uri& remote_target) {
  if (route_set.empty()) {
    m.set_request_uri(remote_target);
    return;
  }
  if (route_set.front().uri().has_param("lr")) {
    m.set_request_uri(remote_target);
    for (const NameAddr& r : route_set) m.append_header(HeaderId::route, r.to_string());
    return;
  }
  // Strict routing: the first route becomes the Request-URI and the remote target the
  // last Route.
  m.set_request_uri(request_uri_form(route_set.front().uri()));
  for (std::size_t i = 1; i < route_set.size(); ++i) {
    m.append_header(HeaderId::route, route_set[i].to_string());
  }
  m.append_header(HeaderId::route, NameAddr(remote_target).to_string());
}

}  // namespace

Message Dialog::make_request(std::string_view method) {
  Message m = Message::request(method, remote_target_);
  route_request(m, route_set_, remote_target_);
  m.append_header(HeaderId::max_forwards, "70");
  m.append_header(HeaderId::from, local_uri_.to_string());
  m.append_header(HeaderId::to, remote_uri_.to_string());
  m.append_header(HeaderId::call_id, id_.call_id);
  const std::uint32_t number = local_cseq_ ? *local_cseq_ + 1 : first_local_cseq_;
  local_cseq_ = number;
  m.append_header(HeaderId::cseq, CSeq{number, std::string(method)}.to_string());
  if (local_target_ && (is_target_refresh(method) || method == "REFER")) {
    m.append_header(HeaderId::contact, local_target_->to_string());
  }
  if (method == "INVITE") invite_out_ = true;
  return m;
}

const Message& Dialog::ack_for(const Message& response_2xx, const Via& via, std::string_view body,
                               std::string_view content_type) {
  auto sequence = cseq(response_2xx);
  const std::uint32_t number = sequence ? sequence->number : local_cseq_.value_or(1);
  if (ack_cseq_ == number) return ack_;
  Message m = Message::request("ACK", remote_target_);
  route_request(m, route_set_, remote_target_);
  push_via(m, via);
  m.append_header(HeaderId::max_forwards, "70");
  m.append_header(HeaderId::from, local_uri_.to_string());
  m.append_header(HeaderId::to, remote_uri_.to_string());
  m.append_header(HeaderId::call_id, id_.call_id);
  m.append_header(HeaderId::cseq, CSeq{number, "ACK"}.to_string());
  if (!body.empty()) m.set_body(body, content_type);
  ack_ = std::move(m);
  ack_cseq_ = number;
  return ack_;
}

DialogRequestCheck Dialog::on_request(const Message& request) {
  const std::string_view method = request.method();
  if (method == "ACK" || method == "CANCEL") return {};
  auto sequence = cseq(request);
  if (!sequence) return {400, "Bad CSeq", false};
  if (remote_cseq_ && sequence->number < *remote_cseq_) {
    return {500, "CSeq Out of Order", false};
  }
  remote_cseq_ = sequence->number;
  if (method == "INVITE") {
    if (invite_out_) return {491, "Request Pending", false};
    if (invite_in_) return {500, "Server Internal Error", true};
    invite_in_ = true;
  }
  return {};
}

void Dialog::on_response_sent(const Message& request, const Message& response) {
  const int status = response.status_code();
  if (status < 200) return;
  const std::string_view method = request.method();
  const bool success = status < 300;
  if (method == "INVITE") {
    invite_in_ = false;
    if (state_ == DialogState::early)
      state_ = success ? DialogState::confirmed : DialogState::terminated;
  }
  if (success && is_target_refresh(method)) {
    if (auto target = first_contact(request)) remote_target_ = target->uri();
  }
  if (method == "BYE") state_ = DialogState::terminated;
}

void Dialog::on_response(const Message& request, const Message& response) {
  const int status = response.status_code();
  if (status < 200) return;
  const std::string_view method = request.method();
  if (method == "INVITE") invite_out_ = false;
  if (status == 481 || status == 408 || method == "BYE") {
    state_ = DialogState::terminated;
    return;
  }
  if (status < 300 && is_target_refresh(method)) {
    if (auto target = first_contact(response)) remote_target_ = target->uri();
  }
}

}  // namespace sipconf::sip
