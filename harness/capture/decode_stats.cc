#include "harness/capture/decode_stats.h"

namespace sipconf::harness {

nlohmann::json to_json(const DecodeStats& s) {
  return {
      {"frames", s.frames},
      {"captured_bytes", s.captured_bytes},
      {"wire_bytes", s.wire_bytes},
      {"frames_cut_by_snaplen", s.frames_cut_by_snaplen},
      {"truncated", s.truncated},
      {"non_ip", s.non_ip},
      {"ip_malformed", s.ip_malformed},
      {"ipv4", s.ipv4},
      {"ipv6", s.ipv6},
      {"udp", s.udp},
      {"udp_bytes", s.udp_bytes},
      {"udp_malformed", s.udp_malformed},
      {"tcp_malformed", s.tcp_malformed},
      {"other_ip_protocol", s.other_ip_protocol},
      {"ip_fragments",
       {{"fragments", s.fragments.fragments},
        {"datagrams_reassembled", s.fragments.datagrams_reassembled},
        {"duplicate_fragments", s.fragments.duplicate_fragments},
        {"overlap_conflicts", s.fragments.overlap_conflicts},
        {"datagrams_timed_out", s.fragments.datagrams_timed_out},
        {"datagrams_evicted", s.fragments.datagrams_evicted},
        {"datagrams_malformed", s.fragments.datagrams_malformed}}},
      {"tcp",
       {{"segments", s.tcp.segments},
        {"payload_bytes", s.tcp.payload_bytes},
        {"flows", s.tcp.flows},
        {"flows_started_midstream", s.tcp.flows_started_midstream},
        {"segments_without_flow", s.tcp.segments_without_flow},
        {"retransmitted_segments", s.tcp.retransmitted_segments},
        {"overlapping_segments", s.tcp.overlapping_segments},
        {"out_of_order_segments", s.tcp.out_of_order_segments},
        {"gaps", s.tcp.gaps},
        {"gap_bytes", s.tcp.gap_bytes},
        {"flows_evicted", s.tcp.flows_evicted}}},
  };
}

}  // namespace sipconf::harness
