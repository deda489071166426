#include "harness/capture/ip_fragment_reassembler.h"

#include <algorithm>
#include <cstring>

namespace sipconf::harness {
namespace {

/// Largest reassembled payload an IPv4 or (non-jumbo) IPv6 datagram can have.
constexpr uint32_t kMaxDatagramPayload = 65535;

}  // namespace

size_t IpFragmentReassembler::KeyHash::operator()(const Key& k) const noexcept {
  size_t h = hash_combine(hash_ip_address(k.src), hash_ip_address(k.dst));
  return hash_combine(h, (size_t{k.id} << 8) | k.protocol);
}

IpFragmentReassembler::IpFragmentReassembler(FragmentReassemblyOptions options)
    : options_(options) {}

void IpFragmentReassembler::erase(std::unordered_map<Key, Pending, KeyHash>::iterator it) {
  bytes_in_flight_ -= it->second.data.size();
  pending_.erase(it);
  if (pending_.empty()) oldest_first_seen_ns_ = UINT64_MAX;
}

void IpFragmentReassembler::evict_oldest() {
  auto oldest = pending_.begin();
  for (auto it = pending_.begin(); it != pending_.end(); ++it) {
    if (it->second.first_seen_ns < oldest->second.first_seen_ns) oldest = it;
  }
  if (oldest == pending_.end()) return;
  ++stats_.datagrams_evicted;
  erase(oldest);
  oldest_first_seen_ns_ = UINT64_MAX;
  for (const auto& [key, p] : pending_) {
    oldest_first_seen_ns_ = std::min(oldest_first_seen_ns_, p.first_seen_ns);
  }
}

void IpFragmentReassembler::expire(uint64_t now_ns) {
  if (oldest_first_seen_ns_ == UINT64_MAX || now_ns < oldest_first_seen_ns_ ||
      now_ns - oldest_first_seen_ns_ <= options_.timeout_ns) {
    return;
  }
  uint64_t oldest = UINT64_MAX;
  for (auto it = pending_.begin(); it != pending_.end();) {
    if (now_ns - it->second.first_seen_ns > options_.timeout_ns) {
      ++stats_.datagrams_timed_out;
      bytes_in_flight_ -= it->second.data.size();
      it = pending_.erase(it);
    } else {
      oldest = std::min(oldest, it->second.first_seen_ns);
      ++it;
    }
  }
  oldest_first_seen_ns_ = oldest;
}

bool IpFragmentReassembler::merge(Pending& p, uint32_t begin, std::span<const uint8_t> bytes,
                                  bool drop_on_conflict) {
  const uint32_t end = begin + static_cast<uint32_t>(bytes.size());
  // Compare every overlap first, so a conflicting IPv6 fragment changes nothing.
  bool overlapped = false;
  bool conflict = false;
  for (const Range& r : p.received) {
    const uint32_t lo = std::max(begin, r.begin);
    const uint32_t hi = std::min(end, r.end);
    if (lo >= hi) continue;
    overlapped = true;
    conflict = conflict || std::memcmp(&p.data[lo], &bytes[lo - begin], hi - lo) != 0;
  }
  if (conflict) {
    ++stats_.overlap_conflicts;
    if (drop_on_conflict) return false;
  } else if (overlapped) {
    ++stats_.duplicate_fragments;
  }
  // Fill only the holes: bytes that arrived first win.
  uint32_t cursor = begin;
  for (const Range& r : p.received) {
    if (r.end <= cursor) continue;
    if (r.begin >= end) break;
    if (r.begin > cursor) {
      std::memcpy(&p.data[cursor], &bytes[cursor - begin], r.begin - cursor);
    }
    cursor = std::max(cursor, r.end);
  }
  if (cursor < end) std::memcpy(&p.data[cursor], &bytes[cursor - begin], end - cursor);

  // Insert [begin, end) and merge neighbours; the list stays sorted and disjoint.
  auto it = std::lower_bound(p.received.begin(), p.received.end(), begin,
                             [](const Range& r, uint32_t v) { return r.end < v; });
  Range merged{begin, end};
  auto last = it;
  while (last != p.received.end() && last->begin <= merged.end) {
    merged.begin = std::min(merged.begin, last->begin);
    merged.end = std::max(merged.end, last->end);
    ++last;
  }
  it = p.received.erase(it, last);
  p.received.insert(it, merged);
  return true;
}

IpFragmentReassembler::Result IpFragmentReassembler::add(const IpPacket& fragment,
                                                         uint64_t timestamp_ns,
                                                         ReassembledDatagram& out) {
  ++stats_.fragments;
  expire(timestamp_ns);

  const bool v6 = fragment.src.family == IpFamily::kV6;
  const Key key{fragment.src, fragment.dst, fragment.fragment_id,
                v6 ? uint8_t{0} : fragment.protocol};
  const uint32_t begin = fragment.fragment_offset;
  const uint64_t end64 = uint64_t{begin} + fragment.payload.size();
  auto it = pending_.find(key);

  auto drop_malformed = [&]() {
    ++stats_.datagrams_malformed;
    if (it != pending_.end()) erase(it);
    return Result::kDropped;
  };
  // Every fragment but the last carries a multiple of 8 bytes (RFC 791, RFC 8200).
  if (end64 > kMaxDatagramPayload ||
      (fragment.more_fragments && fragment.payload.size() % 8 != 0) ||
      (fragment.more_fragments && fragment.payload.empty())) {
    return drop_malformed();
  }
  const uint32_t end = static_cast<uint32_t>(end64);

  if (it == pending_.end()) {
    while (pending_.size() >= options_.max_datagrams_in_flight && !pending_.empty()) {
      evict_oldest();
    }
    it = pending_.emplace(key, Pending{}).first;
    it->second.first_seen_ns = timestamp_ns;
    oldest_first_seen_ns_ = std::min(oldest_first_seen_ns_, timestamp_ns);
  }
  Pending& p = it->second;

  if (!fragment.more_fragments) {
    const bool data_beyond_end = !p.received.empty() && p.received.back().end > end;
    if ((p.total_length != 0 && p.total_length != end) || data_beyond_end) {
      return drop_malformed();
    }
    p.total_length = end;
  } else if (p.total_length != 0 && end > p.total_length) {
    return drop_malformed();
  }

  if (end > p.data.size()) {
    const size_t growth = end - p.data.size();
    if (growth > options_.max_bytes_in_flight) {
      ++stats_.datagrams_evicted;
      erase(it);
      return Result::kDropped;
    }
    while (bytes_in_flight_ + growth > options_.max_bytes_in_flight && pending_.size() > 1) {
      // Evict others first; `p` is the newest data and the likeliest to complete.
      const uint64_t saved = p.first_seen_ns;
      p.first_seen_ns = UINT64_MAX;
      evict_oldest();
      p.first_seen_ns = saved;
      oldest_first_seen_ns_ = std::min(oldest_first_seen_ns_, saved);
    }
    p.data.resize(end);
    bytes_in_flight_ += growth;
  }

  if (!merge(p, begin, fragment.payload, /*drop_on_conflict=*/v6)) return drop_malformed();
  if (begin == 0) {
    p.first_protocol = fragment.protocol;
    p.have_first = true;
  }

  const bool complete = p.total_length != 0 && p.received.size() == 1 &&
                        p.received.front().begin == 0 && p.received.front().end == p.total_length &&
                        p.have_first;
  if (!complete) return Result::kIncomplete;

  const uint8_t first_protocol = p.first_protocol;
  const uint32_t total_length = p.total_length;
  bytes_in_flight_ -= p.data.size();
  completed_.swap(p.data);
  completed_.resize(total_length);
  pending_.erase(it);
  it = pending_.end();

  out.src = key.src;
  out.dst = key.dst;
  if (v6) {
    if (continue_ipv6_headers(first_protocol, completed_, out.protocol, out.payload) !=
        IpParseStatus::kOk) {
      return drop_malformed();
    }
  } else {
    out.protocol = key.protocol;
    out.payload = completed_;
  }
  ++stats_.datagrams_reassembled;
  return Result::kComplete;
}

}  // namespace sipconf::harness
