#include "sip/rtp/rtp_error.h"

#include <string>

namespace sipconf::sip {
namespace {

class RtpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipconf.rtp"; }

  std::string message(int value) const override {
    switch (static_cast<RtpError>(value)) {
      case RtpError::ok:
        return "no error";
      case RtpError::too_short:
        return "shorter than an RTP header or a telephone-event payload";
      case RtpError::bad_version:
        return "RTP version is not 2";
      case RtpError::rtcp_packet_type:
        return "RTCP packet type where RTP has marker and payload type (RFC 5761)";
      case RtpError::csrc_past_end:
        return "CSRC list runs past the end of the packet";
      case RtpError::extension_past_end:
        return "header extension runs past the end of the packet";
      case RtpError::bad_padding:
        return "padding count is 0 or longer than the payload";
    }
    return "unknown RTP error";
  }
};

}  // namespace

const std::error_category& rtp_category() noexcept {
  static const RtpCategory category;
  return category;
}

std::error_code make_error_code(RtpError e) noexcept {
  return {static_cast<int>(e), rtp_category()};
}

}  // namespace sipconf::sip
