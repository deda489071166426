#include "harness/analysis/rtcp_packet.h"

#include "sip/base/byte_order.h"

namespace sipconf::harness {

bool is_rtcp_compound(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4 || bytes[1] < 200 || bytes[1] > 207) return false;
  size_t offset = 0;
  while (offset < bytes.size()) {
    if (bytes.size() - offset < 4) return false;
    const uint8_t* p = &bytes[offset];
    if ((p[0] >> 6) != 2 || p[1] < 192 || p[1] > 223) return false;
    const size_t length = (size_t{sip::load_be16(p + 2)} + 1) * 4;
    if (length > bytes.size() - offset) return false;
    const bool padded = (p[0] & 0x20) != 0;
    if (padded && offset + length != bytes.size()) return false;
    offset += length;
  }
  return offset == bytes.size();
}

bool RtcpCompoundReader::next(RtcpPacketView& packet) {
  if (rest_.size() < 4) return false;
  const size_t length = (size_t{sip::load_be16(&rest_[2])} + 1) * 4;
  if (length > rest_.size()) return false;
  packet.packet_type = rest_[1];
  packet.count = rest_[0] & 0x1F;
  size_t body_end = length;
  if ((rest_[0] & 0x20) != 0) {
    const size_t padding = rest_[length - 1];
    body_end = padding <= length - 4 ? length - padding : 4;
  }
  packet.body = rest_.subspan(4, body_end - 4);
  rest_ = rest_.subspan(length);
  return true;
}

bool rtcp_sender_ssrc(const RtcpPacketView& packet, uint32_t& ssrc) {
  if (packet.body.size() < 4) return false;
  ssrc = sip::load_be32(packet.body.data());
  return true;
}

bool rtcp_sender_info(const RtcpPacketView& packet, RtcpSenderInfo& info) {
  if (packet.packet_type != kRtcpSenderReport || packet.body.size() < 24) return false;
  const uint8_t* p = packet.body.data() + 4;
  info.ntp_timestamp = (uint64_t{sip::load_be32(p)} << 32) | sip::load_be32(p + 4);
  info.rtp_timestamp = sip::load_be32(p + 8);
  info.packet_count = sip::load_be32(p + 12);
  info.octet_count = sip::load_be32(p + 16);
  return true;
}

bool rtcp_report_block(const RtcpPacketView& packet, int index, RtcpReportBlock& block) {
  size_t offset;
  if (packet.packet_type == kRtcpSenderReport) {
    offset = 24;
  } else if (packet.packet_type == kRtcpReceiverReport) {
    offset = 4;
  } else {
    return false;
  }
  if (index < 0 || index >= packet.count) return false;
  offset += static_cast<size_t>(index) * 24;
  if (offset + 24 > packet.body.size()) return false;
  const uint8_t* p = packet.body.data() + offset;
  block.ssrc = sip::load_be32(p);
  block.fraction_lost = p[4];
  uint32_t lost = (uint32_t{p[5]} << 16) | (uint32_t{p[6]} << 8) | p[7];
  if (lost & 0x800000u) lost |= 0xFF000000u;  // sign-extend 24 bits
  block.cumulative_lost = static_cast<int32_t>(lost);
  block.extended_highest_sequence = sip::load_be32(p + 8);
  block.jitter = sip::load_be32(p + 12);
  block.last_sr = sip::load_be32(p + 16);
  block.delay_since_last_sr = sip::load_be32(p + 20);
  return true;
}

}  // namespace sipconf::harness
