#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "mediation/header_policy.h"
#include "mediation/routing/number_translation.h"
#include "mediation/runtime_config.h"
#include "sip/base/result.h"
#include "sip/message/message.h"
#include "sip/message/name_addr.h"
#include "sip/message/uri.h"

/// The messages the B2BUA builds on one leg from what arrived on the other. Pure functions of
/// their inputs, so each rule (RT-09, SG-03, decision 6.10) is tested without sockets.
namespace sipconf::mediation {

/// What a B2BUA mints for each new leg: never the caller's own identifiers.
struct LegIds {
  std::string call_id;
  std::string tag;
  std::uint32_t cseq = 1;
};

/// The user part of a URI as text: the unescaped user of a SIP URI, a tel URI's number.
std::string uri_user(const sip::Uri& uri);

/// True for a user part that is a telephone number (digits with +, *, #, - . ( )), which
/// gets `user=phone` (RFC 3261 §19.1.6).
bool is_phone_number(std::string_view user);

/// The Request-URI toward a party keeping `user`. Toward a trunk:
/// `sip:<user>@<peer host>:<port>;user=phone` (RT-09); toward the internal side the Front
/// End's host and port with `transport=` (and `user=phone` for numbers, SG-03).
sip::Uri party_uri(const LegAddress& party, std::string_view user);

/// Our Contact toward a party: `<sip:host:port;transport=...>`, with `;isGateway` toward the
/// internal side (SG-03, decision 6.10).
sip::NameAddr leg_contact(const LegAddress& party);

/// Headers every message toward a party carries: User-Agent (requests) or Server (responses)
/// naming the MediationServer (SG-03).
void add_identity(sip::Message& message, const LegAddress& party, std::string_view user_agent);

/// Inputs of the callee leg's INVITE.
struct CalleeInvite {
  const sip::Message& incoming;  ///< the caller's INVITE
  const LegAddress& callee;
  const LegAddress& caller;
  const LegIds& ids;
  std::uint32_t max_forwards = 69;  ///< the caller's, decremented
  const HeaderPolicy& policy;
  std::string_view user_agent;
  std::string_view body;  ///< after the media hook
  std::string_view content_type;
  /// The numbering toward the callee's trunk (RT-02, RT-03, RT-04); nullptr toward the
  /// internal side, where numbers cross unchanged.
  const TrunkNumbering* numbering = nullptr;
};

/// The INVITE that starts the callee leg: new Call-ID, From tag, CSeq; Request-URI from
/// party_uri() with the caller's Request-URI user; From and To keep their display names and
/// user parts on our host and the callee's; our Contact; `ms-call-source: non-ms-rtc` when a
/// peer calls the internal side (decision 6.10); the policy's headers; the body. With a
/// numbering, the called number of the Request-URI and To and the calling number of From
/// and of a forwarded P-Asserted-Identity are the trunk's (decisions 6.8, 6.9).
sip::Message make_callee_invite(const CalleeInvite& in);

/// A response on the caller leg that relays `received` (from the callee leg): status and
/// reason kept, `tag` as To tag, our Contact for 18x/2xx to dialog-creating or target
/// refresh requests, the policy's headers and the body.
sip::Result<sip::Message> make_relayed_response(const sip::Message& caller_request,
                                                const sip::Message& received, std::string_view tag,
                                                const LegAddress& caller,
                                                const HeaderPolicy& policy,
                                                std::string_view user_agent, std::string_view body,
                                                std::string_view content_type);

/// Completes an in-dialog request built by Dialog::make_request on the other leg from the
/// request that `received` on this one: Max-Forwards, the policy's headers, the body.
void fill_relayed_request(sip::Message& out, const sip::Message& received,
                          std::uint32_t max_forwards, const HeaderPolicy& policy,
                          const LegAddress& party, std::string_view user_agent,
                          std::string_view body, std::string_view content_type);

/// `user` with its number (the text before any `;` user parameter) rewritten by `number`:
/// `+14255550100;ext=12` keeps `;ext=12`. A user without a number is kept.
template <class Rewrite>
std::string rewrite_user_number(std::string_view user, Rewrite&& number) {
  const std::size_t end = user.find(';');
  const std::string_view digits = user.substr(0, end);
  if (digits.empty()) return std::string(user);
  std::string out = number(digits);
  if (end != std::string_view::npos) out += user.substr(end);
  return out;
}

/// The methods the mediation answers or relays, for Allow headers.
inline constexpr std::string_view kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE";

}  // namespace sipconf::mediation
