#include "mediation/leg_messages.h"

#include "sip/message/cseq.h"
#include "sip/message/message_builders.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;

std::string_view transport_param(sip::Transport t) {
  switch (t) {
    case sip::Transport::udp:
      return "udp";
    case sip::Transport::tcp:
      return "tcp";
    case sip::Transport::tls:
      return "tls";
  }
  return "udp";
}

/// `"Display" <sip:user@host;user=phone>` from a party as received, moved onto `host`, its
/// user part rewritten by `rewrite` when given.
template <class Rewrite>
sip::NameAddr rehost(const sip::NameAddr& original, std::string_view host, Rewrite&& rewrite) {
  const std::string user = rewrite(uri_user(original.uri()));
  sip::Uri uri = sip::Uri::sip(user, host);
  if (is_phone_number(user)) uri.params().set("user", "phone");
  return sip::NameAddr(std::move(uri), original.display_name());
}

/// A P-Asserted-Identity value with the number of each of its URIs (sip user part or tel
/// number) rewritten; the value as it was when it does not parse.
std::string rewrite_identity(std::string_view value, const TrunkNumbering& numbering) {
  auto identities = sip::parse_name_addr_list(value);
  if (!identities) return std::string(value);
  const auto calling = [&](std::string_view n) { return numbering.calling(n); };
  std::string out;
  for (sip::NameAddr& identity : *identities) {
    sip::Uri& uri = identity.uri();
    if (uri.scheme() == sip::UriScheme::tel) {
      sip::Uri tel = sip::Uri::tel(rewrite_user_number(uri.telephone_number(), calling));
      tel.params() = uri.params();
      uri = std::move(tel);
    } else if (uri.is_sip_or_sips() && uri.has_user()) {
      uri.set_user(rewrite_user_number(uri.user_unescaped(), calling));
    }
    if (!out.empty()) out += ", ";
    identity.append_to(out);
  }
  return out;
}

bool is_dialog_creating_or_refresh(std::string_view method) {
  return method == "INVITE" || method == "UPDATE" || method == "SUBSCRIBE" || method == "NOTIFY";
}

}  // namespace

std::string uri_user(const sip::Uri& uri) {
  if (uri.scheme() == sip::UriScheme::tel) return std::string(uri.telephone_number());
  if (!uri.is_sip_or_sips() || !uri.has_user()) return {};
  return uri.user_unescaped();
}

bool is_phone_number(std::string_view user) {
  bool digit = false;
  for (char c : user) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '+' && c != '*' && c != '#' && c != '-' && c != '.' && c != '(' && c != ')') {
      return false;
    }
  }
  return digit;
}

sip::Uri party_uri(const LegAddress& party, std::string_view user) {
  sip::Uri uri = sip::Uri::sip(user, party.peer_host, party.next_hop.port);
  if (party.peer.side == Side::trunk) {
    uri.params().set("user", "phone");
    return uri;
  }
  if (is_phone_number(user)) uri.params().set("user", "phone");
  uri.params().set("transport", transport_param(party.next_hop.transport));
  return uri;
}

sip::NameAddr leg_contact(const LegAddress& party) {
  sip::Uri uri = sip::Uri::sip({}, party.local.address, party.local.port);
  if (party.local.transport != sip::Transport::udp) {
    uri.params().set("transport", transport_param(party.local.transport));
  }
  sip::NameAddr contact(std::move(uri));
  if (party.peer.side == Side::internal) contact.params().set("isGateway");
  return contact;
}

void add_identity(sip::Message& message, const LegAddress&, std::string_view user_agent) {
  message.append_header(message.is_request() ? HeaderId::user_agent : HeaderId::server, user_agent);
}

sip::Message make_callee_invite(const CalleeInvite& in) {
  const TrunkNumbering* numbering =
      in.numbering != nullptr && !in.numbering->keeps_numbers() ? in.numbering : nullptr;
  const auto called = [numbering](const std::string& user) {
    if (numbering == nullptr) return user;
    return rewrite_user_number(user,
                               [numbering](std::string_view n) { return numbering->called(n); });
  };
  const auto calling = [numbering](const std::string& user) {
    if (numbering == nullptr) return user;
    return rewrite_user_number(user,
                               [numbering](std::string_view n) { return numbering->calling(n); });
  };
  auto ruri = in.incoming.request_uri();
  const std::string user = called(ruri ? uri_user(*ruri) : std::string());
  sip::Message out = sip::Message::request("INVITE", party_uri(in.callee, user));
  out.append_header(HeaderId::max_forwards, std::to_string(in.max_forwards));

  sip::NameAddr from_value =
      rehost(sip::from(in.incoming).value_or(sip::NameAddr()), in.callee.local.address, calling);
  from_value.set_tag(in.ids.tag);
  out.append_header(HeaderId::from, from_value.to_string());
  out.append_header(HeaderId::to, rehost(sip::to(in.incoming).value_or(sip::NameAddr()),
                                         in.callee.peer_host, called)
                                      .to_string());
  out.append_header(HeaderId::call_id, in.ids.call_id);
  out.append_header(HeaderId::cseq, sip::CSeq{in.ids.cseq, "INVITE"}.to_string());
  out.append_header(HeaderId::contact, leg_contact(in.callee).to_string());
  out.append_header(HeaderId::allow, kAllow);
  add_identity(out, in.callee, in.user_agent);
  if (in.callee.peer.side == Side::internal && in.caller.peer.side == Side::trunk) {
    out.append_header("ms-call-source", "non-ms-rtc");
  }
  in.policy.copy(in.incoming, out);
  if (numbering != nullptr) {
    // A forwarded P-Asserted-Identity carries the calling number too (decision 6.8).
    for (std::size_t i = out.find(HeaderId::p_asserted_identity); i < out.header_count();
         i = out.find(HeaderId::p_asserted_identity, i + 1)) {
      out.set_header_value_at(i, rewrite_identity(out.header_at(i).value, *numbering));
    }
  }
  if (!in.body.empty()) out.set_body(in.body, in.content_type);
  return out;
}

sip::Result<sip::Message> make_relayed_response(const sip::Message& caller_request,
                                                const sip::Message& received, std::string_view tag,
                                                const LegAddress& caller,
                                                const HeaderPolicy& policy,
                                                std::string_view user_agent, std::string_view body,
                                                std::string_view content_type) {
  const int status = received.status_code();
  auto out = sip::make_response(caller_request, status, received.reason_phrase(), tag);
  if (!out) return out;
  const std::string_view method = caller_request.method();
  if (status > 100 && status < 300 && is_dialog_creating_or_refresh(method)) {
    out->append_header(HeaderId::contact, leg_contact(caller).to_string());
  }
  if (status == 405 || status == 501 || (status >= 200 && status < 300 && method == "INVITE")) {
    out->append_header(HeaderId::allow, kAllow);
  }
  add_identity(*out, caller, user_agent);
  policy.copy(received, *out);
  if (!body.empty()) out->set_body(body, content_type);
  return out;
}

void fill_relayed_request(sip::Message& out, const sip::Message& received,
                          std::uint32_t max_forwards, const HeaderPolicy& policy,
                          const LegAddress& party, std::string_view user_agent,
                          std::string_view body, std::string_view content_type) {
  out.set_header(HeaderId::max_forwards, std::to_string(max_forwards));
  add_identity(out, party, user_agent);
  policy.copy(received, out);
  if (!body.empty()) out.set_body(body, content_type);
}

}  // namespace sipconf::mediation
