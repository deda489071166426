#pragma once

#include <cstdint>
#include <span>

#include "harness/capture/ip_endpoint.h"

namespace sipconf::harness {

/// One UDP datagram as captured (after IP reassembly when it was fragmented).
/// `payload` views memory owned by the producer (libpcap's buffer or the fragment
/// reassembler) and is valid only during the on_datagram call: copy what you keep.
struct Datagram {
  uint64_t timestamp_ns = 0;  ///< Capture time of the (last) packet, ns since the epoch.
  Endpoint src;
  Endpoint dst;
  std::span<const uint8_t> payload;
  bool reassembled = false;  ///< Rebuilt from IP fragments.
};

/// Which side of a TCP connection sent the bytes. The initiator is the endpoint that
/// sent the SYN; when the handshake was not captured, the sender of the first segment.
enum class TcpDirection : uint8_t { kFromInitiator = 0, kFromResponder = 1 };

/// In-order bytes of one direction of a TCP connection. Chunks of a direction arrive
/// in stream order, without overlaps or duplicates. `bytes` is valid only during the
/// on_tcp_chunk call (it views libpcap's buffer on the in-order fast path, or a
/// reassembly buffer that is freed right after).
struct TcpChunk {
  uint64_t flow_id = 0;  ///< Numbers connections in the order they were first seen, from 1.
  TcpDirection direction = TcpDirection::kFromInitiator;
  uint64_t timestamp_ns = 0;  ///< Capture time of the packet that made these bytes available.
  Endpoint src;
  Endpoint dst;
  uint64_t stream_offset = 0;  ///< Offset of bytes[0] from the first byte seen in this direction.
  std::span<const uint8_t> bytes;
  /// Bytes are missing before this chunk: a segment was lost from the capture, or the
  /// capture started mid-stream (first chunk of a direction whose SYN was not seen).
  /// A framer must resynchronise (look for the next start line) instead of continuing.
  bool gap_before = false;
};

enum class TcpFlowEnd : uint8_t {
  kFin,           ///< Both directions closed with FIN and every byte was delivered.
  kReset,         ///< RST seen.
  kReplaced,      ///< A new SYN reused the address/port pair.
  kIdle,          ///< No packets for the idle timeout (or evicted to bound memory).
  kEndOfCapture,  ///< Still open when the input ended.
};

/// Summary of one TCP connection, reported once after its last chunk.
struct TcpFlowSummary {
  uint64_t flow_id = 0;
  Endpoint initiator;
  Endpoint responder;
  bool handshake_seen = false;  ///< The initiator's SYN was captured.
  TcpFlowEnd end = TcpFlowEnd::kEndOfCapture;
  uint64_t bytes[2] = {0, 0};  ///< Delivered bytes per TcpDirection.
  uint64_t gaps[2] = {0, 0};   ///< Gaps per TcpDirection (a mid-stream start not included).
};

/// Receives reassembled TCP streams.
class TcpStreamSink {
 public:
  virtual ~TcpStreamSink() = default;
  virtual void on_tcp_chunk(const TcpChunk& chunk) = 0;
  virtual void on_tcp_flow_end(const TcpFlowSummary& /*summary*/) {}
};

/// Receives everything the packet decoder extracts from a capture, in capture order.
/// A virtual interface rather than std::function: one indirect call per payload and
/// no allocation on the per-packet path.
class PayloadVisitor : public TcpStreamSink {
 public:
  virtual void on_datagram(const Datagram& datagram) = 0;
};

}  // namespace sipconf::harness
