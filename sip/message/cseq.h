#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"

namespace sipconf::sip {

/// `CSeq: 4711 INVITE`. The number is 32 bits (RFC 3261 §8.1.1.5); larger values are errors.
struct CSeq {
  std::uint32_t number = 0;
  std::string method;

  static Result<CSeq> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const CSeq&, const CSeq&) = default;
};

}  // namespace sipconf::sip
