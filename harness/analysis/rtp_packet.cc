#include "harness/analysis/rtp_packet.h"

#include <array>

#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

constexpr std::array<StaticPayloadFormat, 35> kStaticFormats = {{
    {"PCMU", 8000},   // 0
    {"", 0},          // 1 reserved
    {"G721", 8000},   // 2 (historic G.726-32)
    {"GSM", 8000},    // 3
    {"G723", 8000},   // 4
    {"DVI4", 8000},   // 5
    {"DVI4", 16000},  // 6
    {"LPC", 8000},    // 7
    {"PCMA", 8000},   // 8
    {"G722", 8000},   // 9: the RTP clock is 8000 although the codec samples at 16 kHz
    {"L16", 44100},   // 10
    {"L16", 44100},   // 11
    {"QCELP", 8000},  // 12
    {"CN", 8000},     // 13
    {"MPA", 90000},   // 14
    {"G728", 8000},   // 15
    {"DVI4", 11025},  // 16
    {"DVI4", 22050},  // 17
    {"G729", 8000},   // 18
    {"CN", 8000},     // 19 (old comfort noise)
    {"", 0},          // 20
    {"", 0},          // 21
    {"", 0},          // 22
    {"", 0},          // 23
    {"", 0},          // 24
    {"CelB", 90000},  // 25
    {"JPEG", 90000},  // 26
    {"", 0},          // 27
    {"nv", 90000},    // 28
    {"", 0},          // 29
    {"", 0},          // 30
    {"H261", 90000},  // 31
    {"MPV", 90000},   // 32
    {"MP2T", 90000},  // 33
    {"H263", 90000},  // 34
}};

}  // namespace

bool has_rtcp_packet_type(std::span<const uint8_t> bytes) {
  return bytes.size() >= 2 && bytes[1] >= 192 && bytes[1] <= 223;
}

bool parse_rtp(std::span<const uint8_t> bytes, RtpHeader& out) {
  if (bytes.size() < 12 || (bytes[0] >> 6) != 2 || has_rtcp_packet_type(bytes)) return false;
  out.csrc_count = bytes[0] & 0x0F;
  out.has_extension = (bytes[0] & 0x10) != 0;
  out.marker = (bytes[1] & 0x80) != 0;
  out.payload_type = bytes[1] & 0x7F;
  out.sequence = sip::load_be16(&bytes[2]);
  out.timestamp = sip::load_be32(&bytes[4]);
  out.ssrc = sip::load_be32(&bytes[8]);
  size_t offset = 12 + size_t{out.csrc_count} * 4;
  if (offset > bytes.size()) return false;
  if (out.has_extension) {
    if (offset + 4 > bytes.size()) return false;
    offset += 4 + size_t{sip::load_be16(&bytes[offset + 2])} * 4;
    if (offset > bytes.size()) return false;
  }
  size_t end = bytes.size();
  if ((bytes[0] & 0x20) != 0) {  // padding: the last byte counts the padding bytes
    const size_t padding = bytes.back();
    if (padding == 0 || offset + padding > end) return false;
    end -= padding;
  }
  out.payload = bytes.subspan(offset, end - offset);
  return true;
}

bool parse_telephone_event(std::span<const uint8_t> payload, TelephoneEventPayload& out) {
  if (payload.size() < 4) return false;
  out.event = payload[0];
  out.end = (payload[1] & 0x80) != 0;
  out.volume = payload[1] & 0x3F;
  out.duration = sip::load_be16(&payload[2]);
  return true;
}

std::string_view telephone_event_name(uint8_t event) {
  static constexpr std::array<std::string_view, 17> kNames = {
      "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "#", "A", "B", "C", "D", "flash"};
  return event < kNames.size() ? kNames[event] : std::string_view("?");
}

StaticPayloadFormat static_payload_format(uint8_t payload_type) {
  return payload_type < kStaticFormats.size() ? kStaticFormats[payload_type]
                                              : StaticPayloadFormat{};
}

}  // namespace sipconf::harness
