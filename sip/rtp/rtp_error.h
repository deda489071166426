#pragma once

#include <system_error>

namespace sipconf::sip {

/// Why bytes are not an RTP packet (RFC 3550 §5.1) or an RFC 4733 event payload. Most
/// UDP traffic a capture holds is not RTP, so these say "not media" rather than "broken":
/// the analyser branches on them and counts, it never reports them one by one.
/// Values are stable: analysers and counters key on them.
enum class RtpError {
  ok = 0,
  too_short,           ///< fewer bytes than the fixed header (12) or an event payload (4)
  bad_version,         ///< the version field is not 2
  rtcp_packet_type,    ///< the second byte is an RTCP packet type (RFC 5761 §4: rtcp-mux)
  csrc_past_end,       ///< the CSRC list runs past the end
  extension_past_end,  ///< the header extension runs past the end
  bad_padding,         ///< a padding count of 0 or longer than what follows the header
};

/// The "sipconf.rtp" category: messages for people, values from RtpError.
const std::error_category& rtp_category() noexcept;

std::error_code make_error_code(RtpError e) noexcept;

}  // namespace sipconf::sip

template <>
struct std::is_error_code_enum<sipconf::sip::RtpError> : std::true_type {};
