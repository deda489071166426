#include "sip/rtp/rtcp_packet.h"

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

constexpr std::size_t kCommonHeader = 4;
constexpr std::size_t kSenderInfo = 20;
constexpr std::size_t kReportBlock = 24;

/// Bytes of the packet that starts at `p`: its length field counts 32-bit words minus one.
std::size_t rtcp_packet_length(const std::uint8_t* p) {
  return (std::size_t{load_be16(p + 2)} + 1) * 4;
}

}  // namespace

bool is_rtcp_compound(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < kCommonHeader || bytes[1] < 200 || bytes[1] > 207) return false;
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    if (bytes.size() - offset < kCommonHeader) return false;
    const std::uint8_t* p = &bytes[offset];
    if ((p[0] >> 6) != 2 || p[1] < 192 || p[1] > 223) return false;
    const std::size_t length = rtcp_packet_length(p);
    if (length > bytes.size() - offset) return false;
    const bool padded = (p[0] & 0x20) != 0;
    if (padded && offset + length != bytes.size()) return false;
    offset += length;
  }
  return offset == bytes.size();
}

std::optional<RtcpPacketView> RtcpCompoundReader::next() {
  if (rest_.size() < kCommonHeader) return std::nullopt;
  const std::size_t length = rtcp_packet_length(rest_.data());
  if (length > rest_.size()) return std::nullopt;
  RtcpPacketView packet;
  packet.packet_type = rest_[1];
  packet.count = rest_[0] & 0x1F;
  std::size_t body_end = length;
  if ((rest_[0] & 0x20) != 0) {
    const std::size_t padding = rest_[length - 1];
    body_end = padding <= length - kCommonHeader ? length - padding : kCommonHeader;
  }
  packet.body = rest_.subspan(kCommonHeader, body_end - kCommonHeader);
  rest_ = rest_.subspan(length);
  return packet;
}

std::optional<std::uint32_t> rtcp_sender_ssrc(const RtcpPacketView& packet) {
  if (packet.body.size() < 4) return std::nullopt;
  return load_be32(packet.body.data());
}

std::optional<RtcpSenderInfo> rtcp_sender_info(const RtcpPacketView& packet) {
  if (packet.packet_type != kRtcpSenderReport || packet.body.size() < 4 + kSenderInfo) {
    return std::nullopt;
  }
  const std::uint8_t* p = packet.body.data() + 4;
  RtcpSenderInfo info;
  info.ntp_timestamp = (std::uint64_t{load_be32(p)} << 32) | load_be32(p + 4);
  info.rtp_timestamp = load_be32(p + 8);
  info.packet_count = load_be32(p + 12);
  info.octet_count = load_be32(p + 16);
  return info;
}

std::optional<RtcpReportBlock> rtcp_report_block(const RtcpPacketView& packet, int index) {
  std::size_t offset;
  if (packet.packet_type == kRtcpSenderReport) {
    offset = 4 + kSenderInfo;
  } else if (packet.packet_type == kRtcpReceiverReport) {
    offset = 4;
  } else {
    return std::nullopt;
  }
  if (index < 0 || index >= packet.count) return std::nullopt;
  offset += static_cast<std::size_t>(index) * kReportBlock;
  if (offset + kReportBlock > packet.body.size()) return std::nullopt;
  const std::uint8_t* p = packet.body.data() + offset;
  RtcpReportBlock block;
  block.ssrc = load_be32(p);
  block.fraction_lost = p[4];
  std::uint32_t lost = (std::uint32_t{p[5]} << 16) | (std::uint32_t{p[6]} << 8) | p[7];
  if (lost & 0x800000u) lost |= 0xFF000000u;  // sign-extend 24 bits
  block.cumulative_lost = static_cast<std::int32_t>(lost);
  block.extended_highest_sequence = load_be32(p + 8);
  block.jitter = load_be32(p + 12);
  block.last_sr = load_be32(p + 16);
  block.delay_since_last_sr = load_be32(p + 20);
  return block;
}

}  // namespace sipconf::sip
