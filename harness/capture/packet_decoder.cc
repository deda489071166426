#include "harness/capture/packet_decoder.h"

#include "harness/capture/link_layer.h"
#include "sip/base/byte_order.h"

namespace sipconf::harness {

PacketDecoder::PacketDecoder(int link_type, PayloadVisitor& visitor, DecoderOptions options)
    : link_type_(link_type),
      visitor_(visitor),
      fragments_(options.fragments),
      tcp_(visitor, options.tcp) {}

void PacketDecoder::decode(const RawFrame& frame) {
  ++stats_.frames;
  stats_.captured_bytes += frame.bytes.size();
  stats_.wire_bytes += frame.wire_length;
  if (frame.bytes.size() < frame.wire_length) ++stats_.frames_cut_by_snaplen;

  const LinkFrame link = decode_link_layer(link_type_, frame.bytes);
  if (link.status == LinkStatus::kTruncated) {
    ++stats_.truncated;
    return;
  }
  if (link.status == LinkStatus::kNotIp) {
    ++stats_.non_ip;
    return;
  }

  IpPacket ip;
  const IpParseStatus status = parse_ip_packet(link.network, ip);
  if (status == IpParseStatus::kMalformed) {
    ++stats_.ip_malformed;
    return;
  }
  if (status == IpParseStatus::kTruncated) {
    ++stats_.truncated;
    return;
  }
  if (status == IpParseStatus::kPayloadTruncated) {
    ++stats_.truncated;
    if (!ip.is_fragment && ip.protocol == kIpProtoTcp) decode_truncated_tcp(frame.timestamp_ns, ip);
    return;
  }
  ++(ip.src.family == IpFamily::kV4 ? stats_.ipv4 : stats_.ipv6);

  if (ip.is_fragment) {
    ReassembledDatagram datagram;
    if (fragments_.add(ip, frame.timestamp_ns, datagram) !=
        IpFragmentReassembler::Result::kComplete) {
      return;
    }
    decode_transport(frame.timestamp_ns, datagram.src, datagram.dst, datagram.protocol,
                     datagram.payload, true);
    return;
  }
  decode_transport(frame.timestamp_ns, ip.src, ip.dst, ip.protocol, ip.payload, false);
}

void PacketDecoder::decode_transport(uint64_t timestamp_ns, const IpAddress& src,
                                     const IpAddress& dst, uint8_t protocol,
                                     std::span<const uint8_t> payload, bool reassembled) {
  if (protocol == kIpProtoUdp) {
    if (payload.size() < 8) {
      ++stats_.udp_malformed;
      return;
    }
    size_t udp_length = sip::load_be16(&payload[4]);
    if (udp_length == 0) udp_length = payload.size();  // IPv6 jumbogram or TSO
    if (udp_length < 8 || udp_length > payload.size()) {
      ++stats_.udp_malformed;
      return;
    }
    Datagram datagram;
    datagram.timestamp_ns = timestamp_ns;
    datagram.src = Endpoint{src, sip::load_be16(&payload[0])};
    datagram.dst = Endpoint{dst, sip::load_be16(&payload[2])};
    datagram.payload = payload.subspan(8, udp_length - 8);
    datagram.reassembled = reassembled;
    ++stats_.udp;
    stats_.udp_bytes += datagram.payload.size();
    visitor_.on_datagram(datagram);
    return;
  }
  if (protocol == kIpProtoTcp) {
    const size_t header_length = payload.size() >= 20 ? (size_t{payload[12]} >> 4) * 4 : 0;
    if (header_length < 20 || header_length > payload.size()) {
      ++stats_.tcp_malformed;
      return;
    }
    TcpSegment segment;
    segment.timestamp_ns = timestamp_ns;
    segment.src = Endpoint{src, sip::load_be16(&payload[0])};
    segment.dst = Endpoint{dst, sip::load_be16(&payload[2])};
    segment.seq = sip::load_be32(&payload[4]);
    segment.ack = sip::load_be32(&payload[8]);
    segment.flags = payload[13];
    segment.payload = payload.subspan(header_length);
    tcp_.add(segment);
    return;
  }
  ++stats_.other_ip_protocol;
}

void PacketDecoder::decode_truncated_tcp(uint64_t timestamp_ns, const IpPacket& ip) {
  // The header tells where the lost bytes sit in the stream, so the reassembler can
  // report a precise gap instead of waiting for evidence of a loss.
  const std::span<const uint8_t> p = ip.payload;
  if (p.size() < 20) return;
  const size_t header_length = (size_t{p[12]} >> 4) * 4;
  if (header_length < 20 || header_length > p.size()) return;
  TcpSegment segment;
  segment.timestamp_ns = timestamp_ns;
  segment.src = Endpoint{ip.src, sip::load_be16(&p[0])};
  segment.dst = Endpoint{ip.dst, sip::load_be16(&p[2])};
  segment.seq = sip::load_be32(&p[4]);
  segment.ack = sip::load_be32(&p[8]);
  segment.flags = p[13];
  segment.missing_length = static_cast<uint32_t>(p.size() - header_length + ip.missing_bytes);
  tcp_.add(segment);
}

void PacketDecoder::finish() { tcp_.finish(); }

DecodeStats PacketDecoder::stats() const {
  DecodeStats s = stats_;
  s.fragments = fragments_.stats();
  s.tcp = tcp_.stats();
  return s;
}

}  // namespace sipconf::harness
