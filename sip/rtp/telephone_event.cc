#include "sip/rtp/telephone_event.h"

#include <array>

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

constexpr std::size_t kEventBlock = 4;
constexpr std::string_view kDtmfDigits = "0123456789*#ABCD";

}  // namespace

void write_telephone_event(const TelephoneEvent& event, std::string& out) {
  out.push_back(static_cast<char>(event.event));
  out.push_back(static_cast<char>((event.end ? 0x80 : 0) | (event.volume & 0x3F)));
  out.push_back(static_cast<char>(event.duration >> 8));
  out.push_back(static_cast<char>(event.duration & 0xFF));
}

Result<TelephoneEvent> parse_telephone_event(std::span<const std::uint8_t> payload) {
  if (payload.size() < kEventBlock) return make_error_code(RtpError::too_short);
  TelephoneEvent event;
  event.event = payload[0];
  event.end = (payload[1] & 0x80) != 0;
  event.volume = payload[1] & 0x3F;
  event.duration = load_be16(&payload[2]);
  return event;
}

std::optional<std::uint8_t> dtmf_event_code(char digit) {
  if (digit >= 'a' && digit <= 'd') digit = static_cast<char>(digit - 'a' + 'A');
  const std::size_t at = kDtmfDigits.find(digit);
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<std::uint8_t>(at);
}

std::optional<char> dtmf_digit(std::uint8_t event) {
  if (event >= kDtmfDigits.size()) return std::nullopt;
  return kDtmfDigits[event];
}

std::string_view telephone_event_name(std::uint8_t event) {
  static constexpr std::array<std::string_view, 17> kNames = {
      "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D", "flash"};
  return event < kNames.size() ? kNames[event] : std::string_view("?");
}

}  // namespace sipconf::sip
