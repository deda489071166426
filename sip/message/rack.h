#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"

namespace sipconf::sip {

/// RAck (RFC 3262): `response-num CSeq-num Method`, acknowledging a reliable provisional.
struct RAck {
  std::uint32_t rseq = 0;
  std::uint32_t cseq = 0;
  std::string method;

  static Result<RAck> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const RAck&, const RAck&) = default;
};

}  // namespace sipconf::sip
