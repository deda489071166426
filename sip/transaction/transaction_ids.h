#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace sipconf::sip {

/// Random identifiers a SIP element mints: branches (RFC 3261 §8.1.1.7, unique in space and
/// time), tags (§19.3, at least 32 bits of randomness), Call-IDs (§8.1.1.4) and initial
/// CSeq numbers (§8.1.1.5, below 2^31). One generator per element, passed explicitly; a
/// fixed seed makes test runs reproducible.
class IdGenerator {
 public:
  /// `seed` 0 draws a seed from std::random_device.
  explicit IdGenerator(std::uint64_t seed = 0);

  /// "z9hG4bK" followed by 16 hex digits.
  std::string branch();
  /// 12 hex digits (48 random bits).
  std::string tag();
  /// 24 hex digits, then "@host" when `host` is not empty.
  std::string call_id(std::string_view host = {});
  /// A first CSeq number in 1..2^31-1.
  std::uint32_t initial_cseq();
  /// A uniform draw in [0, bound); what the §14.1 glare timer and similar jitter need.
  std::uint64_t below(std::uint64_t bound);

 private:
  std::string hex(int digits);
  std::mt19937_64 engine_;
};

}  // namespace sipconf::sip
