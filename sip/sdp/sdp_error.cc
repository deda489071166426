#include "sip/sdp/sdp_error.h"

#include <string>

namespace sipconf::sip {
namespace {

class SdpCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipconf.sdp"; }

  std::string message(int value) const override {
    switch (static_cast<SdpError>(value)) {
      case SdpError::ok:
        return "no error";
      case SdpError::empty:
        return "empty session description";
      case SdpError::too_large:
        return "session description exceeds the configured size or line limit";
      case SdpError::missing_version:
        return "session description does not start with v=";
      case SdpError::bad_version:
        return "unsupported SDP version (only v=0 exists)";
      case SdpError::bad_line:
        return "line is not of the form <type>=<value>";
      case SdpError::misplaced_line:
        return "line type not allowed at this position";
      case SdpError::duplicate_line:
        return "line type may appear only once here";
      case SdpError::missing_origin:
        return "missing o= line";
      case SdpError::bad_origin:
        return "o= needs username, sess-id, sess-version, nettype, addrtype, address";
      case SdpError::bad_connection:
        return "c= needs nettype, addrtype and address";
      case SdpError::bad_bandwidth:
        return "b= must be <bwtype>:<bandwidth>";
      case SdpError::bad_timing:
        return "t= must be <start-time> <stop-time>";
      case SdpError::bad_media:
        return "m= must be <media> <port>[/<count>] <proto> <fmt> ...";
      case SdpError::bad_port:
        return "port or port count out of range";
      case SdpError::bad_attribute:
        return "a= line with an empty attribute name";
      case SdpError::bad_rtpmap:
        return "rtpmap must be <payload type> <encoding>/<clock rate>[/<channels>]";
      case SdpError::bad_fmtp:
        return "fmtp must be <format> <parameters>";
      case SdpError::bad_crypto:
        return "crypto must be <tag> <suite> <key-params> [<session-params>]";
      case SdpError::bad_rtcp:
        return "rtcp must be <port> [<nettype> <addrtype> <address>]";
      case SdpError::no_such_media:
        return "no media section with that index";
    }
    return "unknown SDP error";
  }
};

}  // namespace

const std::error_category& sdp_category() noexcept {
  static const SdpCategory category;
  return category;
}

std::error_code make_error_code(SdpError e) noexcept {
  return {static_cast<int>(e), sdp_category()};
}

}  // namespace sipconf::sip
