#pragma once

#include <cstdint>
#include <optional>
#include <span>

/// RTCP compound packets (RFC 3550 §6): validation, the walk over their packets, and the
/// sender and receiver reports the analysis attributes to RTP streams.
namespace sipconf::sip {

inline constexpr std::uint8_t kRtcpSenderReport = 200;
inline constexpr std::uint8_t kRtcpReceiverReport = 201;

/// One packet of a compound packet (RFC 3550 §6.4). The body is a view into the datagram.
struct RtcpPacketView {
  std::uint8_t packet_type = 0;
  std::uint8_t count = 0;  ///< Report count (SR/RR), source count (SDES/BYE) or subtype.
  std::span<const std::uint8_t> body;  ///< After the 4-byte common header, padding removed.
};

struct RtcpSenderInfo {
  std::uint64_t ntp_timestamp = 0;
  std::uint32_t rtp_timestamp = 0;
  std::uint32_t packet_count = 0;
  std::uint32_t octet_count = 0;
};

struct RtcpReportBlock {
  std::uint32_t ssrc = 0;            ///< The source this block reports on.
  std::uint8_t fraction_lost = 0;    ///< Fixed point, /256.
  std::int32_t cumulative_lost = 0;  ///< 24-bit signed.
  std::uint32_t extended_highest_sequence = 0;
  std::uint32_t jitter = 0;  ///< Timestamp units.
  std::uint32_t last_sr = 0;
  std::uint32_t delay_since_last_sr = 0;
};

/// Validates a compound datagram as RFC 3550 A.2 does (relaxed for RFC 5506 reduced-size
/// RTCP): version 2 in every packet, packet types 192..223, the first one 200..207, lengths
/// that add up exactly, padding only in the last packet. Strict, because RTCP is recognised
/// on any port: a datagram that passes is RTCP and nothing else.
bool is_rtcp_compound(std::span<const std::uint8_t> bytes);

/// Walks the packets of a compound datagram already checked by is_rtcp_compound.
class RtcpCompoundReader {
 public:
  explicit RtcpCompoundReader(std::span<const std::uint8_t> bytes) : rest_(bytes) {}
  /// The next packet; nullopt after the last one.
  std::optional<RtcpPacketView> next();

 private:
  std::span<const std::uint8_t> rest_;
};

/// The SSRC of the sender of an SR or RR (and the first SSRC of SDES, BYE, feedback).
std::optional<std::uint32_t> rtcp_sender_ssrc(const RtcpPacketView& packet);

/// The sender info of an SR; nullopt for other packets or a short body.
std::optional<RtcpSenderInfo> rtcp_sender_info(const RtcpPacketView& packet);

/// The `index`-th report block of an SR or RR; nullopt past the last one.
std::optional<RtcpReportBlock> rtcp_report_block(const RtcpPacketView& packet, int index);

}  // namespace sipconf::sip
