#pragma once

#include <cstdint>
#include <span>

#include "harness/capture/decode_stats.h"
#include "harness/capture/ip_fragment_reassembler.h"
#include "harness/capture/payload_visitor.h"
#include "harness/capture/tcp_stream_reassembler.h"

namespace sipconf::harness {

/// One captured frame. `bytes` views the producer's buffer (libpcap's, for files and
/// live captures) and only needs to stay valid during PacketDecoder::decode().
struct RawFrame {
  uint64_t timestamp_ns = 0;
  std::span<const uint8_t> bytes;  ///< Captured bytes (caplen).
  uint32_t wire_length = 0;        ///< Original length on the wire (len).
};

struct DecoderOptions {
  FragmentReassemblyOptions fragments;
  TcpReassemblyOptions tcp;
};

/// Turns raw frames into UDP datagrams and in-order TCP chunks for a PayloadVisitor:
/// link layer, IPv4/IPv6 (extension headers, fragment reassembly), UDP, TCP stream
/// reassembly. Untrusted bytes never throw: every frame that cannot be decoded is
/// counted in DecodeStats. The UDP path allocates nothing.
class PacketDecoder {
 public:
  PacketDecoder(int link_type, PayloadVisitor& visitor, DecoderOptions options = {});

  void decode(const RawFrame& frame);

  /// Flushes TCP streams (holes become gaps) and ends open connections. Call once at
  /// the end of the input; decode() must not be called afterwards.
  void finish();

  /// A snapshot of the counters, including the fragment and TCP reassemblers'.
  DecodeStats stats() const;

 private:
  void decode_transport(uint64_t timestamp_ns, const IpAddress& src, const IpAddress& dst,
                        uint8_t protocol, std::span<const uint8_t> payload, bool reassembled);
  void decode_truncated_tcp(uint64_t timestamp_ns, const IpPacket& ip);

  int link_type_;
  PayloadVisitor& visitor_;
  IpFragmentReassembler fragments_;
  TcpStreamReassembler tcp_;
  DecodeStats stats_;
};

}  // namespace sipconf::harness
