#include "harness/capture/link_layer.h"

#include <pcap/pcap.h>

#include <array>

#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

constexpr uint16_t kEtherTypeIpv4 = 0x0800;
constexpr uint16_t kEtherTypeIpv6 = 0x86DD;
constexpr uint16_t kEtherTypeVlan = 0x8100;
constexpr uint16_t kEtherTypeQinQ = 0x88A8;
constexpr uint16_t kEtherTypeQinQLegacy = 0x9100;
constexpr uint16_t kEtherTypePppoeSession = 0x8864;
constexpr uint16_t kPppIpv4 = 0x0021;
constexpr uint16_t kPppIpv6 = 0x0057;
constexpr int kMaxVlanTags = 8;

constexpr int kLinktypeRaw = 101;  // LINKTYPE_RAW, in case a reader reports it unmapped.

constexpr std::array kSupported = {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL,
                                   DLT_LOOP,   DLT_RAW,       DLT_IPV4,       DLT_IPV6};

LinkFrame ip_frame(NetworkProtocol protocol, std::span<const uint8_t> network) {
  LinkFrame f;
  f.status = LinkStatus::kOk;
  f.protocol = protocol;
  f.network = network;
  return f;
}

LinkFrame truncated() {
  LinkFrame f;
  f.status = LinkStatus::kTruncated;
  return f;
}

/// Raw IP: the version nibble is the only type information there is.
LinkFrame raw_ip(std::span<const uint8_t> bytes) {
  if (bytes.empty()) return truncated();
  switch (bytes[0] >> 4) {
    case 4:
      return ip_frame(NetworkProtocol::kIpv4, bytes);
    case 6:
      return ip_frame(NetworkProtocol::kIpv6, bytes);
    default:
      return LinkFrame{};
  }
}

/// Follows an EtherType through VLAN tags and PPPoE to the IP payload. `offset`
/// points just after the EtherType field that held `ether_type`.
LinkFrame from_ether_type(uint16_t ether_type, std::span<const uint8_t> frame, size_t offset) {
  LinkFrame result;
  for (int tags = 0;; ++tags) {
    if (ether_type != kEtherTypeVlan && ether_type != kEtherTypeQinQ &&
        ether_type != kEtherTypeQinQLegacy) {
      break;
    }
    if (tags == kMaxVlanTags) return LinkFrame{};
    if (frame.size() < offset + 4) return truncated();
    if (result.vlan_tags == 0) result.outer_vlan = sip::load_be16(&frame[offset]) & 0x0FFF;
    ++result.vlan_tags;
    ether_type = sip::load_be16(&frame[offset + 2]);
    offset += 4;
  }
  if (ether_type == kEtherTypePppoeSession) {
    // PPPoE session header (6 bytes) then the 2-byte PPP protocol number.
    if (frame.size() < offset + 8) return truncated();
    const uint16_t ppp = sip::load_be16(&frame[offset + 6]);
    offset += 8;
    if (ppp == kPppIpv4) ether_type = kEtherTypeIpv4;
    if (ppp == kPppIpv6) ether_type = kEtherTypeIpv6;
  }
  NetworkProtocol protocol;
  if (ether_type == kEtherTypeIpv4) {
    protocol = NetworkProtocol::kIpv4;
  } else if (ether_type == kEtherTypeIpv6) {
    protocol = NetworkProtocol::kIpv6;
  } else {
    return result;
  }
  LinkFrame ip = ip_frame(protocol, frame.subspan(offset));
  ip.outer_vlan = result.outer_vlan;
  ip.vlan_tags = result.vlan_tags;
  return ip;
}

LinkFrame ethernet(std::span<const uint8_t> frame) {
  if (frame.size() < 14) return truncated();
  return from_ether_type(sip::load_be16(&frame[12]), frame, 14);
}

/// BSD loopback: a 4-byte address family, host order for DLT_NULL (of the machine
/// that captured, not ours) and network order for DLT_LOOP. Both orders are tried;
/// AF_INET6 differs between BSDs, so every known value is accepted.
LinkFrame bsd_loopback(std::span<const uint8_t> frame) {
  if (frame.size() < 4) return truncated();
  const uint32_t le = sip::load_le32(frame.data());
  const uint32_t be = sip::load_be32(frame.data());
  auto is = [&](uint32_t af) { return le == af || be == af; };
  std::span<const uint8_t> ip = frame.subspan(4);
  if (is(2)) return ip_frame(NetworkProtocol::kIpv4, ip);
  if (is(10) || is(24) || is(28) || is(30)) return ip_frame(NetworkProtocol::kIpv6, ip);
  return LinkFrame{};
}

}  // namespace

bool is_supported_link_type(int dlt) {
  for (int supported : kSupported) {
    if (supported == dlt) return true;
  }
  return dlt == kLinktypeRaw;
}

std::string link_type_name(int dlt) {
  const char* name = pcap_datalink_val_to_name(dlt);
  return name != nullptr ? std::string(name) : std::to_string(dlt);
}

std::string supported_link_type_names() {
  std::string names;
  for (int dlt : kSupported) {
    if (!names.empty()) names += ", ";
    names += link_type_name(dlt);
  }
  return names;
}

LinkFrame decode_link_layer(int dlt, std::span<const uint8_t> frame) {
  switch (dlt) {
    case DLT_EN10MB:
      return ethernet(frame);
    case DLT_LINUX_SLL:
      // packet type, ARPHRD, address length, 8 address bytes, protocol.
      if (frame.size() < 16) return truncated();
      return from_ether_type(sip::load_be16(&frame[14]), frame, 16);
    case DLT_LINUX_SLL2:
      // protocol, reserved, interface index, ARPHRD, packet type, address length, address.
      if (frame.size() < 20) return truncated();
      return from_ether_type(sip::load_be16(&frame[0]), frame, 20);
    case DLT_NULL:
    case DLT_LOOP:
      return bsd_loopback(frame);
    case DLT_RAW:
    case kLinktypeRaw:
      return raw_ip(frame);
    case DLT_IPV4:
      return frame.empty() ? truncated() : ip_frame(NetworkProtocol::kIpv4, frame);
    case DLT_IPV6:
      return frame.empty() ? truncated() : ip_frame(NetworkProtocol::kIpv6, frame);
    default:
      return LinkFrame{};
  }
}

}  // namespace sipconf::harness
