#pragma once

#include <cstdint>
#include <span>

namespace sipconf::harness {

inline constexpr uint8_t kRtcpSenderReport = 200;
inline constexpr uint8_t kRtcpReceiverReport = 201;

/// One packet of an RTCP compound packet (RFC 3550 §6.4).
struct RtcpPacketView {
  uint8_t packet_type = 0;
  uint8_t count = 0;              ///< Report count (SR/RR), source count (SDES/BYE) or subtype.
  std::span<const uint8_t> body;  ///< After the 4-byte common header, padding removed.
};

struct RtcpSenderInfo {
  uint64_t ntp_timestamp = 0;
  uint32_t rtp_timestamp = 0;
  uint32_t packet_count = 0;
  uint32_t octet_count = 0;
};

struct RtcpReportBlock {
  uint32_t ssrc = 0;            ///< The source this block reports on.
  uint8_t fraction_lost = 0;    ///< Fixed point, /256.
  int32_t cumulative_lost = 0;  ///< 24-bit signed.
  uint32_t extended_highest_sequence = 0;
  uint32_t jitter = 0;  ///< Timestamp units.
  uint32_t last_sr = 0;
  uint32_t delay_since_last_sr = 0;
};

/// Validates an RTCP compound datagram as RFC 3550 A.2 does (relaxed for RFC 5506
/// reduced-size RTCP): version 2 in every packet, packet types 192..223, the first one
/// 200..207, lengths that add up exactly, padding only in the last packet.
bool is_rtcp_compound(std::span<const uint8_t> bytes);

/// Iterates the packets of a compound datagram already checked by is_rtcp_compound.
class RtcpCompoundReader {
 public:
  explicit RtcpCompoundReader(std::span<const uint8_t> bytes) : rest_(bytes) {}
  bool next(RtcpPacketView& packet);

 private:
  std::span<const uint8_t> rest_;
};

/// The SSRC of the sender of an SR, RR (and the first SSRC of SDES/BYE/feedback).
bool rtcp_sender_ssrc(const RtcpPacketView& packet, uint32_t& ssrc);

/// Sender info of an SR.
bool rtcp_sender_info(const RtcpPacketView& packet, RtcpSenderInfo& info);

/// The `index`-th report block of an SR or RR.
bool rtcp_report_block(const RtcpPacketView& packet, int index, RtcpReportBlock& block);

}  // namespace sipconf::harness
