#pragma once

#include <cstdint>
#include <span>

#include "harness/capture/ip_endpoint.h"

namespace sipconf::harness {

/// IP protocol numbers the decoder acts on.
inline constexpr uint8_t kIpProtoTcp = 6;
inline constexpr uint8_t kIpProtoUdp = 17;

enum class IpParseStatus : uint8_t {
  kOk,
  kTruncated,         ///< The capture ends inside the IP headers.
  kPayloadTruncated,  ///< Headers complete, payload cut short (see IpPacket::missing_bytes).
  kMalformed,         ///< Wrong version, impossible lengths, undecodable extension headers.
};

/// One IPv4 packet or IPv6 packet, its headers parsed. For a fragment, `protocol`
/// and `payload` describe the fragment's data: the IPv6 extension headers that follow
/// the Fragment header are only parsed after reassembly (continue_ipv6_headers).
struct IpPacket {
  IpAddress src;
  IpAddress dst;
  uint8_t protocol = 0;              ///< Upper-layer protocol (after IPv6 extension headers).
  std::span<const uint8_t> payload;  ///< Views the caller's bytes, trimmed to the IP length.
  bool is_fragment = false;
  bool more_fragments = false;
  uint32_t fragment_offset = 0;  ///< In bytes.
  uint32_t fragment_id = 0;      ///< IPv4 Identification or IPv6 Fragment header ID.
  uint32_t missing_bytes = 0;    ///< Payload bytes declared by IP but not captured.
};

/// Parses an IPv4 or IPv6 packet (version from the first nibble). Link-layer padding
/// after the IP length is dropped; IPv4 total length 0 (a TSO artefact in captures
/// taken on the sending host) means "the rest of the frame".
IpParseStatus parse_ip_packet(std::span<const uint8_t> bytes, IpPacket& out);

/// Walks an IPv6 extension-header chain (hop-by-hop, routing, destination options,
/// AH, mobility) starting with `next_header` over `bytes`, setting `protocol` and
/// `payload` to the upper layer. Used on reassembled fragmentable parts.
IpParseStatus continue_ipv6_headers(uint8_t next_header, std::span<const uint8_t> bytes,
                                    uint8_t& protocol, std::span<const uint8_t>& payload);

}  // namespace sipconf::harness
