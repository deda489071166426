#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/rtp/rtp_error.h"

/// RFC 4733 telephone-events: the payload of an event packet (§2.3) and the DTMF events
/// it names (§3.2), as sipsim sends and counts digits and the analysis reports them.
namespace sipconf::sip {

/// One event block of a telephone-event payload.
struct TelephoneEvent {
  std::uint8_t event = 0;  ///< 0-9, 10 = *, 11 = #, 12-15 = A-D, 16 = flash
  bool end = false;
  std::uint8_t volume = 0;     ///< dBm0 below 0, 0..63
  std::uint16_t duration = 0;  ///< in timestamp units since the event's RTP timestamp

  friend bool operator==(const TelephoneEvent&, const TelephoneEvent&) = default;
};

/// Appends the 4-byte event block.
void write_telephone_event(const TelephoneEvent& event, std::string& out);

/// Reads the first event block of a payload; RtpError::too_short below its 4 bytes.
Result<TelephoneEvent> parse_telephone_event(std::span<const std::uint8_t> payload);

/// DTMF digit ('0'-'9', '*', '#', 'A'-'D', either case) <-> event code; nullopt for
/// anything else (flash and the other events are no digits).
std::optional<std::uint8_t> dtmf_event_code(char digit);
std::optional<char> dtmf_digit(std::uint8_t event);

/// What an event stands for, for people: "0".."9", "*", "#", "A".."D", "flash"; "?" past those.
std::string_view telephone_event_name(std::uint8_t event);

}  // namespace sipconf::sip
