#pragma once

#include <cstddef>
#include <string_view>

namespace sipconf::harness {

/// What the first line of some bytes says they are. SIP in a capture is recognised by its
/// start line, never by port: captures carry SIP on 6060, 80 or anything else.
enum class StartLineKind {
  kNone,      ///< Not SIP (RTP, DNS, HTTP, a line without `SIP/2.0`, ...).
  kRequest,   ///< `Method SP Request-URI SP SIP/2.0`, the method a token.
  kResponse,  ///< `SIP/2.0 SP 3DIGIT ...`.
  /// Ends in ` SIP/2.0` like a request line but the method is empty or not a token
  /// (high-bit bytes, as in the PROTOS c07 suite): SIP-shaped garbage to be counted and
  /// dropped, not decoded.
  kMalformedRequest,
};

/// Longest start line looked at. Longer first lines are not taken for SIP.
inline constexpr std::size_t kMaxStartLineBytes = 16 * 1024;

/// Classifies the line at the start of `bytes` (ending in LF or CRLF). The line must be
/// complete: without a line end within kMaxStartLineBytes the answer is kNone. When not
/// kNone, `line_length` (optional) receives the length of the line including its end.
/// Cheap on media: the first byte of RTP (0x80-0xbf) already answers kNone.
StartLineKind classify_start_line(std::string_view bytes, std::size_t* line_length = nullptr);

/// True when `bytes` consists of CR and LF only: a keep-alive (RFC 5626), not a message.
bool is_crlf_only(std::string_view bytes);

}  // namespace sipconf::harness
