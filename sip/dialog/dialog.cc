#include "sip/dialog/dialog.h"

#include <algorithm>
#include <functional>

#include "sip/message/cseq.h"
#include "sip/message/parse_error.h"
#include "sip/message/typed_headers.h"

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
  const auto& to_value = to(request);
  if (!to_value) return to_value.error();
  const auto& from_value = from(request);
  if (!from_value) return from_value.error();
  return DialogId{std::string(*id), std::string(to_value->tag().value_or("")),
                  std::string(from_value->tag().value_or(""))};
}

Result<DialogId> dialog_id_of_response(const Message& response) {
  auto id = call_id(response);
  if (!id) return id.error();
  const auto& to_value = to(response);
  if (!to_value) return to_value.error();
  const auto& from_value = from(response);
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
  const auto& local = from(request);
  if (!local) return local.error();
  const auto& remote = to(response);
  if (!remote) return remote.error();
  const auto& sequence = cseq(request);
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
  d.local_cseq_ = sequence->number;
  d.first_local_cseq_ = sequence->number;
  auto target = first_contact(response);
  auto local_target = first_contact(request);
  d.init_parts(local->to_string(), remote->to_string(),
               target ? target->uri().to_string() : ruri->to_string(),
               local_target ? std::optional<std::string>(local_target->to_string()) : std::nullopt);
  d.set_route_set(response, true);
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
  const auto& remote = from(request);
  if (!remote) return remote.error();
  const auto& local = to(response);
  if (!local) return local.error();
  const auto& sequence = cseq(request);
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
  d.first_local_cseq_ = std::clamp<std::uint32_t>(first_local_cseq, 1, (1u << 31) - 1);
  d.remote_cseq_ = sequence->number;
  auto target = first_contact(request);
  auto local_target = first_contact(response);
  d.init_parts(local->to_string(), remote->to_string(),
               target ? target->uri().to_string() : remote->uri().to_string(),
               local_target ? std::optional<std::string>(local_target->to_string()) : std::nullopt);
  d.set_route_set(request, false);
  d.secure_ = over_tls && ruri->scheme() == UriScheme::sips;
  d.invite_in_ = status < 200 && request.method() == "INVITE";
  return d;
}

std::string_view Dialog::part(std::size_t index) const {
  const auto end_of = [this](std::size_t i) -> std::size_t {
    return i < kFixedParts ? part_ends_[i] : route_ends_[i - kFixedParts];
  };
  const std::size_t begin = index == 0 ? 0 : end_of(index - 1);
  return std::string_view(text_).substr(begin, end_of(index) - begin);
}

NameAddr Dialog::name_addr_at(std::size_t index) const {
  // The text is our own serialization of a parsed value, so it parses again.
  NameAddr out;
  NameAddr::parse_into(part(index), out);
  return out;
}

std::vector<NameAddr> Dialog::route_set() const {
  std::vector<NameAddr> out;
  out.reserve(route_ends_.size());
  for (std::size_t i = 0; i < route_ends_.size(); ++i) out.push_back(name_addr_at(kFixedParts + i));
  return out;
}

Uri Dialog::remote_target() const {
  Uri out;
  Uri::parse_into(part(kRemoteTarget), out);
  return out;
}

std::optional<NameAddr> Dialog::local_target() const {
  if (!has_local_target_) return std::nullopt;
  return name_addr_at(kLocalTarget);
}

void Dialog::init_parts(std::string_view local, std::string_view remote, std::string_view target,
                        std::optional<std::string_view> local_target) {
  has_local_target_ = local_target.has_value();
  const std::string_view parts[kFixedParts] = {local, remote, target, local_target.value_or("")};
  std::size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  text_.clear();
  text_.reserve(total);
  for (std::size_t i = 0; i < kFixedParts; ++i) {
    text_.append(parts[i]);
    part_ends_[i] = static_cast<std::uint32_t>(text_.size());
  }
  route_ends_.clear();
}

void Dialog::store(std::optional<std::string_view> remote_target,
                   const std::vector<std::string>* routes) {
  std::string_view parts[kFixedParts] = {part(kLocalUri), part(kRemoteUri),
                                         remote_target.value_or(part(kRemoteTarget)),
                                         part(kLocalTarget)};
  std::vector<std::string_view> route_parts;
  if (routes != nullptr) {
    route_parts.assign(routes->begin(), routes->end());
  } else {
    for (std::size_t i = 0; i < route_ends_.size(); ++i) route_parts.push_back(route_text(i));
  }
  std::size_t total = 0;
  for (std::string_view p : parts) total += p.size();
  for (std::string_view p : route_parts) total += p.size();
  // Built aside: the parts may view the old text.
  std::string text;
  text.reserve(total);
  std::uint32_t ends[kFixedParts];
  for (std::size_t i = 0; i < kFixedParts; ++i) {
    text.append(parts[i]);
    ends[i] = static_cast<std::uint32_t>(text.size());
  }
  std::vector<std::uint32_t> route_ends;
  route_ends.reserve(route_parts.size());
  for (std::string_view p : route_parts) {
    text.append(p);
    route_ends.push_back(static_cast<std::uint32_t>(text.size()));
  }
  text_ = std::move(text);
  std::copy(std::begin(ends), std::end(ends), std::begin(part_ends_));
  route_ends_ = std::move(route_ends);
}

void Dialog::set_route_set(const Message& m, bool reverse) {
  std::vector<NameAddr> routes = record_route_list(m);
  if (reverse) std::reverse(routes.begin(), routes.end());
  first_route_lr_ = !routes.empty() && routes.front().uri().has_param("lr");
  std::vector<std::string> texts;
  texts.reserve(routes.size());
  for (const NameAddr& r : routes) texts.push_back(r.to_string());
  store(std::nullopt, &texts);
}

Uri Dialog::next_hop() const {
  return route_ends_.empty() ? remote_target() : name_addr_at(kFixedParts).uri();
}

std::error_code Dialog::confirm(const Message& response_2xx) {
  const int status = response_2xx.status_code();
  if (status < 200 || status >= 300) return invalid();
  if (state_ == DialogState::terminated) return invalid();
  if (state_ == DialogState::early) {
    state_ = DialogState::confirmed;
    if (role_ == DialogRole::uac) set_route_set(response_2xx, true);
  }
  if (auto target = first_contact(response_2xx)) set_remote_target(target->uri());
  invite_out_ = false;
  return {};
}

Message Dialog::routed_request(std::string_view method) const {
  Message m = Message::request(method, Uri());
  const std::string_view target = part(kRemoteTarget);
  if (route_ends_.empty() || first_route_lr_) {
    m.set_request_uri_text(target);
    for (std::size_t i = 0; i < route_ends_.size(); ++i) {
      m.append_header(HeaderId::route, route_text(i));
    }
    return m;
  }
  // Strict routing: the first route becomes the Request-URI and the remote target the
  // last Route.
  m.set_request_uri(request_uri_form(name_addr_at(kFixedParts).uri()));
  for (std::size_t i = 1; i < route_ends_.size(); ++i) {
    m.append_header(HeaderId::route, route_text(i));
  }
  m.append_header(HeaderId::route, NameAddr(remote_target()).to_string());
  return m;
}

Message Dialog::make_request(std::string_view method) {
  Message m = routed_request(method);
  m.append_header(HeaderId::max_forwards, "70");
  m.append_header(HeaderId::from, part(kLocalUri));
  m.append_header(HeaderId::to, part(kRemoteUri));
  m.append_header(HeaderId::call_id, id_.call_id);
  const std::uint32_t number = local_cseq_ ? *local_cseq_ + 1 : first_local_cseq_;
  local_cseq_ = number;
  m.append_header(HeaderId::cseq, CSeq{number, std::string(method)}.to_string());
  if (has_local_target_ && (is_target_refresh(method) || method == "REFER")) {
    m.append_header(HeaderId::contact, part(kLocalTarget));
  }
  if (method == "INVITE") invite_out_ = true;
  return m;
}

Message Dialog::ack_for(const Message& response_2xx, const Via& via, std::string_view body,
                        std::string_view content_type) {
  const auto& sequence = cseq(response_2xx);
  const std::uint32_t number = sequence ? sequence->number : local_cseq_.value_or(1);
  if (ack_cseq_ != number) {
    ack_cseq_ = number;
    const std::string via_text = via.to_string();
    std::string text;  // exactly sized: it is kept for the dialog's lifetime
    text.reserve(via_text.size() + body.size() + content_type.size());
    text.append(via_text).append(body).append(content_type);
    ack_text_ = std::move(text);
    ack_via_size_ = static_cast<std::uint32_t>(via_text.size());
    ack_body_size_ = static_cast<std::uint32_t>(body.size());
  }
  const std::string_view kept(ack_text_);
  const std::string_view kept_body = kept.substr(ack_via_size_, ack_body_size_);
  Message m = routed_request("ACK");
  m.prepend_header(HeaderId::via, kept.substr(0, ack_via_size_));
  m.append_header(HeaderId::max_forwards, "70");
  m.append_header(HeaderId::from, part(kLocalUri));
  m.append_header(HeaderId::to, part(kRemoteUri));
  m.append_header(HeaderId::call_id, id_.call_id);
  m.append_header(HeaderId::cseq, CSeq{number, "ACK"}.to_string());
  if (!kept_body.empty()) m.set_body(kept_body, kept.substr(ack_via_size_ + ack_body_size_));
  return m;
}

DialogRequestCheck Dialog::on_request(const Message& request) {
  const std::string_view method = request.method();
  if (method == "ACK" || method == "CANCEL") return {};
  const auto& sequence = cseq(request);
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
    if (auto target = first_contact(request)) set_remote_target(target->uri());
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
    if (auto target = first_contact(response)) set_remote_target(target->uri());
  }
}

}  // namespace sipconf::sip
