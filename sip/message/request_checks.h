#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sip/message/message.h"

namespace sipconf::sip {

/// Which RFC 3261 rules apply: a proxy (§16.3) or a user agent server (§8.2); a registrar
/// additionally checks §10.3.
enum class ElementRole : std::uint8_t { proxy, user_agent, registrar };

/// What the element supports; checks with an empty list are skipped where noted.
struct RequestPolicy {
  ElementRole role = ElementRole::user_agent;
  std::vector<std::string> supported_extensions;  ///< option tags (Require / Proxy-Require)
  std::vector<std::string> supported_schemes = {"sip", "sips", "tel"};
  /// Methods the UAS implements; others get 501 with Allow (empty: not checked).
  std::vector<std::string> allowed_methods;
  /// Body types a UAS understands; others get 415 with Accept (empty: not checked).
  std::vector<std::string> accepted_content_types;
};

/// The answer a pure message check suggests. status 0 = nothing wrong found.
struct RequestCheck {
  int status = 0;
  std::string reason;                    ///< reason phrase to send
  std::string detail;                    ///< why, for logs and reports
  std::vector<std::string> unsupported;  ///< for 420: the Unsupported header's option tags
  std::vector<std::string> allow;        ///< for 501/405: the Allow header's methods
  std::vector<std::string> accept;       ///< for 415: the Accept header's types
  bool ok() const { return status == 0; }
};

/// Checks of a parsed request that need no state (RFC 3261 §8.2, §16.3; RFC 4475 §3.2/§3.3):
/// missing To/From/Call-ID/CSeq/Via -> 400; a single-value header repeated -> 400; a branch
/// that is only the magic cookie -> 400; unsupported Request-URI scheme -> 416; Max-Forwards 0
/// at a proxy -> 483; a method the UAS lacks -> 501 (405 if known); unknown Require (UAS) or
/// Proxy-Require (proxy) -> 420 with Unsupported; registrar: To not SIP/SIPS -> 400; UAS: unknown
/// body type
/// -> 415, INVITE whose Accept excludes its SDP body's type -> 406.
RequestCheck check_request_semantics(const Message& request, const RequestPolicy& policy = {});

}  // namespace sipconf::sip
