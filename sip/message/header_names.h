#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipconf::sip {

/// Headers the message layer knows by name. Anything else is HeaderId::unknown and passes
/// through untouched under the name it arrived with.
enum class HeaderId : std::uint8_t {
  unknown = 0,
  accept,
  accept_contact,
  accept_encoding,
  accept_language,
  alert_info,
  allow,
  allow_events,
  authentication_info,
  authorization,
  call_id,
  call_info,
  contact,
  content_disposition,
  content_encoding,
  content_language,
  content_length,
  content_type,
  cseq,
  date,
  diversion,
  error_info,
  event,
  expires,
  from,
  history_info,
  identity,
  identity_info,
  in_reply_to,
  max_forwards,
  mime_version,
  min_expires,
  min_se,
  organization,
  p_asserted_identity,
  p_preferred_identity,
  priority,
  privacy,
  proxy_authenticate,
  proxy_authorization,
  proxy_require,
  rack,
  reason,
  record_route,
  refer_to,
  referred_by,
  reject_contact,
  replaces,
  reply_to,
  request_disposition,
  require,
  retry_after,
  route,
  rseq,
  server,
  session_expires,
  subject,
  subscription_state,
  supported,
  timestamp,
  to,
  unsupported,
  user_agent,
  via,
  warning,
  www_authenticate,
};
inline constexpr std::size_t kHeaderIdCount =
    static_cast<std::size_t>(HeaderId::www_authenticate) + 1;

/// What the registry knows about a header.
struct HeaderInfo {
  HeaderId id;
  std::string_view name;  ///< canonical spelling, e.g. "Call-ID"
  char compact;           ///< compact form (RFC 3261 §7.3.3 and extensions), '\0' if none
  bool comma_list;        ///< values may be combined in one line as a comma-separated list
  bool single;            ///< at most one instance allowed in a message (RFC 3261 §20)
};

/// Looks up a header name as received: case-insensitive, compact forms included.
HeaderId lookup_header(std::string_view name);

/// The registry entry; header_info(HeaderId::unknown) has an empty name.
const HeaderInfo& header_info(HeaderId id);

/// Canonical name, e.g. canonical_name(HeaderId::cseq) == "CSeq".
inline std::string_view canonical_name(HeaderId id) { return header_info(id).name; }

/// ASCII case-insensitive equality (header names, tokens, parameter names). Inline: it runs
/// for every header name and parameter looked up.
inline bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x == y) continue;
    if ((x | 0x20) != (y | 0x20) || static_cast<unsigned char>((x | 0x20) - 'a') > 25) {
      return false;
    }
  }
  return true;
}

}  // namespace sipconf::sip
