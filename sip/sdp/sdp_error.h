#pragma once

#include <system_error>

namespace sipconf::sip {

/// Why an SDP body (RFC 4566) or one of its typed attributes could not be read.
/// Values are stable: analysers and counters key on them.
enum class SdpError {
  ok = 0,
  empty,            ///< no lines at all
  too_large,        ///< over SdpLimits (bytes or lines)
  missing_version,  ///< the first line is not v=
  bad_version,      ///< v= is not 0
  bad_line,         ///< a line is not `<letter>=<value>`
  misplaced_line,   ///< a session-only line inside a media section, r= before t=, ...
  duplicate_line,   ///< v=, o=, s= or session c= given twice
  missing_origin,   ///< no o= line
  bad_origin,       ///< o= without its six fields
  bad_connection,   ///< c= without `nettype addrtype address`
  bad_bandwidth,    ///< b= not `type:number`
  bad_timing,       ///< t= not two numbers
  bad_media,        ///< m= not `media port[/count] proto fmt...`
  bad_port,         ///< a port that is not 0..65535 or a bad port count
  bad_attribute,    ///< a= with an empty name
  bad_rtpmap,       ///< a=rtpmap value not `pt encoding/clock[/channels]`
  bad_fmtp,         ///< a=fmtp value not `pt params`
  bad_crypto,       ///< a=crypto value not `tag suite key-params [session-params]` (RFC 4568)
  bad_rtcp,         ///< a=rtcp value not `port [nettype addrtype address]` (RFC 3605)
  no_such_media,    ///< a media index past the last m= section
};

/// The "sipconf.sdp" category: messages for people, values from SdpError.
const std::error_category& sdp_category() noexcept;

std::error_code make_error_code(SdpError e) noexcept;

}  // namespace sipconf::sip

template <>
struct std::is_error_code_enum<sipconf::sip::SdpError> : std::true_type {};
