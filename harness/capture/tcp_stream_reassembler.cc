#include "harness/capture/tcp_stream_reassembler.h"

#include <algorithm>
#include <iterator>

namespace sipconf::harness {
namespace {

constexpr uint64_t kSweepIntervalNs = 1'000'000'000;

}  // namespace

size_t TcpStreamReassembler::FlowKeyHash::operator()(const FlowKey& k) const noexcept {
  const EndpointHash h;
  return hash_combine(h(k.a), h(k.b));
}

uint64_t TcpStreamReassembler::Direction::offset_of(uint32_t seq) const {
  // Sequence numbers are compared modulo 2^32 relative to the next expected one,
  // which makes wraparound invisible; bytes "before" offset 0 clamp to 0.
  const uint32_t next_seq = base_seq + static_cast<uint32_t>(next_offset);
  const int64_t offset = static_cast<int64_t>(next_offset) + static_cast<int32_t>(seq - next_seq);
  return offset < 0 ? 0 : static_cast<uint64_t>(offset);
}

TcpStreamReassembler::TcpStreamReassembler(TcpStreamSink& sink, TcpReassemblyOptions options)
    : sink_(sink), options_(options) {}

TcpStreamReassembler::~TcpStreamReassembler() = default;

TcpStreamReassembler::Flow& TcpStreamReassembler::create_flow(const FlowKey& key,
                                                              const TcpSegment& segment) {
  if (flows_.size() >= options_.max_flows) {
    sweep(segment.timestamp_ns);
    if (flows_.size() >= options_.max_flows) evict_least_recent();
  }
  auto flow = std::make_unique<Flow>();
  flow->id = next_flow_id_++;
  const bool syn = (segment.flags & kTcpSyn) != 0;
  const bool ack = (segment.flags & kTcpAck) != 0;
  const bool from_responder = syn && ack;  // a SYN-ACK comes from the responder
  flow->endpoint[0] = from_responder ? segment.dst : segment.src;
  flow->endpoint[1] = from_responder ? segment.src : segment.dst;
  ++stats_.flows;
  if (!syn) ++stats_.flows_started_midstream;
  Flow& ref = *flow;
  flows_[key] = std::move(flow);
  return ref;
}

void TcpStreamReassembler::add(const TcpSegment& segment) {
  ++stats_.segments;
  stats_.payload_bytes += segment.payload.size();
  if (segment.timestamp_ns >= next_sweep_ns_) {
    sweep(segment.timestamp_ns);
    next_sweep_ns_ = segment.timestamp_ns + kSweepIntervalNs;
  }

  const bool syn = (segment.flags & kTcpSyn) != 0;
  const bool ack = (segment.flags & kTcpAck) != 0;
  const bool has_data = !segment.payload.empty() || segment.missing_length > 0;
  const uint64_t data_length = segment.payload.size() + segment.missing_length;
  const FlowKey key = segment.src < segment.dst ? FlowKey{segment.src, segment.dst}
                                                : FlowKey{segment.dst, segment.src};

  auto it = flows_.find(key);
  Flow* flow = it == flows_.end() ? nullptr : it->second.get();
  if (flow != nullptr) {
    const int d = flow->endpoint[0] == segment.src ? 0 : 1;
    const Direction& dir = flow->dir[d];
    bool new_connection = false;
    if (syn && !ack && dir.syn_seen && segment.seq != dir.isn) {
      new_connection = true;  // the port pair was reused
    } else if (flow->closed) {
      if (syn && !ack) {
        new_connection = true;
      } else if (!has_data) {
        return;  // the last ACKs of a closed connection
      } else if (dir.started && dir.offset_of(segment.seq) + data_length <= dir.next_offset) {
        ++stats_.retransmitted_segments;
        return;
      } else {
        new_connection = true;
      }
    }
    if (new_connection) {
      if (!flow->closed) end_flow(*flow, TcpFlowEnd::kReplaced);
      flows_.erase(it);
      flow = nullptr;
    }
  }
  if (flow == nullptr) {
    if (!syn && !has_data) {
      ++stats_.segments_without_flow;
      return;
    }
    flow = &create_flow(key, segment);
  }

  flow->last_seen_ns = segment.timestamp_ns;
  const int d = flow->endpoint[0] == segment.src ? 0 : 1;
  Direction& dir = flow->dir[d];
  Direction& peer = flow->dir[1 - d];

  if ((segment.flags & kTcpRst) != 0) {
    end_flow(*flow, TcpFlowEnd::kReset);
    return;
  }

  if (ack && peer.started) {
    const uint64_t acked = peer.offset_of(segment.ack);
    if (!peer.peer_ack_seen || acked > peer.peer_acked) {
      peer.peer_acked = acked;
      peer.peer_ack_seen = true;
    }
    if (!peer.buffered.empty()) drain(*flow, 1 - d, segment.timestamp_ns, Drain::kNormal);
  }

  uint32_t data_seq = segment.seq;
  if (syn) {
    if (!dir.started) {
      dir.started = true;
      dir.syn_seen = true;
      dir.isn = segment.seq;
      dir.base_seq = segment.seq + 1;
    }
    data_seq = segment.seq + 1;
  } else if (!dir.started) {
    dir.started = true;
    dir.base_seq = segment.seq;
    dir.gap_pending = true;  // what came before the capture is unknown
  }

  const uint64_t start = dir.offset_of(data_seq);
  if (segment.missing_length > 0) {
    const uint64_t end = start + segment.missing_length;
    if (end <= dir.next_offset) {
      ++stats_.retransmitted_segments;
    } else if (start <= dir.next_offset) {
      ++stats_.gaps;
      ++dir.gaps;
      stats_.gap_bytes += end - dir.next_offset;
      dir.next_offset = end;
      dir.gap_pending = true;
      drain(*flow, d, segment.timestamp_ns, Drain::kNormal);
    }
  } else if (!segment.payload.empty()) {
    handle_payload(*flow, d, start, segment.payload, segment.timestamp_ns);
  }

  if ((segment.flags & kTcpFin) != 0 && !dir.fin_seen) {
    dir.fin_seen = true;
    dir.fin_offset = start + data_length;
  }
  if (flow->dir[0].finished() && flow->dir[1].finished()) end_flow(*flow, TcpFlowEnd::kFin);
}

void TcpStreamReassembler::handle_payload(Flow& flow, int d, uint64_t start,
                                          std::span<const uint8_t> bytes, uint64_t now_ns) {
  Direction& dir = flow.dir[d];
  const uint64_t end = start + bytes.size();
  if (end <= dir.next_offset) {
    ++stats_.retransmitted_segments;
    return;
  }
  if (start < dir.next_offset) {
    ++stats_.overlapping_segments;
    bytes = bytes.subspan(dir.next_offset - start);
    start = dir.next_offset;
  }
  if (start == dir.next_offset) {
    // Fast path: deliver from the caller's buffer up to the first buffered byte.
    const uint64_t limit = dir.buffered.empty() ? end : std::min(end, dir.buffered.begin()->first);
    const size_t direct = static_cast<size_t>(limit - start);
    deliver(flow, d, bytes.first(direct), now_ns);
    if (direct == bytes.size()) {
      if (!dir.buffered.empty()) drain(flow, d, now_ns, Drain::kNormal);
      return;
    }
    bytes = bytes.subspan(direct);
    start = limit;
  } else {
    ++stats_.out_of_order_segments;
  }

  // Buffer the bytes that fill holes; bytes already buffered win (first copy wins).
  bool stored = false;
  uint64_t cursor = start;
  auto it = dir.buffered.upper_bound(start);
  if (it != dir.buffered.begin()) {
    const auto prev = std::prev(it);
    cursor = std::max(cursor, prev->first + prev->second.bytes.size());
  }
  while (cursor < end) {
    const uint64_t piece_end =
        (it != dir.buffered.end() && it->first < end) ? std::max(cursor, it->first) : end;
    if (piece_end > cursor) {
      const auto first = bytes.begin() + static_cast<ptrdiff_t>(cursor - start);
      const auto last = bytes.begin() + static_cast<ptrdiff_t>(piece_end - start);
      dir.buffered.emplace_hint(it, cursor, Buffered{now_ns, std::vector<uint8_t>(first, last)});
      dir.buffered_bytes += piece_end - cursor;
      stored = true;
    }
    if (it == dir.buffered.end() || it->first >= end) break;
    cursor = std::max(cursor, it->first + it->second.bytes.size());
    ++it;
  }
  if (!stored && start > dir.next_offset) ++stats_.retransmitted_segments;

  while (!dir.buffered.empty() &&
         (dir.buffered_bytes > options_.max_buffered_bytes_per_direction ||
          dir.buffered.size() > options_.max_buffered_segments_per_direction)) {
    skip_to_first_buffered(flow, d);
    drain(flow, d, now_ns, Drain::kNormal);
  }
  drain(flow, d, now_ns, Drain::kNormal);
}

void TcpStreamReassembler::deliver(Flow& flow, int d, std::span<const uint8_t> bytes,
                                   uint64_t timestamp_ns) {
  if (bytes.empty()) return;
  Direction& dir = flow.dir[d];
  TcpChunk chunk;
  chunk.flow_id = flow.id;
  chunk.direction = static_cast<TcpDirection>(d);
  chunk.timestamp_ns = timestamp_ns;
  chunk.src = flow.endpoint[d];
  chunk.dst = flow.endpoint[1 - d];
  chunk.stream_offset = dir.next_offset;
  chunk.bytes = bytes;
  chunk.gap_before = dir.gap_pending;
  dir.gap_pending = false;
  dir.next_offset += bytes.size();
  dir.delivered += bytes.size();
  sink_.on_tcp_chunk(chunk);
}

void TcpStreamReassembler::skip_to_first_buffered(Flow& flow, int d) {
  Direction& dir = flow.dir[d];
  if (dir.buffered.empty()) return;
  const uint64_t start = dir.buffered.begin()->first;
  if (start <= dir.next_offset) return;
  ++stats_.gaps;
  ++dir.gaps;
  stats_.gap_bytes += start - dir.next_offset;
  dir.next_offset = start;
  dir.gap_pending = true;
}

void TcpStreamReassembler::drain(Flow& flow, int d, uint64_t now_ns, Drain mode) {
  Direction& dir = flow.dir[d];
  while (!dir.buffered.empty()) {
    auto it = dir.buffered.begin();
    const uint64_t start = it->first;
    const uint64_t end = start + it->second.bytes.size();
    uint64_t timestamp = std::max(now_ns, it->second.timestamp_ns);
    if (start > dir.next_offset) {
      const bool acked = dir.peer_ack_seen && dir.peer_acked >= start;
      const bool timed_out = now_ns > it->second.timestamp_ns &&
                             now_ns - it->second.timestamp_ns > options_.gap_timeout_ns;
      if (mode != Drain::kForce && !acked && !timed_out) break;
      if (!acked) timestamp = it->second.timestamp_ns;  // best knowledge of when it was seen
      skip_to_first_buffered(flow, d);
    }
    auto node = dir.buffered.extract(it);
    dir.buffered_bytes -= node.mapped().bytes.size();
    if (end > dir.next_offset) {
      std::span<const uint8_t> bytes = node.mapped().bytes;
      deliver(flow, d, bytes.subspan(static_cast<size_t>(dir.next_offset - start)), timestamp);
    }
  }
}

void TcpStreamReassembler::end_flow(Flow& flow, TcpFlowEnd end) {
  for (int d = 0; d < 2; ++d) drain(flow, d, flow.last_seen_ns, Drain::kForce);
  TcpFlowSummary summary;
  summary.flow_id = flow.id;
  summary.initiator = flow.endpoint[0];
  summary.responder = flow.endpoint[1];
  summary.handshake_seen = flow.dir[0].syn_seen;
  summary.end = end;
  for (int d = 0; d < 2; ++d) {
    summary.bytes[d] = flow.dir[d].delivered;
    summary.gaps[d] = flow.dir[d].gaps;
  }
  flow.closed = true;
  sink_.on_tcp_flow_end(summary);
}

void TcpStreamReassembler::sweep(uint64_t now_ns) {
  for (auto it = flows_.begin(); it != flows_.end();) {
    Flow& flow = *it->second;
    const uint64_t idle = now_ns > flow.last_seen_ns ? now_ns - flow.last_seen_ns : 0;
    if (flow.closed && idle > options_.closed_linger_ns) {
      it = flows_.erase(it);
      continue;
    }
    if (!flow.closed && idle > options_.idle_timeout_ns) {
      end_flow(flow, TcpFlowEnd::kIdle);
      it = flows_.erase(it);
      continue;
    }
    if (!flow.closed) {
      for (int d = 0; d < 2; ++d) {
        if (!flow.dir[d].buffered.empty()) drain(flow, d, now_ns, Drain::kNormal);
      }
    }
    ++it;
  }
}

void TcpStreamReassembler::evict_least_recent() {
  auto victim = flows_.end();
  for (auto it = flows_.begin(); it != flows_.end(); ++it) {
    if (victim == flows_.end()) {
      victim = it;
      continue;
    }
    const Flow& a = *it->second;
    const Flow& b = *victim->second;
    // Closed connections go first, then the least recently active.
    if (a.closed != b.closed ? a.closed : a.last_seen_ns < b.last_seen_ns) victim = it;
  }
  if (victim == flows_.end()) return;
  if (!victim->second->closed) end_flow(*victim->second, TcpFlowEnd::kIdle);
  ++stats_.flows_evicted;
  flows_.erase(victim);
}

void TcpStreamReassembler::finish() {
  std::vector<Flow*> open;
  for (auto& [key, flow] : flows_) {
    if (!flow->closed) open.push_back(flow.get());
  }
  std::sort(open.begin(), open.end(), [](const Flow* a, const Flow* b) { return a->id < b->id; });
  for (Flow* flow : open) end_flow(*flow, TcpFlowEnd::kEndOfCapture);
  flows_.clear();
}

}  // namespace sipconf::harness
