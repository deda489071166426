#pragma once

#include <array>
#include <cstdint>

#include "mediation/config/trunk_settings.h"
#include "sip/message/header_names.h"
#include "sip/message/message.h"

namespace sipconf::mediation {

/// Which way a message crosses the B2BUA.
enum class Direction : std::uint8_t { to_trunk, to_internal };

/// Which headers of a message received on one leg are carried onto the message the B2BUA
/// sends on the other leg. Everything the B2BUA builds per leg (Via, From, To, Call-ID, CSeq,
/// Contact, Route, Record-Route, Max-Forwards, Content-Length, Content-Type with the body,
/// User-Agent, Allow, Supported) is never copied; the rest is an allowlist per direction and
/// trunk, so that topology stays hidden and the per-trunk switches of spec section 4
/// (ForwardPAI, ForwardCallHistory) act in one place. Unknown headers are not carried.
class HeaderPolicy {
 public:
  /// The policy for messages going `direction` on a call through a trunk with `settings`.
  HeaderPolicy(const TrunkSettings& settings, Direction direction);

  bool carries(sip::HeaderId id) const { return carried_[static_cast<std::size_t>(id)]; }
  /// Appends to `to` every line of `from` this policy carries, in order.
  void copy(const sip::Message& from, sip::Message& to) const;

 private:
  std::array<bool, sip::kHeaderIdCount> carried_{};
};

}  // namespace sipconf::mediation
