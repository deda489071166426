#include "sip/message/header_names.h"

#include <array>

#include "sip/base/lexer.h"

namespace sipconf::sip {
namespace {

using H = HeaderId;

// Sorted by lower-case name so that lookup can jump to the entries sharing a first letter.
// comma_list: the header's grammar is a #list (RFC 3261 §7.3.1); single: at most one
// instance per message (RFC 3261 §20 and the defining RFCs).
constexpr std::array<HeaderInfo, kHeaderIdCount - 1> kHeaders = {{
    {H::accept, "Accept", '\0', true, false},
    {H::accept_contact, "Accept-Contact", 'a', true, false},
    {H::accept_encoding, "Accept-Encoding", '\0', true, false},
    {H::accept_language, "Accept-Language", '\0', true, false},
    {H::alert_info, "Alert-Info", '\0', true, false},
    {H::allow, "Allow", '\0', true, false},
    {H::allow_events, "Allow-Events", 'u', true, false},
    {H::authentication_info, "Authentication-Info", '\0', true, true},
    {H::authorization, "Authorization", '\0', false, false},
    {H::call_id, "Call-ID", 'i', false, true},
    {H::call_info, "Call-Info", '\0', true, false},
    {H::contact, "Contact", 'm', true, false},
    {H::content_disposition, "Content-Disposition", '\0', false, true},
    {H::content_encoding, "Content-Encoding", 'e', true, false},
    {H::content_language, "Content-Language", '\0', true, false},
    {H::content_length, "Content-Length", 'l', false, true},
    {H::content_type, "Content-Type", 'c', false, true},
    {H::cseq, "CSeq", '\0', false, true},
    {H::date, "Date", '\0', false, true},
    {H::diversion, "Diversion", '\0', true, false},
    {H::error_info, "Error-Info", '\0', true, false},
    {H::event, "Event", 'o', false, true},
    {H::expires, "Expires", '\0', false, true},
    {H::from, "From", 'f', false, true},
    {H::history_info, "History-Info", '\0', true, false},
    {H::identity, "Identity", 'y', false, false},
    {H::identity_info, "Identity-Info", 'n', false, false},
    {H::in_reply_to, "In-Reply-To", '\0', true, true},
    {H::max_forwards, "Max-Forwards", '\0', false, true},
    {H::mime_version, "MIME-Version", '\0', false, true},
    {H::min_expires, "Min-Expires", '\0', false, true},
    {H::min_se, "Min-SE", '\0', false, true},
    {H::organization, "Organization", '\0', false, true},
    {H::p_asserted_identity, "P-Asserted-Identity", '\0', true, false},
    {H::p_preferred_identity, "P-Preferred-Identity", '\0', true, false},
    {H::priority, "Priority", '\0', false, true},
    {H::privacy, "Privacy", '\0', false, true},
    {H::proxy_authenticate, "Proxy-Authenticate", '\0', false, false},
    {H::proxy_authorization, "Proxy-Authorization", '\0', false, false},
    {H::proxy_require, "Proxy-Require", '\0', true, false},
    {H::rack, "RAck", '\0', false, true},
    {H::reason, "Reason", '\0', true, false},
    {H::record_route, "Record-Route", '\0', true, false},
    {H::refer_to, "Refer-To", 'r', false, true},
    {H::referred_by, "Referred-By", 'b', false, true},
    {H::reject_contact, "Reject-Contact", 'j', true, false},
    {H::replaces, "Replaces", '\0', false, true},
    {H::reply_to, "Reply-To", '\0', false, true},
    {H::request_disposition, "Request-Disposition", 'd', true, false},
    {H::require, "Require", '\0', true, false},
    {H::retry_after, "Retry-After", '\0', false, true},
    {H::route, "Route", '\0', true, false},
    {H::rseq, "RSeq", '\0', false, true},
    {H::server, "Server", '\0', false, true},
    {H::session_expires, "Session-Expires", 'x', false, true},
    {H::subject, "Subject", 's', false, true},
    {H::subscription_state, "Subscription-State", '\0', false, true},
    {H::supported, "Supported", 'k', true, false},
    {H::timestamp, "Timestamp", '\0', false, true},
    {H::to, "To", 't', false, true},
    {H::unsupported, "Unsupported", '\0', true, false},
    {H::user_agent, "User-Agent", '\0', false, true},
    {H::via, "Via", 'v', true, false},
    {H::warning, "Warning", '\0', true, false},
    {H::www_authenticate, "WWW-Authenticate", '\0', false, false},
}};

constexpr char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// bucket[c - 'a'] .. bucket[c - 'a' + 1] are the entries whose name starts with letter c.
constexpr std::array<std::uint8_t, 27> make_buckets() {
  std::array<std::uint8_t, 27> b{};
  std::size_t i = 0;
  for (int letter = 0; letter < 26; ++letter) {
    b[letter] = static_cast<std::uint8_t>(i);
    while (i < kHeaders.size() && lower(kHeaders[i].name[0]) == 'a' + letter) ++i;
  }
  b[26] = static_cast<std::uint8_t>(i);
  return b;
}
constexpr std::array<std::uint8_t, 27> kBuckets = make_buckets();
static_assert(kBuckets[26] == kHeaders.size(), "header table must be sorted by name");

constexpr std::array<HeaderId, 26> make_compact() {
  std::array<HeaderId, 26> c{};
  for (const auto& h : kHeaders) {
    if (h.compact != '\0') c[h.compact - 'a'] = h.id;
  }
  return c;
}
constexpr std::array<HeaderId, 26> kCompact = make_compact();

constexpr std::array<std::uint8_t, kHeaderIdCount> make_index() {
  std::array<std::uint8_t, kHeaderIdCount> idx{};
  for (std::size_t i = 0; i < kHeaders.size(); ++i) {
    idx[static_cast<std::size_t>(kHeaders[i].id)] = static_cast<std::uint8_t>(i);
  }
  return idx;
}
constexpr std::array<std::uint8_t, kHeaderIdCount> kIndex = make_index();

constexpr HeaderInfo kUnknown{HeaderId::unknown, "", '\0', false, false};

}  // namespace

HeaderId lookup_header(std::string_view name) {
  if (name.empty()) return HeaderId::unknown;
  char first = lower(name[0]);
  if (first < 'a' || first > 'z') return HeaderId::unknown;
  int letter = first - 'a';
  if (name.size() == 1) return kCompact[letter];
  for (std::size_t i = kBuckets[letter]; i < kBuckets[letter + 1]; ++i) {
    if (iequals(kHeaders[i].name, name)) return kHeaders[i].id;
  }
  return HeaderId::unknown;
}

const HeaderInfo& header_info(HeaderId id) {
  if (id == HeaderId::unknown || static_cast<std::size_t>(id) >= kHeaderIdCount) return kUnknown;
  return kHeaders[kIndex[static_cast<std::size_t>(id)]];
}

}  // namespace sipconf::sip
