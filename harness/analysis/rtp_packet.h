#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace sipconf::harness {

/// The fixed RTP header (RFC 3550 §5.1) and where the payload is.
struct RtpHeader {
  uint8_t payload_type = 0;
  bool marker = false;
  uint8_t csrc_count = 0;
  bool has_extension = false;
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  uint32_t ssrc = 0;
  std::span<const uint8_t> payload;  ///< After CSRCs and header extension, padding removed.
};

/// Parses a version-2 RTP packet. False when the bytes cannot be RTP: wrong version,
/// CSRC list, extension or padding running past the end, or an RTCP packet type in
/// the second byte (RFC 5761 §4, which is how rtcp-mux tells them apart).
bool parse_rtp(std::span<const uint8_t> bytes, RtpHeader& out);

/// True when the second byte is in the RTCP packet-type range 192..223 (RFC 5761 §4).
bool has_rtcp_packet_type(std::span<const uint8_t> bytes);

/// One RFC 4733 §2.3 named-event payload (telephone-event).
struct TelephoneEventPayload {
  uint8_t event = 0;  ///< 0-9, 10 '*', 11 '#', 12-15 A-D, 16 flash.
  bool end = false;
  uint8_t volume = 0;     ///< -dBm0, 0..63.
  uint16_t duration = 0;  ///< In timestamp units since the event's timestamp.
};

/// Parses the first event block of a telephone-event payload (4 bytes).
bool parse_telephone_event(std::span<const uint8_t> payload, TelephoneEventPayload& out);

/// The character a DTMF event stands for ("0".."9", "*", "#", "A".."D", "flash").
std::string_view telephone_event_name(uint8_t event);

/// Encoding name and clock rate of a static payload type (RFC 3551 table 4/5);
/// clock_rate 0 and an empty name for dynamic or unassigned types.
struct StaticPayloadFormat {
  std::string_view encoding;
  uint32_t clock_rate = 0;
};
StaticPayloadFormat static_payload_format(uint8_t payload_type);

}  // namespace sipconf::harness
