#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/tcp_stream_reassembler.h"

namespace sipconf::harness {

/// Builds well-formed frames (valid lengths and checksums) for synthetic captures:
/// unit tests of the decoder, and the benchmark's generated traffic.

struct TcpFields {
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint8_t flags = kTcpAck;
  uint16_t window = 65535;
};

struct Ipv4Fields {
  uint16_t id = 0;
  uint32_t fragment_offset = 0;  ///< Bytes; a multiple of 8.
  bool more_fragments = false;
  uint8_t ttl = 64;
};

/// UDP header and payload; the checksum covers the pseudo header of src/dst.
std::vector<uint8_t> build_udp(const Endpoint& src, const Endpoint& dst,
                               std::span<const uint8_t> payload);

/// TCP header (20 bytes, no options) and payload.
std::vector<uint8_t> build_tcp(const Endpoint& src, const Endpoint& dst, const TcpFields& fields,
                               std::span<const uint8_t> payload);

std::vector<uint8_t> build_ipv4(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                                std::span<const uint8_t> payload, const Ipv4Fields& fields = {});

/// IPv6 header; `payload` may begin with extension headers, `next_header` names the first.
std::vector<uint8_t> build_ipv6(const IpAddress& src, const IpAddress& dst, uint8_t next_header,
                                std::span<const uint8_t> payload);

/// IPv4 or IPv6 (from the address family) around a transport payload.
std::vector<uint8_t> build_ip(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                              std::span<const uint8_t> payload);

/// An options-style IPv6 extension header (hop-by-hop 0, routing 43, destination 60)
/// of `length` bytes (a multiple of 8, at least 8), padded with PadN.
std::vector<uint8_t> ipv6_extension_header(uint8_t type, uint8_t next_header, size_t length);

/// An IPv6 Fragment header (offset in bytes, a multiple of 8).
std::vector<uint8_t> ipv6_fragment_header(uint8_t next_header, uint32_t offset, bool more,
                                          uint32_t id);

/// Splits `payload` (a transport header and data, or for IPv6 anything that follows
/// the Fragment header) into IP fragments carrying at most `fragment_size` bytes each
/// (rounded down to a multiple of 8); `protocol` names the first header of `payload`.
std::vector<std::vector<uint8_t>> build_ip_fragments(const IpAddress& src, const IpAddress& dst,
                                                     uint8_t protocol,
                                                     std::span<const uint8_t> payload,
                                                     size_t fragment_size, uint32_t id);

/// Wraps an IP packet in the link-layer header of `dlt` (Ethernet, SLL, SLL2, NULL,
/// LOOP, raw). `vlan_ids` become 802.1Q tags (the first one 802.1ad when there are
/// two or more) for Ethernet.
std::vector<uint8_t> wrap_link(int dlt, std::span<const uint8_t> ip_packet,
                               std::span<const uint16_t> vlan_ids = {});

/// Convenience: Ethernet + IP + UDP.
std::vector<uint8_t> build_udp_frame(const Endpoint& src, const Endpoint& dst,
                                     std::span<const uint8_t> payload);

/// Convenience: Ethernet + IP + TCP.
std::vector<uint8_t> build_tcp_frame(const Endpoint& src, const Endpoint& dst,
                                     const TcpFields& fields, std::span<const uint8_t> payload);

}  // namespace sipconf::harness
