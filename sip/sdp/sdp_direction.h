#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "sip/sdp/sdp.h"

/// Media direction (RFC 4566 §6, RFC 3264 §5.1/§6.1) and hold detection.
namespace sipconf::sip {

enum class SdpDirection { sendrecv, sendonly, recvonly, inactive };

std::string_view to_string(SdpDirection direction);

/// The first direction attribute in `attributes`, if any.
std::optional<SdpDirection> direction_attribute(const std::vector<SdpAttribute>& attributes);

/// The direction in force for `media`: its own attribute, else the session's, else sendrecv.
SdpDirection effective_direction(const SessionDescription& sdp, const SdpMedia& media);

/// Replaces the media's direction attribute in place (or appends one if it had none), and
/// drops any others so that exactly one remains.
void set_direction(SdpMedia& media, SdpDirection direction);

/// The direction an answer takes for an offered one (RFC 3264 §6.1, when accepting).
SdpDirection answer_direction(SdpDirection offered);

/// True if the stream is put on hold: sendonly or inactive, or the RFC 2543 form with a
/// connection address of 0.0.0.0.
bool is_hold(const SessionDescription& sdp, const SdpMedia& media);

}  // namespace sipconf::sip
