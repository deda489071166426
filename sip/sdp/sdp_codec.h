#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/sdp/sdp.h"

/// Codecs of a media section: a=rtpmap/a=fmtp, RFC 3551 static payload types, and the
/// filtering a B2BUA applies toward trunks that only speak G.711 (MD-01).
namespace sipconf::sip {

/// Value of a=rtpmap. A clock rate of 0 means the line omitted it (seen in the wild and in
/// RFC 4475's own messages); `channels` is kept only if it was written.
struct SdpRtpMap {
  int payload_type = 0;
  std::string encoding;
  std::uint32_t clock_rate = 0;
  std::optional<std::uint32_t> channels;

  bool operator==(const SdpRtpMap&) const = default;
};

std::optional<SdpRtpMap> parse_rtpmap(std::string_view value, std::error_code& ec);
std::string format_rtpmap(const SdpRtpMap& rtpmap);

/// The RFC 3551 static assignment of `payload_type` (0 PCMU, 8 PCMA, 9 G722, 13 CN, 18 G729,
/// ...) from THE table (sip/rtp/static_payload.h), or nullopt for dynamic/unassigned types
/// and the two it withdrew (2, 19).
std::optional<SdpRtpMap> static_payload_type(int payload_type);

/// One payload type of an m= line with what the description says about it.
struct SdpCodec {
  int payload_type = 0;
  std::string encoding;  ///< as written; empty for a dynamic type without a usable rtpmap
  std::uint32_t clock_rate = 0;
  std::uint32_t channels = 1;
  std::string fmtp;  ///< parameters of the matching a=fmtp, empty if none
  bool from_rtpmap = false;

  bool operator==(const SdpCodec&) const = default;
};

/// The codecs of `media` in m= order. Non-numeric formats (m=image ... t38) are skipped;
/// an rtpmap overrides the static table; a malformed rtpmap is ignored.
std::vector<SdpCodec> codecs(const SdpMedia& media);

/// First codec whose encoding matches (case-insensitively), e.g. "telephone-event".
std::optional<SdpCodec> find_codec(const SdpMedia& media, std::string_view encoding);

/// Parameters of a=fmtp for `payload_type` (text after "<pt> ").
std::optional<std::string_view> fmtp_parameters(const SdpMedia& media, int payload_type);

/// Removes payload types for which `drop` is true from m= together with the attributes that
/// name them (rtpmap, fmtp, rtcp-fb); returns how many were removed.
std::size_t remove_codecs_if(SdpMedia& media, const std::function<bool(const SdpCodec&)>& drop);

/// Keeps only codecs whose encoding is one of `encodings` (case-insensitive).
std::size_t keep_codecs(SdpMedia& media, std::span<const std::string_view> encodings);

/// Removes codecs whose encoding is one of `encodings` (case-insensitive).
std::size_t remove_codecs(SdpMedia& media, std::span<const std::string_view> encodings);

/// Packet time in ms from a=ptime (media level first, then session level).
std::optional<std::uint32_t> ptime(const SessionDescription& sdp, const SdpMedia& media);

/// Maximum packet time in ms from a=maxptime (media level first, then session level).
std::optional<std::uint32_t> maxptime(const SessionDescription& sdp, const SdpMedia& media);

}  // namespace sipconf::sip
