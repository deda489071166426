#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

/// THE table of RFC 3551 static payload types (tables 4 and 5): SDP falls back on it for a
/// static type without a=rtpmap, and the capture analysis names payload types and finds
/// their clock rate with it.
namespace sipconf::sip {

struct StaticPayloadFormat {
  std::string_view encoding;     ///< as a=rtpmap writes it: "PCMU", "G722", "CN", ...
  std::uint32_t clock_rate = 0;  ///< of the RTP timestamp, not of the codec (G722: 8000)
  std::uint32_t channels = 1;    ///< 2 for L16 stereo (10), 1 otherwise
  /// Reserved by RFC 3551 for what earlier texts assigned them (2: G721 in RFC 1890, 19:
  /// comfort noise in its drafts): SDP does not read them, but older equipment still sends
  /// them, and a capture's payload types are named with them.
  bool withdrawn = false;

  friend bool operator==(const StaticPayloadFormat&, const StaticPayloadFormat&) = default;
};

/// Indexed by payload type; a clock rate of 0 is unassigned. In the header so that the
/// lookup below inlines: the analysis makes it for every packet of a static payload type.
inline constexpr std::array<StaticPayloadFormat, 35> kStaticPayloadFormats = {{
    {"PCMU", 8000},           // 0
    {},                       // 1 reserved
    {"G721", 8000, 1, true},  // 2: RFC 1890's G.721; G.726-32 is dynamic now
    {"GSM", 8000},            // 3
    {"G723", 8000},           // 4
    {"DVI4", 8000},           // 5
    {"DVI4", 16000},          // 6
    {"LPC", 8000},            // 7
    {"PCMA", 8000},           // 8
    {"G722", 8000},           // 9: the RTP clock is 8000 although the codec samples at 16 kHz
    {"L16", 44100, 2},        // 10
    {"L16", 44100},           // 11
    {"QCELP", 8000},          // 12
    {"CN", 8000},             // 13
    {"MPA", 90000},           // 14
    {"G728", 8000},           // 15
    {"DVI4", 11025},          // 16
    {"DVI4", 22050},          // 17
    {"G729", 8000},           // 18
    {"CN", 8000, 1, true},    // 19: comfort noise in drafts of RFC 3551; 13 since
    {},                       // 20
    {},                       // 21
    {},                       // 22
    {},                       // 23
    {},                       // 24
    {"CelB", 90000},          // 25
    {"JPEG", 90000},          // 26
    {},                       // 27
    {"nv", 90000},            // 28
    {},                       // 29
    {},                       // 30
    {"H261", 90000},          // 31
    {"MPV", 90000},           // 32
    {"MP2T", 90000},          // 33
    {"H263", 90000},          // 34
}};

/// The static assignment of `payload_type` (0..34, withdrawn ones included), an entry of the
/// table; nullptr for dynamic (96..127), unassigned and out of range types.
constexpr const StaticPayloadFormat* static_payload_format(int payload_type) {
  if (payload_type < 0 || payload_type >= static_cast<int>(kStaticPayloadFormats.size())) {
    return nullptr;
  }
  const StaticPayloadFormat& format = kStaticPayloadFormats[static_cast<std::size_t>(payload_type)];
  return format.clock_rate == 0 ? nullptr : &format;
}

}  // namespace sipconf::sip
