#include "simulators/rtp_packet.h"

namespace sipconf::simulators {
namespace {

constexpr std::size_t kFixedHeader = 12;
constexpr std::string_view kDigits = "0123456789*#ABCD";

std::uint8_t byte(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

std::uint16_t read16(std::string_view s, std::size_t i) {
  return static_cast<std::uint16_t>((byte(s, i) << 8) | byte(s, i + 1));
}

std::uint32_t read32(std::string_view s, std::size_t i) {
  return (static_cast<std::uint32_t>(read16(s, i)) << 16) | read16(s, i + 2);
}

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v & 0xFF));
}

void put32(std::string& out, std::uint32_t v) {
  put16(out, static_cast<std::uint16_t>(v >> 16));
  put16(out, static_cast<std::uint16_t>(v & 0xFFFF));
}

}  // namespace

void write_rtp(const RtpHeader& header, std::string_view payload, std::string& out) {
  out.reserve(out.size() + kFixedHeader + payload.size());
  out.push_back(static_cast<char>(0x80));  // V=2, P=0, X=0, CC=0
  out.push_back(static_cast<char>((header.marker ? 0x80 : 0) | (header.payload_type & 0x7F)));
  put16(out, header.sequence);
  put32(out, header.timestamp);
  put32(out, header.ssrc);
  out.append(payload);
}

std::optional<RtpView> parse_rtp(std::string_view packet) {
  if (packet.size() < kFixedHeader) return std::nullopt;
  const std::uint8_t first = byte(packet, 0);
  if ((first >> 6) != 2) return std::nullopt;
  const bool padding = (first & 0x20) != 0;
  const bool extension = (first & 0x10) != 0;
  const std::size_t csrc_count = first & 0x0F;
  RtpView view;
  view.header.marker = (byte(packet, 1) & 0x80) != 0;
  view.header.payload_type = byte(packet, 1) & 0x7F;
  if (view.header.marker && view.header.payload_type >= 72 && view.header.payload_type <= 76) {
    return std::nullopt;  // RTCP SR/RR/SDES/BYE/APP multiplexed on the RTP port
  }
  view.header.sequence = read16(packet, 2);
  view.header.timestamp = read32(packet, 4);
  view.header.ssrc = read32(packet, 8);
  std::size_t offset = kFixedHeader + 4 * csrc_count;
  if (offset > packet.size()) return std::nullopt;
  if (extension) {
    if (offset + 4 > packet.size()) return std::nullopt;
    offset += 4 + 4 * static_cast<std::size_t>(read16(packet, offset + 2));
    if (offset > packet.size()) return std::nullopt;
  }
  std::size_t end = packet.size();
  if (padding) {
    const std::size_t pad = byte(packet, packet.size() - 1);
    if (pad == 0 || pad > end - offset) return std::nullopt;
    end -= pad;
  }
  view.payload = packet.substr(offset, end - offset);
  return view;
}

void write_telephone_event(const TelephoneEvent& event, std::string& out) {
  out.push_back(static_cast<char>(event.event));
  out.push_back(static_cast<char>((event.end ? 0x80 : 0) | (event.volume & 0x3F)));
  put16(out, event.duration);
}

std::optional<TelephoneEvent> parse_telephone_event(std::string_view payload) {
  if (payload.size() < 4) return std::nullopt;
  TelephoneEvent event;
  event.event = byte(payload, 0);
  event.end = (byte(payload, 1) & 0x80) != 0;
  event.volume = byte(payload, 1) & 0x3F;
  event.duration = read16(payload, 2);
  return event;
}

std::optional<std::uint8_t> dtmf_event_code(char digit) {
  if (digit >= 'a' && digit <= 'd') digit = static_cast<char>(digit - 'a' + 'A');
  const std::size_t at = kDigits.find(digit);
  if (at == std::string_view::npos) return std::nullopt;
  return static_cast<std::uint8_t>(at);
}

std::optional<char> dtmf_digit(std::uint8_t event) {
  if (event >= kDigits.size()) return std::nullopt;
  return kDigits[event];
}

}  // namespace sipconf::simulators
