#include "sip/transaction/transaction_ids.h"

#include "sip/message/via.h"

namespace sipconf::sip {

IdGenerator::IdGenerator(std::uint64_t seed)
    : engine_(seed != 0 ? seed
                        : (std::uint64_t{std::random_device{}()} << 32) ^ std::random_device{}()) {}

std::string IdGenerator::hex(int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(digits));
  std::uint64_t bits = 0;
  for (int i = 0; i < digits; ++i) {
    if (i % 16 == 0) bits = engine_();
    out += kDigits[bits & 0xf];
    bits >>= 4;
  }
  return out;
}

std::string IdGenerator::branch() { return std::string(kBranchMagicCookie) + hex(16); }

std::string IdGenerator::tag() { return hex(12); }

std::string IdGenerator::call_id(std::string_view host) {
  std::string out = hex(24);
  if (!host.empty()) {
    out += '@';
    out += host;
  }
  return out;
}

std::uint32_t IdGenerator::initial_cseq() {
  return static_cast<std::uint32_t>(below((std::uint64_t{1} << 31) - 1)) + 1;
}

std::uint64_t IdGenerator::below(std::uint64_t bound) {
  if (bound <= 1) return 0;
  return std::uniform_int_distribution<std::uint64_t>(0, bound - 1)(engine_);
}

}  // namespace sipconf::sip
