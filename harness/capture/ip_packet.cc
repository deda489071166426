#include "harness/capture/ip_packet.h"

#include <algorithm>

#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

constexpr uint8_t kHopByHop = 0;
constexpr uint8_t kRouting = 43;
constexpr uint8_t kFragment = 44;
constexpr uint8_t kAuthentication = 51;
constexpr uint8_t kDestinationOptions = 60;
constexpr uint8_t kMobility = 135;
constexpr uint8_t kHostIdentity = 139;
constexpr uint8_t kShim6 = 140;
/// Bounds the walk so a crafted chain cannot make the parser loop for long.
constexpr int kMaxExtensionHeaders = 16;

bool is_length_prefixed_extension(uint8_t h) {
  return h == kHopByHop || h == kRouting || h == kDestinationOptions || h == kMobility ||
         h == kHostIdentity || h == kShim6;
}

IpParseStatus parse_ipv4(std::span<const uint8_t> bytes, IpPacket& out) {
  if (bytes.size() < 20) return IpParseStatus::kTruncated;
  const size_t header_length = size_t{bytes[0] & 0x0Fu} * 4;
  if (header_length < 20) return IpParseStatus::kMalformed;
  size_t total_length = sip::load_be16(&bytes[2]);
  if (total_length == 0) total_length = bytes.size();
  if (total_length < header_length) return IpParseStatus::kMalformed;
  if (header_length > bytes.size()) return IpParseStatus::kTruncated;
  const size_t captured = std::min(total_length, bytes.size());
  const uint16_t flags_offset = sip::load_be16(&bytes[6]);
  out.src = IpAddress::v4(&bytes[12]);
  out.dst = IpAddress::v4(&bytes[16]);
  out.protocol = bytes[9];
  out.payload = bytes.subspan(header_length, captured - header_length);
  out.fragment_offset = uint32_t{flags_offset & 0x1FFFu} * 8;
  out.more_fragments = (flags_offset & 0x2000u) != 0;
  out.is_fragment = out.more_fragments || out.fragment_offset != 0;
  out.fragment_id = sip::load_be16(&bytes[4]);
  out.missing_bytes = static_cast<uint32_t>(total_length - captured);
  return out.missing_bytes == 0 ? IpParseStatus::kOk : IpParseStatus::kPayloadTruncated;
}

IpParseStatus parse_ipv6(std::span<const uint8_t> bytes, IpPacket& out) {
  if (bytes.size() < 40) return IpParseStatus::kTruncated;
  size_t payload_length = sip::load_be16(&bytes[4]);
  if (payload_length == 0) payload_length = bytes.size() - 40;  // jumbogram or TSO
  const size_t captured = std::min(payload_length, bytes.size() - 40);
  out.src = IpAddress::v6(&bytes[8]);
  out.dst = IpAddress::v6(&bytes[24]);
  out.is_fragment = false;
  out.more_fragments = false;
  out.fragment_offset = 0;
  out.fragment_id = 0;
  out.missing_bytes = static_cast<uint32_t>(payload_length - captured);
  const IpParseStatus complete =
      out.missing_bytes == 0 ? IpParseStatus::kOk : IpParseStatus::kPayloadTruncated;

  // Headers running past the declared length are malformed; past the capture, truncated.
  const IpParseStatus cut_short =
      complete == IpParseStatus::kOk ? IpParseStatus::kMalformed : IpParseStatus::kTruncated;
  uint8_t next = bytes[6];
  std::span<const uint8_t> rest = bytes.subspan(40, captured);
  for (int i = 0; i < kMaxExtensionHeaders; ++i) {
    if (next == kFragment) {
      if (rest.size() < 8) return cut_short;
      const uint16_t offset_flags = sip::load_be16(&rest[2]);
      const uint32_t offset = uint32_t{offset_flags & 0xFFF8u};
      const bool more = (offset_flags & 1u) != 0;
      const uint8_t inner = rest[0];
      const uint32_t id = sip::load_be32(&rest[4]);
      rest = rest.subspan(8);
      if (offset == 0 && !more) {  // atomic fragment (RFC 6946): an ordinary packet
        next = inner;
        continue;
      }
      out.is_fragment = true;
      out.more_fragments = more;
      out.fragment_offset = offset;
      out.fragment_id = id;
      out.protocol = inner;  // the first header of the fragmentable part
      out.payload = rest;
      return complete;
    }
    if (!is_length_prefixed_extension(next) && next != kAuthentication) break;
    uint8_t protocol = 0;
    std::span<const uint8_t> payload;
    const IpParseStatus status = continue_ipv6_headers(next, rest, protocol, payload);
    if (status == IpParseStatus::kTruncated) return cut_short;
    if (status != IpParseStatus::kOk) return status;
    // continue_ipv6_headers stops at a Fragment header too; resume the loop there.
    next = protocol;
    rest = payload;
    if (next != kFragment) break;
  }
  out.protocol = next;
  out.payload = rest;
  return complete;
}

}  // namespace

IpParseStatus continue_ipv6_headers(uint8_t next_header, std::span<const uint8_t> bytes,
                                    uint8_t& protocol, std::span<const uint8_t>& payload) {
  for (int i = 0; i < kMaxExtensionHeaders; ++i) {
    size_t length;
    if (is_length_prefixed_extension(next_header)) {
      if (bytes.size() < 2) return IpParseStatus::kTruncated;
      length = (size_t{bytes[1]} + 1) * 8;
    } else if (next_header == kAuthentication) {
      if (bytes.size() < 2) return IpParseStatus::kTruncated;
      length = (size_t{bytes[1]} + 2) * 4;
    } else {
      protocol = next_header;
      payload = bytes;
      return IpParseStatus::kOk;
    }
    if (bytes.size() < length) return IpParseStatus::kTruncated;
    next_header = bytes[0];
    bytes = bytes.subspan(length);
  }
  return IpParseStatus::kMalformed;
}

IpParseStatus parse_ip_packet(std::span<const uint8_t> bytes, IpPacket& out) {
  if (bytes.empty()) return IpParseStatus::kTruncated;
  switch (bytes[0] >> 4) {
    case 4:
      return parse_ipv4(bytes, out);
    case 6:
      return parse_ipv6(bytes, out);
    default:
      return IpParseStatus::kMalformed;
  }
}

}  // namespace sipconf::harness
