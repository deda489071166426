#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/name_addr.h"

namespace sipconf::sip {

/// The value of one or more Contact lines: either `*` (REGISTER removal) or a list.
struct ContactList {
  bool star = false;
  std::vector<NameAddr> contacts;

  std::string to_string() const;
  friend bool operator==(const ContactList&, const ContactList&) = default;
};

/// Parses one Contact header value: `*` or a comma-separated list of contacts.
Result<ContactList> parse_contact_list(std::string_view text, Diagnostics* diag = nullptr);

/// The `expires` contact parameter; values above 2^32-1 are clamped (RFC 3261 §20.19).
std::optional<std::uint32_t> contact_expires(const NameAddr& contact);
/// The `q` contact parameter in thousandths (q=0.33 -> 330), nullopt if absent or malformed.
std::optional<int> contact_q(const NameAddr& contact);

}  // namespace sipconf::sip
