#include "sip/dialog/dialog_glare.h"

namespace sipconf::sip {

std::chrono::milliseconds glare_retry_delay(bool call_id_owner, IdGenerator& random) {
  // Inclusive ranges in 10 ms units: 210..400 (2.1-4 s) or 0..200 (0-2 s).
  const std::uint64_t units = call_id_owner ? 210 + random.below(191) : random.below(201);
  return std::chrono::milliseconds(10 * units);
}

std::uint32_t overlapping_invite_retry_after(IdGenerator& random) {
  return static_cast<std::uint32_t>(random.below(11));
}

}  // namespace sipconf::sip
