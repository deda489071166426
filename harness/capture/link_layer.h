#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace sipconf::harness {

/// What the link layer carried.
enum class NetworkProtocol : uint8_t { kIpv4, kIpv6, kOther };

enum class LinkStatus : uint8_t {
  kOk,         ///< `network` views the IP packet.
  kNotIp,      ///< A well-formed frame that does not carry IP (ARP, LLDP, ...).
  kTruncated,  ///< The capture ends inside the link-layer headers.
};

/// The network-layer part of one link-layer frame.
struct LinkFrame {
  LinkStatus status = LinkStatus::kNotIp;
  NetworkProtocol protocol = NetworkProtocol::kOther;
  std::span<const uint8_t> network;  ///< Views the caller's frame bytes.
  uint16_t outer_vlan = 0;           ///< First 802.1Q/802.1ad VLAN ID seen, 0 if untagged.
  uint8_t vlan_tags = 0;             ///< How many VLAN tags were stripped.
};

/// True for the DLT_ values decode_link_layer understands: Ethernet (with 802.1Q/QinQ
/// tags and PPPoE sessions), Linux cooked SLL and SLL2, BSD NULL and LOOP, raw IP.
bool is_supported_link_type(int dlt);

/// libpcap's short name for a DLT_ value ("EN10MB"), or its number when unknown.
std::string link_type_name(int dlt);

/// Comma-separated names of the supported link types, for error messages.
std::string supported_link_type_names();

/// Strips the link-layer headers of a frame captured with link type `dlt`.
/// Never reads outside `frame`; an unsupported `dlt` yields kNotIp.
LinkFrame decode_link_layer(int dlt, std::span<const uint8_t> frame);

}  // namespace sipconf::harness
