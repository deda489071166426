#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "sip/base/result.h"
#include "sip/rtp/rtp_error.h"

/// RTP packets (RFC 3550 §5.1): the one parser and writer, which sipsim sends and receives
/// media with and the harness reads every packet of a capture with.
namespace sipconf::sip {

/// Bytes of the fixed header: V, P, X, CC, M, PT, sequence, timestamp, SSRC.
inline constexpr std::size_t kRtpFixedHeader = 12;

/// The fixed header's fields that place a packet in its stream.
struct RtpHeader {
  bool marker = false;
  std::uint8_t payload_type = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;

  friend bool operator==(const RtpHeader&, const RtpHeader&) = default;
};

/// A parsed packet. The payload is a view into the parsed bytes (parsing copies nothing, the
/// analysis touches every packet of a capture), so the bytes must outlive it.
struct RtpPacket {
  RtpPacket() = default;
  /// parse_rtp builds its packet in its Result's storage, and std::in_place needs a
  /// constructor for that (clang 14 has no parenthesized aggregate initialisation).
  RtpPacket(const RtpHeader& fixed, std::uint8_t csrcs, bool extension,
            std::span<const std::uint8_t> bytes)
      : header(fixed), csrc_count(csrcs), has_extension(extension), payload(bytes) {}

  RtpHeader header;
  std::uint8_t csrc_count = 0;
  bool has_extension = false;
  std::span<const std::uint8_t> payload;  ///< After CSRCs and header extension, padding removed.
};

/// True when the second byte is in the RTCP packet-type range 192..223. With rtcp-mux that
/// byte is how RTCP is told from RTP, whose marker bit and payload types 64..95 would
/// collide with it (RFC 5761 §4). Inline: the analysis asks it of every datagram.
inline bool has_rtcp_packet_type(std::span<const std::uint8_t> bytes) {
  return bytes.size() >= 2 && bytes[1] >= 192 && bytes[1] <= 223;
}

/// Parses a version 2 packet, skipping the CSRC list and header extension and removing the
/// padding. Bytes that cannot be RTP yield an RtpError: too short, another version, lengths
/// past the end, a bad padding count, or an RTCP packet type (has_rtcp_packet_type). The
/// last is told whatever the length, so that a demultiplexer (rtcp-mux) can hand such bytes
/// to the RTCP parser without checking them twice.
Result<RtpPacket> parse_rtp(std::span<const std::uint8_t> bytes);

/// Appends a version 2 packet without CSRCs or extension: 12 header bytes, then `payload`.
void write_rtp(const RtpHeader& header, std::span<const std::uint8_t> payload, std::string& out);

}  // namespace sipconf::sip
