#pragma once

#include <chrono>
#include <cstdint>

#include "sip/transaction/transaction_ids.h"

/// Glare: both ends of a dialog send a re-INVITE at once (RFC 3261 §14). Dialog answers the
/// crossing INVITE with 491 (or 500 for an overlapping one); these say how long to wait.
namespace sipconf::sip {

/// §14.1: after a 491 to our re-INVITE, retry after a random time in 10 ms units: 2.1-4 s
/// when we own the Call-ID (we sent the dialog-creating request), 0-2 s otherwise, so that
/// the two ends do not collide again.
std::chrono::milliseconds glare_retry_delay(bool call_id_owner, IdGenerator& random);

/// §14.2: the Retry-After (seconds, 0-10) of the 500 to an INVITE that arrives while the
/// peer's previous INVITE is still unanswered.
std::uint32_t overlapping_invite_retry_after(IdGenerator& random);

}  // namespace sipconf::sip
