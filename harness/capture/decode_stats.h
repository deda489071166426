#pragma once

#include <cstdint>

#include <nlohmann/json.hpp>

#include "harness/capture/ip_fragment_reassembler.h"
#include "harness/capture/tcp_stream_reassembler.h"

namespace sipconf::harness {

/// Per-capture counters: what was read, what was decoded, what was dropped and why.
/// Every frame lands in exactly one of: truncated, non_ip, ip_malformed, or an IP counter.
struct DecodeStats {
  uint64_t frames = 0;
  uint64_t captured_bytes = 0;         ///< Bytes stored in the capture (caplen sum).
  uint64_t wire_bytes = 0;             ///< Bytes on the wire (len sum).
  uint64_t frames_cut_by_snaplen = 0;  ///< caplen < len (may still hold a whole IP packet).
  uint64_t truncated = 0;  ///< Frames whose headers or IP payload were cut off; not trusted.
  uint64_t non_ip = 0;     ///< ARP, LLDP and other non-IP frames.
  uint64_t ip_malformed = 0;
  uint64_t ipv4 = 0;
  uint64_t ipv6 = 0;
  uint64_t udp = 0;  ///< UDP datagrams delivered (a reassembled datagram counts once).
  uint64_t udp_bytes = 0;
  uint64_t udp_malformed = 0;
  uint64_t tcp_malformed = 0;
  uint64_t other_ip_protocol = 0;  ///< ICMP, SCTP, ... (not decoded further).
  FragmentStats fragments;
  TcpStats tcp;
};

nlohmann::json to_json(const DecodeStats& stats);

}  // namespace sipconf::harness
