#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/payload_visitor.h"

namespace sipconf::harness {

inline constexpr uint8_t kTcpFin = 0x01;
inline constexpr uint8_t kTcpSyn = 0x02;
inline constexpr uint8_t kTcpRst = 0x04;
inline constexpr uint8_t kTcpAck = 0x10;

/// One captured TCP segment. `payload` is only read during add().
struct TcpSegment {
  uint64_t timestamp_ns = 0;
  Endpoint src;
  Endpoint dst;
  uint32_t seq = 0;
  uint32_t ack = 0;
  uint8_t flags = 0;
  std::span<const uint8_t> payload;
  /// Payload bytes that were on the wire but not in the capture (snaplen cut). Such a
  /// segment is passed with an empty payload: its bytes become a reported gap.
  uint32_t missing_length = 0;
};

/// Limits for buffering and for deciding that bytes are lost rather than late.
struct TcpReassemblyOptions {
  size_t max_buffered_bytes_per_direction = 4u << 20;
  size_t max_buffered_segments_per_direction = 4096;
  /// Buffered data waits this long (capture time) for a missing segment; ACKs from the
  /// peer usually prove the loss much sooner.
  uint64_t gap_timeout_ns = 5'000'000'000;
  uint64_t idle_timeout_ns = 600'000'000'000;
  /// A closed connection is remembered this long to recognise late retransmissions.
  uint64_t closed_linger_ns = 60'000'000'000;
  size_t max_flows = 65536;
};

struct TcpStats {
  uint64_t segments = 0;
  uint64_t payload_bytes = 0;  ///< Payload bytes in captured segments (with duplicates).
  uint64_t flows = 0;
  uint64_t flows_started_midstream = 0;
  uint64_t segments_without_flow = 0;   ///< Pure ACK/FIN/RST for no known connection.
  uint64_t retransmitted_segments = 0;  ///< Every payload byte had been seen already.
  uint64_t overlapping_segments = 0;    ///< Partly new, partly already seen.
  uint64_t out_of_order_segments = 0;   ///< Arrived ahead of a hole and were buffered.
  uint64_t gaps = 0;                    ///< Holes skipped because the bytes were lost.
  uint64_t gap_bytes = 0;
  uint64_t flows_evicted = 0;
};

/// Rebuilds both directions of every TCP connection into in-order chunks. Handles
/// out-of-order and retransmitted or overlapping segments (first copy wins), sequence
/// wraparound, captures that start mid-stream, SYN/FIN/RST, and lost segments: a hole
/// is skipped, and the next chunk flagged gap_before, once the peer ACKs beyond it,
/// after gap_timeout, when buffers fill, or at the end of the connection.
/// In-order segments are delivered straight from the caller's buffer; only data that
/// must wait for a hole is copied.
class TcpStreamReassembler {
 public:
  explicit TcpStreamReassembler(TcpStreamSink& sink, TcpReassemblyOptions options = {});
  ~TcpStreamReassembler();
  TcpStreamReassembler(const TcpStreamReassembler&) = delete;
  TcpStreamReassembler& operator=(const TcpStreamReassembler&) = delete;

  void add(const TcpSegment& segment);

  /// Delivers everything still buffered (holes become gaps) and ends every open
  /// connection with TcpFlowEnd::kEndOfCapture, in flow-id order.
  void finish();

  size_t open_flows() const { return flows_.size(); }
  const TcpStats& stats() const { return stats_; }

 private:
  struct Buffered {
    uint64_t timestamp_ns;
    std::vector<uint8_t> bytes;
  };
  struct Direction {
    bool started = false;
    bool syn_seen = false;
    bool fin_seen = false;
    bool gap_pending = false;  ///< The next chunk gets gap_before.
    bool peer_ack_seen = false;
    uint32_t base_seq = 0;  ///< Sequence number of stream offset 0.
    uint32_t isn = 0;
    uint64_t next_offset = 0;  ///< Next stream offset to deliver.
    uint64_t fin_offset = 0;
    uint64_t peer_acked = 0;  ///< Highest offset the peer acknowledged.
    std::map<uint64_t, Buffered> buffered;
    size_t buffered_bytes = 0;
    uint64_t delivered = 0;
    uint64_t gaps = 0;

    bool finished() const { return fin_seen && next_offset >= fin_offset && buffered.empty(); }
    uint64_t offset_of(uint32_t seq) const;
  };
  struct Flow {
    uint64_t id = 0;
    Endpoint endpoint[2];  ///< [0] initiator, [1] responder.
    Direction dir[2];
    uint64_t last_seen_ns = 0;
    bool closed = false;
  };
  struct FlowKey {
    Endpoint a;
    Endpoint b;
    friend bool operator==(const FlowKey&, const FlowKey&) = default;
  };
  struct FlowKeyHash {
    size_t operator()(const FlowKey& k) const noexcept;
  };
  enum class Drain { kNormal, kForce };

  Flow& create_flow(const FlowKey& key, const TcpSegment& segment);
  void handle_payload(Flow& flow, int d, uint64_t start, std::span<const uint8_t> bytes,
                      uint64_t now_ns);
  void deliver(Flow& flow, int d, std::span<const uint8_t> bytes, uint64_t timestamp_ns);
  void drain(Flow& flow, int d, uint64_t now_ns, Drain mode);
  void skip_to_first_buffered(Flow& flow, int d);
  void end_flow(Flow& flow, TcpFlowEnd end);
  void sweep(uint64_t now_ns);
  void evict_least_recent();

  TcpStreamSink& sink_;
  TcpReassemblyOptions options_;
  std::unordered_map<FlowKey, std::unique_ptr<Flow>, FlowKeyHash> flows_;
  uint64_t next_flow_id_ = 1;
  uint64_t next_sweep_ns_ = 0;
  TcpStats stats_;
};

}  // namespace sipconf::harness
