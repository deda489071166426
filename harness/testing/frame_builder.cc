#include "harness/testing/frame_builder.h"

#include <pcap/pcap.h>

#include <algorithm>

#include "harness/capture/ip_packet.h"
#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

constexpr uint8_t kIpv6Fragment = 44;

/// RFC 1071 one's-complement sum, folded; `initial` carries a pseudo-header sum.
uint32_t ones_complement_sum(std::span<const uint8_t> bytes, uint32_t initial) {
  uint64_t sum = initial;
  size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) sum += sip::load_be16(&bytes[i]);
  if (i < bytes.size()) sum += uint32_t{bytes[i]} << 8;
  while (sum >> 16) sum = (sum & 0xFFFF) + (sum >> 16);
  return static_cast<uint32_t>(sum);
}

uint16_t finish_checksum(uint32_t sum) {
  const uint16_t c = static_cast<uint16_t>(~sum & 0xFFFF);
  return c;
}

uint32_t pseudo_header_sum(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                           size_t length) {
  uint32_t sum = ones_complement_sum(std::span(src.bytes.data(), src.size()), 0);
  sum = ones_complement_sum(std::span(dst.bytes.data(), dst.size()), sum);
  uint64_t total = uint64_t{sum} + protocol + (length & 0xFFFF) + (length >> 16);
  while (total >> 16) total = (total & 0xFFFF) + (total >> 16);
  return static_cast<uint32_t>(total);
}

void set_transport_checksum(std::vector<uint8_t>& segment, size_t checksum_offset,
                            const Endpoint& src, const Endpoint& dst, uint8_t protocol) {
  const uint32_t sum =
      ones_complement_sum(segment, pseudo_header_sum(src.ip, dst.ip, protocol, segment.size()));
  uint16_t checksum = finish_checksum(sum);
  if (protocol == kIpProtoUdp && checksum == 0) checksum = 0xFFFF;
  sip::store_be16(&segment[checksum_offset], checksum);
}

}  // namespace

std::vector<uint8_t> build_udp(const Endpoint& src, const Endpoint& dst,
                               std::span<const uint8_t> payload) {
  std::vector<uint8_t> s(8 + payload.size());
  sip::store_be16(&s[0], src.port);
  sip::store_be16(&s[2], dst.port);
  sip::store_be16(&s[4], static_cast<uint16_t>(s.size()));
  std::copy(payload.begin(), payload.end(), s.begin() + 8);
  set_transport_checksum(s, 6, src, dst, kIpProtoUdp);
  return s;
}

std::vector<uint8_t> build_tcp(const Endpoint& src, const Endpoint& dst, const TcpFields& fields,
                               std::span<const uint8_t> payload) {
  std::vector<uint8_t> s(20 + payload.size());
  sip::store_be16(&s[0], src.port);
  sip::store_be16(&s[2], dst.port);
  sip::store_be32(&s[4], fields.seq);
  sip::store_be32(&s[8], fields.ack);
  s[12] = 5 << 4;
  s[13] = fields.flags;
  sip::store_be16(&s[14], fields.window);
  std::copy(payload.begin(), payload.end(), s.begin() + 20);
  set_transport_checksum(s, 16, src, dst, kIpProtoTcp);
  return s;
}

std::vector<uint8_t> build_ipv4(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                                std::span<const uint8_t> payload, const Ipv4Fields& fields) {
  std::vector<uint8_t> p(20 + payload.size());
  p[0] = 0x45;
  sip::store_be16(&p[2], static_cast<uint16_t>(p.size()));
  sip::store_be16(&p[4], fields.id);
  sip::store_be16(&p[6], static_cast<uint16_t>(((fields.fragment_offset / 8) & 0x1FFF) |
                                               (fields.more_fragments ? 0x2000 : 0)));
  p[8] = fields.ttl;
  p[9] = protocol;
  std::copy_n(src.bytes.begin(), 4, p.begin() + 12);
  std::copy_n(dst.bytes.begin(), 4, p.begin() + 16);
  sip::store_be16(&p[10], finish_checksum(ones_complement_sum(std::span(p.data(), 20), 0)));
  std::copy(payload.begin(), payload.end(), p.begin() + 20);
  return p;
}

std::vector<uint8_t> build_ipv6(const IpAddress& src, const IpAddress& dst, uint8_t next_header,
                                std::span<const uint8_t> payload) {
  std::vector<uint8_t> p(40 + payload.size());
  p[0] = 0x60;
  sip::store_be16(&p[4], static_cast<uint16_t>(payload.size()));
  p[6] = next_header;
  p[7] = 64;
  std::copy_n(src.bytes.begin(), 16, p.begin() + 8);
  std::copy_n(dst.bytes.begin(), 16, p.begin() + 24);
  std::copy(payload.begin(), payload.end(), p.begin() + 40);
  return p;
}

std::vector<uint8_t> build_ip(const IpAddress& src, const IpAddress& dst, uint8_t protocol,
                              std::span<const uint8_t> payload) {
  return src.family == IpFamily::kV4 ? build_ipv4(src, dst, protocol, payload)
                                     : build_ipv6(src, dst, protocol, payload);
}

std::vector<uint8_t> ipv6_fragment_header(uint8_t next_header, uint32_t offset, bool more,
                                          uint32_t id) {
  std::vector<uint8_t> h(8, 0);
  h[0] = next_header;
  sip::store_be16(&h[2], static_cast<uint16_t>((offset & 0xFFF8u) | (more ? 1u : 0u)));
  sip::store_be32(&h[4], id);
  return h;
}

std::vector<uint8_t> ipv6_extension_header(uint8_t type, uint8_t next_header, size_t length) {
  length = std::max<size_t>(8, length / 8 * 8);
  std::vector<uint8_t> h(length, 0);
  h[0] = next_header;
  h[1] = static_cast<uint8_t>(length / 8 - 1);
  if (type == 43) {
    h[2] = 0;  // routing type 0 with segments left 0: ignored by receivers
    return h;
  }
  h[2] = 1;  // PadN covering the rest
  h[3] = static_cast<uint8_t>(length - 4);
  return h;
}

std::vector<std::vector<uint8_t>> build_ip_fragments(const IpAddress& src, const IpAddress& dst,
                                                     uint8_t protocol,
                                                     std::span<const uint8_t> payload,
                                                     size_t fragment_size, uint32_t id) {
  fragment_size = std::max<size_t>(8, fragment_size / 8 * 8);
  std::vector<std::vector<uint8_t>> fragments;
  for (size_t offset = 0; offset < payload.size(); offset += fragment_size) {
    const size_t n = std::min(fragment_size, payload.size() - offset);
    const bool more = offset + n < payload.size();
    const auto piece = payload.subspan(offset, n);
    if (src.family == IpFamily::kV4) {
      Ipv4Fields fields;
      fields.id = static_cast<uint16_t>(id);
      fields.fragment_offset = static_cast<uint32_t>(offset);
      fields.more_fragments = more;
      fragments.push_back(build_ipv4(src, dst, protocol, piece, fields));
    } else {
      std::vector<uint8_t> body =
          ipv6_fragment_header(protocol, static_cast<uint32_t>(offset), more, id);
      body.insert(body.end(), piece.begin(), piece.end());
      fragments.push_back(build_ipv6(src, dst, kIpv6Fragment, body));
    }
  }
  return fragments;
}

std::vector<uint8_t> wrap_link(int dlt, std::span<const uint8_t> ip_packet,
                               std::span<const uint16_t> vlan_ids) {
  const bool v6 = !ip_packet.empty() && (ip_packet[0] >> 4) == 6;
  const uint16_t ether_type = v6 ? 0x86DD : 0x0800;
  std::vector<uint8_t> f;
  switch (dlt) {
    case DLT_EN10MB: {
      f = {0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01};  // locally administered MACs
      for (size_t i = 0; i < vlan_ids.size(); ++i) {
        const uint16_t tpid = (i == 0 && vlan_ids.size() > 1) ? 0x88A8 : 0x8100;
        f.push_back(static_cast<uint8_t>(tpid >> 8));
        f.push_back(static_cast<uint8_t>(tpid));
        f.push_back(static_cast<uint8_t>((vlan_ids[i] >> 8) & 0x0F));
        f.push_back(static_cast<uint8_t>(vlan_ids[i]));
      }
      f.push_back(static_cast<uint8_t>(ether_type >> 8));
      f.push_back(static_cast<uint8_t>(ether_type));
      break;
    }
    case DLT_LINUX_SLL:
      f.assign(16, 0);
      sip::store_be16(&f[2], 772);  // ARPHRD_LOOPBACK
      sip::store_be16(&f[4], 6);
      sip::store_be16(&f[14], ether_type);
      break;
    case DLT_LINUX_SLL2:
      f.assign(20, 0);
      sip::store_be16(&f[0], ether_type);
      sip::store_be32(&f[4], 1);  // interface index
      sip::store_be16(&f[8], 772);
      f[11] = 6;
      break;
    case DLT_NULL: {
      f.assign(4, 0);
      const uint32_t af = v6 ? 30 : 2;  // as written by a little-endian Darwin host
      f[0] = static_cast<uint8_t>(af);
      break;
    }
    case DLT_LOOP:
      f.assign(4, 0);
      sip::store_be32(&f[0], v6 ? 24 : 2);
      break;
    default:  // raw IP
      break;
  }
  f.insert(f.end(), ip_packet.begin(), ip_packet.end());
  return f;
}

std::vector<uint8_t> build_udp_frame(const Endpoint& src, const Endpoint& dst,
                                     std::span<const uint8_t> payload) {
  return wrap_link(DLT_EN10MB, build_ip(src.ip, dst.ip, kIpProtoUdp, build_udp(src, dst, payload)));
}

std::vector<uint8_t> build_tcp_frame(const Endpoint& src, const Endpoint& dst,
                                     const TcpFields& fields, std::span<const uint8_t> payload) {
  return wrap_link(DLT_EN10MB,
                   build_ip(src.ip, dst.ip, kIpProtoTcp, build_tcp(src, dst, fields, payload)));
}

}  // namespace sipconf::harness
