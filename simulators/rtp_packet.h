#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// RTP packets (RFC 3550 §5.1) and RFC 4733 telephone-event payloads, as the simulator sends
/// and measures them.
namespace sipconf::simulators {

struct RtpHeader {
  bool marker = false;
  std::uint8_t payload_type = 0;
  std::uint16_t sequence = 0;
  std::uint32_t timestamp = 0;
  std::uint32_t ssrc = 0;

  friend bool operator==(const RtpHeader&, const RtpHeader&) = default;
};

/// A received packet: its header and a view of its payload (inside the parsed bytes).
struct RtpView {
  RtpHeader header;
  std::string_view payload;
};

/// Appends a version 2 packet without CSRCs or extension: 12 header bytes, then `payload`.
void write_rtp(const RtpHeader& header, std::string_view payload, std::string& out);

/// Parses a packet: version 2, CSRC list, header extension and padding skipped. nullopt for
/// anything that is not RTP (too short, wrong version, lengths past the end). RTCP on the
/// same port (payload types 72-76 with the marker bit) is rejected too (RFC 5761 §4).
std::optional<RtpView> parse_rtp(std::string_view packet);

/// The payload of one RFC 4733 §2.3 event packet.
struct TelephoneEvent {
  std::uint8_t event = 0;  ///< 0-9, 10 = *, 11 = #, 12-15 = A-D
  bool end = false;
  std::uint8_t volume = 10;    ///< dBm0 below 0, 0..63
  std::uint16_t duration = 0;  ///< in timestamp units

  friend bool operator==(const TelephoneEvent&, const TelephoneEvent&) = default;
};

void write_telephone_event(const TelephoneEvent& event, std::string& out);
std::optional<TelephoneEvent> parse_telephone_event(std::string_view payload);

/// DTMF digit <-> RFC 4733 event code; nullopt for anything else.
std::optional<std::uint8_t> dtmf_event_code(char digit);
std::optional<char> dtmf_digit(std::uint8_t event);

}  // namespace sipconf::simulators
