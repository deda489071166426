#include "sip/rtp/rtp_packet.h"

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

void append_be16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v >> 8));
  out.push_back(static_cast<char>(v & 0xFF));
}

void append_be32(std::string& out, std::uint32_t v) {
  append_be16(out, static_cast<std::uint16_t>(v >> 16));
  append_be16(out, static_cast<std::uint16_t>(v & 0xFFFF));
}

/// Where the payload lies once the CSRC list, the header extension and the padding are
/// skipped, or why the bytes are not RTP. Checked before any field is read, with a short way
/// through for the plain 12-byte header that nearly every packet has: the analysis parses
/// every packet of a capture.
RtpError payload_bounds(std::span<const std::uint8_t> bytes, std::size_t& begin, std::size_t& end) {
  // RTCP is named before the length is checked: a short RTCP packet is still RTCP.
  if (bytes.size() < 2) return RtpError::too_short;
  if ((bytes[0] >> 6) != 2) return RtpError::bad_version;
  if (has_rtcp_packet_type(bytes)) return RtpError::rtcp_packet_type;
  if (bytes.size() < kRtpFixedHeader) return RtpError::too_short;
  begin = kRtpFixedHeader;
  end = bytes.size();
  if ((bytes[0] & 0x3F) == 0) return RtpError::ok;  // no padding, extension or CSRC
  begin += std::size_t{bytes[0] & 0x0Fu} * 4;       // the CSRC list
  if (begin > end) return RtpError::csrc_past_end;
  if ((bytes[0] & 0x10) != 0) {  // the header extension: 4 bytes, the last two its length in words
    if (begin + 4 > end) return RtpError::extension_past_end;
    begin += 4 + std::size_t{load_be16(&bytes[begin + 2])} * 4;
    if (begin > end) return RtpError::extension_past_end;
  }
  if ((bytes[0] & 0x20) != 0) {  // padding: the last byte counts the padding bytes
    const std::size_t padding = bytes.back();
    if (padding == 0 || padding > end - begin) return RtpError::bad_padding;
    end -= padding;
  }
  return RtpError::ok;
}

}  // namespace

Result<RtpPacket> parse_rtp(std::span<const std::uint8_t> bytes) {
  std::size_t begin = 0;
  std::size_t end = 0;
  const RtpError error = payload_bounds(bytes, begin, end);
  if (error != RtpError::ok) return make_error_code(error);
  // Built in the Result's own storage: the analysis parses every packet of a capture.
  const RtpHeader header{(bytes[1] & 0x80) != 0, static_cast<std::uint8_t>(bytes[1] & 0x7F),
                         load_be16(&bytes[2]), load_be32(&bytes[4]), load_be32(&bytes[8])};
  return Result<RtpPacket>(std::in_place, header, static_cast<std::uint8_t>(bytes[0] & 0x0F),
                           (bytes[0] & 0x10) != 0, bytes.subspan(begin, end - begin));
}

void write_rtp(const RtpHeader& header, std::span<const std::uint8_t> payload, std::string& out) {
  out.reserve(out.size() + kRtpFixedHeader + payload.size());
  out.push_back(static_cast<char>(0x80));  // V=2, P=0, X=0, CC=0
  out.push_back(static_cast<char>((header.marker ? 0x80 : 0) | (header.payload_type & 0x7F)));
  append_be16(out, header.sequence);
  append_be32(out, header.timestamp);
  append_be32(out, header.ssrc);
  out.append(reinterpret_cast<const char*>(payload.data()), payload.size());
}

}  // namespace sipconf::sip
